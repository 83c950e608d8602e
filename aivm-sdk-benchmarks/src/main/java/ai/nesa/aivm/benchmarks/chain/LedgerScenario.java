package ai.nesa.aivm.benchmarks.chain;

import static ai.nesa.aivm.benchmarks.chain.GasRow.DIRECT;
import static ai.nesa.aivm.benchmarks.chain.GasRow.RELAYED;

import ai.nesa.aivm.chain.internal.contracts.AivmLedger;
import ai.nesa.aivm.chain.testing.AnvilNode;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.EthPublicKey;
import ai.nesa.aivm.crypto.Signature;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerDomain;
import ai.nesa.aivm.sdk.models.Access;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.RemoteCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * A model's life on a freshly deployed AivmLedger, each step a transaction whose {@code gasUsed} is
 * recorded: the owner registers a private and a public model, two nodes register, versions are
 * published, nodes are granted the private model (one at a time, then ten in one {@code
 * grantBatch}), reviewers rate a version, grants are revoked, versions deprecated, the key epoch
 * rotated and the models transferred. Each operation is sent in both forms: relayed (the signer's
 * EIP-712 request, signed with the SDK, sent by anvil's dev account 0) and direct (the sender acts
 * for itself).
 *
 * <p>Storage is first used where a real first use would use it: a new model, version, node, grant
 * and review each write slots that were zero, and each signer's first relayed request writes its
 * nonce from 0. Every row says which case it is.
 */
final class LedgerScenario {
  static final String PRIVATE_MODEL = "acme/sentiment-pro";
  static final String PUBLIC_MODEL = "acme/sentiment-lite";
  static final String VERSION = "1.0.0";
  static final int BATCH = 10;
  private static final ContractGasProvider GAS =
      new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(15_000_000));

  private final AnvilNode anvil;
  private final Web3j web3j;
  private final List<GasRow> rows = new ArrayList<>();

  private LedgerScenario(AnvilNode anvil, Web3j web3j) {
    this.anvil = anvil;
    this.web3j = web3j;
  }

  /** Deploys AivmLedger on {@code anvil} (whose dev account 0 has sent nothing yet) and plays the scenario. */
  static List<GasRow> run(AnvilNode anvil) throws Exception {
    Web3j web3j = Web3j.build(new HttpService(anvil.url().toString()));
    try {
      return new LedgerScenario(anvil, web3j).play();
    } finally {
      web3j.shutdown();
    }
  }

  private List<GasRow> play() throws Exception {
    Actor relayer = Actor.anvilDev0();
    Actor owner = Actor.of("owner");
    Actor newOwner = Actor.of("new owner");
    Actor reviewer = Actor.of("reviewer, relayed");
    Actor directReviewer = Actor.of("reviewer, direct");
    Actor node1 = Actor.of("node 1");
    Actor node2 = Actor.of("node 2");
    List<Actor> batchNodes = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      batchNodes.add(Actor.of("node " + (3 + i)));
    }
    for (Actor sender : List.of(owner, directReviewer, node2)) {
      sender.fund(anvil);
    }

    AivmLedger ledger = AivmLedger.deploy(web3j, relayer.transactions(web3j), GAS).send();
    record("deploy", "-", ledger.getTransactionReceipt().orElseThrow(), "AivmLedger's creation, by anvil's dev account 0");
    String contract = ledger.getContractAddress();
    Relay relay = new Relay(ledger, new LedgerDomain(AnvilNode.CHAIN_ID, Address.of(contract)));
    AivmLedger asOwner = owner.ledger(web3j, contract, GAS);
    ModelId pro = ModelId.of(PRIVATE_MODEL);
    Semver version = Semver.of(VERSION);

    // Models: the private one through the relayer (the owner's first signed request), the public one directly.
    AivmLedger.Auth auth = relay.auth(new LedgerAction.RegisterModel(pro, Access.PRIVATE), owner);
    measure("register-model", RELAYED, ledger.registerModel(new AivmLedger.RegisterModelRequest(PRIVATE_MODEL,
        "private"), auth), "a new private model (its slot 0 -> set); " + nonce(auth));
    measure("register-model", DIRECT, asOwner.registerModel(new AivmLedger.RegisterModelRequest(PUBLIC_MODEL,
        "public")), "a new public model (its slot 0 -> set)");

    // Nodes: each states its encryption key and endpoint in a NodeRegistration it signs.
    registerNode(relay, ledger, node1, true, true);
    registerNode(relay, node2.ledger(web3j, contract, GAS), node2, false, true);

    // Versions: a new version writes both of its slots.
    auth = relay.auth(new LedgerAction.PublishVersion(pro, version, Payloads.manifestCid(PRIVATE_MODEL, VERSION),
        Payloads.manifestHash(PRIVATE_MODEL, VERSION)), owner);
    measure("publish-version", RELAYED, ledger.publishVersion(publish(PRIVATE_MODEL), auth),
        "a new version (2 slots 0 -> set); 59-char bafkrei CID, 32-byte hash; " + nonce(auth));
    measure("publish-version", DIRECT, asOwner.publishVersion(publish(PUBLIC_MODEL)),
        "a new version (2 slots 0 -> set); 59-char bafkrei CID, 32-byte hash");

    // Grants of the private model, every version of epoch 0: each node's first grant.
    byte[] key1 = wrappedKey(node1);
    auth = relay.auth(new LedgerAction.Grant(pro, node1.address(), 0, key1, Optional.empty()), owner);
    measure("grant", RELAYED, ledger.grant(new AivmLedger.GrantRequest(PRIVATE_MODEL, node1.hex(), BigInteger.ZERO,
        key1, ""), auth), "a registered node's first grant (slot 0 -> set), 113-byte key; " + nonce(auth));
    measure("grant", DIRECT, asOwner.grant(new AivmLedger.GrantRequest(PRIVATE_MODEL, node2.hex(), BigInteger.ZERO,
        wrappedKey(node2), "")), "a registered node's first grant (slot 0 -> set), 113-byte key");

    for (Actor node : batchNodes) {
      registerNode(relay, ledger, node, true, false);
    }
    List<String> nodes = batchNodes.stream().map(Actor::hex).toList();
    List<byte[]> keys = batchNodes.stream().map(LedgerScenario::wrappedKey).toList();
    TransactionReceipt batch = measure("grant-batch", DIRECT, asOwner.grantBatch(PRIVATE_MODEL, nodes, BigInteger.ZERO,
        keys, ""), BATCH + " registered nodes' first grants (10 slots 0 -> set), a 113-byte key each");
    check(AivmLedger.getGrantedEvents(batch).size() == BATCH, "grantBatch emitted " + BATCH + " Granted events");
    for (Actor node : batchNodes) {
      check(ledger.isAuthorized(PRIVATE_MODEL, node.hex(), "").send(), node + " is authorized after grantBatch");
    }

    // Reviews of the public version: each reviewer's first review of it.
    String text = Payloads.textCid("Accurate on product reviews; slow on long inputs.").value();
    auth = relay.auth(new LedgerAction.Review(ModelId.of(PUBLIC_MODEL), version, 5,
        Payloads.textCid("Accurate on product reviews; slow on long inputs.")), reviewer);
    measure("review", RELAYED, ledger.review(new AivmLedger.ReviewRequest(PUBLIC_MODEL, VERSION, BigInteger.valueOf(5),
        text), auth), "a reviewer's first review of the version (rating 0 -> set), text CID; " + nonce(auth));
    measure("review", DIRECT, directReviewer.ledger(web3j, contract, GAS).review(new AivmLedger.ReviewRequest(
        PUBLIC_MODEL, VERSION, BigInteger.valueOf(4), text)),
        "a reviewer's first review of the version (rating 0 -> set), text CID");

    // Revocations: the grant's slot is cleared (a refund).
    auth = relay.auth(new LedgerAction.Revoke(pro, node1.address()), owner);
    measure("revoke", RELAYED, ledger.revoke(new AivmLedger.RevokeRequest(PRIVATE_MODEL, node1.hex()), auth),
        "a current grant deleted (slot set -> 0, refunded); " + nonce(auth));
    measure("revoke", DIRECT, asOwner.revoke(new AivmLedger.RevokeRequest(PRIVATE_MODEL, node2.hex())),
        "a current grant deleted (slot set -> 0, refunded)");
    check(!ledger.isAuthorized(PRIVATE_MODEL, node1.hex(), "").send(), "node 1 is no longer authorized");

    // Deprecations: a flag in the version's second slot.
    String reason = "tokenizer bug: use 1.0.1";
    auth = relay.auth(new LedgerAction.DeprecateVersion(pro, version, reason), owner);
    measure("deprecate-version", RELAYED, ledger.deprecateVersion(new AivmLedger.DeprecateVersionRequest(
        PRIVATE_MODEL, VERSION, reason), auth), "a version's flag (slot set -> set); " + nonce(auth));
    measure("deprecate-version", DIRECT, asOwner.deprecateVersion(new AivmLedger.DeprecateVersionRequest(
        PUBLIC_MODEL, VERSION, reason)), "a version's flag (slot set -> set)");

    // Key epochs of the private model: 0 -> 1 relayed, 1 -> 2 direct, threshold 1, a 32-byte commitment.
    auth = relay.auth(new LedgerAction.RotateEpoch(pro, 1, 1, Payloads.keyCommitment(PRIVATE_MODEL, 1)), owner);
    measure("rotate-epoch", RELAYED, ledger.rotateEpoch(rotate(1), auth),
        "epoch 0 -> 1 in the model's slot (set -> set); " + nonce(auth));
    measure("rotate-epoch", DIRECT, asOwner.rotateEpoch(rotate(2)), "epoch 1 -> 2 in the model's slot (set -> set)");
    check(!ledger.isAuthorized(PRIVATE_MODEL, batchNodes.get(0).hex(), "").send(),
        "an epoch-0 grant no longer counts after the rotation");

    // Transfers to a new owner.
    auth = relay.auth(new LedgerAction.TransferOwnership(pro, newOwner.address()), owner);
    measure("transfer-ownership", RELAYED, ledger.transferOwnership(new AivmLedger.TransferOwnershipRequest(
        PRIVATE_MODEL, newOwner.hex()), auth), "the owner in the model's slot (set -> set); " + nonce(auth));
    measure("transfer-ownership", DIRECT, asOwner.transferOwnership(new AivmLedger.TransferOwnershipRequest(
        PUBLIC_MODEL, newOwner.hex())), "the owner in the model's slot (set -> set)");
    return List.copyOf(rows);
  }

  /**
   * Registers {@code node}: relayed through {@code via} (the node signs the request), or sent by the
   * node itself when {@code via} is the node's own; recorded unless {@code measured} is false (setup).
   */
  private void registerNode(Relay relay, AivmLedger via, Actor node, boolean relayed, boolean measured)
      throws Exception {
    EthPublicKey encryptionKey = node.derivedKey("encryption").publicKey();
    String endpoint = "https://" + node.label().replace(' ', '-') + ".nodes.example.net:8443";
    byte[] statement = relay.registrationSignature(node, encryptionKey, endpoint);
    AivmLedger.RegisterNodeRequest request = new AivmLedger.RegisterNodeRequest(node.hex(),
        encryptionKey.uncompressed(), endpoint, statement);
    if (!relayed) {
      measure("register-node", DIRECT, via.registerNode(request),
          "a new node (slot 0 -> set); 65-byte key, its NodeRegistration checked");
      return;
    }
    AivmLedger.Auth auth = relay.auth(new LedgerAction.RegisterNode(node.address(), encryptionKey, endpoint,
        Signature.fromBytes(statement)), node);
    RemoteCall<TransactionReceipt> call = via.registerNode(request, auth);
    if (measured) {
      measure("register-node", RELAYED, call,
          "a new node (slot 0 -> set); 65-byte key, its NodeRegistration checked; " + nonce(auth));
    } else {
      check(call.send().isStatusOK(), node + " registered");
    }
  }

  private static AivmLedger.PublishVersionRequest publish(String model) {
    return new AivmLedger.PublishVersionRequest(model, VERSION, Payloads.manifestCid(model, VERSION).value(),
        Payloads.manifestHash(model, VERSION).bytes());
  }

  private static AivmLedger.RotateEpochRequest rotate(long epoch) {
    return new AivmLedger.RotateEpochRequest(PRIVATE_MODEL, BigInteger.valueOf(epoch), BigInteger.ONE,
        Payloads.keyCommitment(PRIVATE_MODEL, epoch));
  }

  private static byte[] wrappedKey(Actor node) {
    return Payloads.wrappedKey(node.derivedKey("encryption").publicKey(), PRIVATE_MODEL + " epoch 0 for " + node.label());
  }

  /** Which nonce write the relayed request pays for: the signer's first (0 -> 1) costs a new slot. */
  private static String nonce(AivmLedger.Auth auth) {
    BigInteger n = auth.nonce;
    return n.signum() == 0 ? "signer's first request (nonce 0 -> 1)" : "nonce " + n + " -> " + n.add(BigInteger.ONE);
  }

  private TransactionReceipt measure(String operation, String form, RemoteCall<TransactionReceipt> call,
      String scenario) throws Exception {
    TransactionReceipt receipt = call.send();
    record(operation, form, receipt, scenario);
    return receipt;
  }

  private void record(String operation, String form, TransactionReceipt receipt, String scenario) {
    check(receipt.isStatusOK(), operation + " " + form + " succeeded (" + receipt.getTransactionHash() + ")");
    rows.add(new GasRow(operation, form, receipt.getGasUsed().longValueExact(), scenario));
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("expected: " + what);
    }
  }
}
