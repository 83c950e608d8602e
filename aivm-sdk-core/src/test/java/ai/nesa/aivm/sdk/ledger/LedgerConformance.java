package ai.nesa.aivm.sdk.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Eip712;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthPublicKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.Signature;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.ledger.LedgerAction.DeprecateVersion;
import ai.nesa.aivm.sdk.ledger.LedgerAction.Grant;
import ai.nesa.aivm.sdk.ledger.LedgerAction.PublishVersion;
import ai.nesa.aivm.sdk.ledger.LedgerAction.RegisterModel;
import ai.nesa.aivm.sdk.ledger.LedgerAction.RegisterNode;
import ai.nesa.aivm.sdk.ledger.LedgerAction.Review;
import ai.nesa.aivm.sdk.ledger.LedgerAction.Revoke;
import ai.nesa.aivm.sdk.ledger.LedgerAction.RotateEpoch;
import ai.nesa.aivm.sdk.ledger.LedgerAction.TransferOwnership;
import ai.nesa.aivm.sdk.ledger.LedgerError.Code;
import ai.nesa.aivm.sdk.models.Access;
import ai.nesa.aivm.sdk.storage.ContentIds;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Ledger} shares, wherever it keeps its books: subclass it with a
 * {@link #newLedger(MutableClock)} for each implementation (the devnet's in-memory ledger, the EVM
 * ledger). Every rule of {@link Ledger}'s documentation has a test here that fails when the rule
 * breaks; every rejection is also checked to change nothing, its nonce included.
 *
 * <h2>Time</h2>
 *
 * <p>The suite controls the ledger's time through a {@link MutableClock}: it starts at {@link
 * #start()} (a whole second) and only moves forward, by whole seconds. The ledger must read "now"
 * from it for deadlines and for the times it records.
 *
 * <h2>Ledgers that apply later</h2>
 *
 * <p>A ledger whose {@link Ledger#submit} may answer {@code ACCEPTED} overrides {@link
 * #settle(LedgerReceipt)} to wait until the receipt is settled.
 *
 * <h2>Keys</h2>
 *
 * <p>Anvil's first five dev accounts: public knowledge, never for real funds. The ledger's
 * requests are relayed, so none of them needs a balance.
 */
public abstract class LedgerConformance {
  /** Anvil's account 0: owns the models. */
  protected static final EthPrivateKey OWNER = key("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  /** Anvil's account 1: owns nothing, runs no node. */
  protected static final EthPrivateKey STRANGER = key("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  /** Anvil's account 2: a node operator. */
  protected static final EthPrivateKey NODE_A = key("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
  /** Anvil's account 3: another node operator. */
  protected static final EthPrivateKey NODE_B = key("0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6");
  /** Anvil's account 4: takes a model over. */
  protected static final EthPrivateKey NEW_OWNER = key("0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a");

  protected static final ModelId PRIVATE_MODEL = ModelId.of("acme/secret-sauce");
  protected static final ModelId PUBLIC_MODEL = ModelId.of("acme/open-weights");
  protected static final Semver V1 = Semver.of("1.0.0");
  protected static final Semver V2 = Semver.of("2.0.0");

  private static final List<EthPrivateKey> KEYS = List.of(OWNER, STRANGER, NODE_A, NODE_B, NEW_OWNER);
  private static final BigInteger CURVE_ORDER =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  protected MutableClock clock;
  protected Ledger ledger;
  protected LedgerDomain domain;

  /** A new, empty ledger that reads its time from {@code clock}; closed after each test. */
  protected abstract Ledger newLedger(MutableClock clock);

  /** Where the clock starts: a whole second, not before the ledger's own latest time. */
  protected Instant start() {
    return Instant.parse("2030-01-01T00:00:00Z");
  }

  /**
   * The settled form of a receipt {@link Ledger#submit} returned: {@code APPLIED} or {@code
   * REJECTED}. A ledger that answers {@code ACCEPTED} overrides this to wait.
   */
  protected LedgerReceipt settle(LedgerReceipt submitted) {
    if (submitted.status() == LedgerReceipt.Status.ACCEPTED) {
      fail("the ledger answered ACCEPTED: override settle() to wait for " + submitted.requestId());
    }
    return submitted;
  }

  @BeforeEach
  void openLedger() {
    clock = MutableClock.startingAt(start());
    ledger = newLedger(clock);
    domain = ledger.domain();
  }

  @AfterEach
  void closeLedger() {
    ledger.close();
  }

  // ---- the check order: signature, deadline, nonce, the action's own rules ----

  @Test
  void aSignatureByAnotherKeyThanTheSignerIsInvalidSignature() {
    LedgerRequest byStranger = sign(STRANGER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE));
    LedgerRequest claimsOwner = LedgerRequest.of(byStranger.action(), OWNER.address(), byStranger.nonce(),
        byStranger.deadline(), byStranger.signature());

    assertRejected(Code.INVALID_SIGNATURE, claimsOwner);
  }

  @Test
  void aFieldChangedAfterSigningIsInvalidSignature() {
    LedgerRequest signed = sign(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE));
    List<LedgerRequest> tampered = List.of(
        LedgerRequest.of(new RegisterModel(PUBLIC_MODEL, Access.PRIVATE), signed.signer(), signed.nonce(),
            signed.deadline(), signed.signature()),
        LedgerRequest.of(new RegisterModel(PRIVATE_MODEL, Access.PUBLIC), signed.signer(), signed.nonce(),
            signed.deadline(), signed.signature()),
        LedgerRequest.of(signed.action(), signed.signer(), signed.nonce(), signed.deadline().plusSeconds(1),
            signed.signature()));

    for (LedgerRequest r : tampered) {
      assertRejected(Code.INVALID_SIGNATURE, r);
    }
    applied(signed);
  }

  @Test
  void aRequestSignedForAnotherChainIsInvalidSignature() {
    LedgerDomain otherChain = new LedgerDomain(domain.chainId() + 1, domain.verifyingContract());
    LedgerRequest request = LedgerRequest.sign(new RegisterModel(PRIVATE_MODEL, Access.PRIVATE), EthSigner.of(OWNER),
        otherChain, 0, deadline());

    assertRejected(Code.INVALID_SIGNATURE, request);
  }

  @Test
  void aRequestSignedForAnotherContractIsInvalidSignature() {
    byte[] contract = domain.verifyingContract().bytes();
    contract[19] ^= 1;
    LedgerDomain otherContract = new LedgerDomain(domain.chainId(), Address.fromBytes(contract));
    LedgerRequest request = LedgerRequest.sign(new RegisterModel(PRIVATE_MODEL, Access.PRIVATE), EthSigner.of(OWNER),
        otherContract, 0, deadline());

    assertRejected(Code.INVALID_SIGNATURE, request);
  }

  @Test
  void theHighSTwinOfAValidSignatureIsInvalidSignature() {
    LedgerRequest signed = sign(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE));
    LedgerRequest twin = LedgerRequest.of(signed.action(), signed.signer(), signed.nonce(), signed.deadline(),
        highSTwin(signed.signature()));

    assertRejected(Code.INVALID_SIGNATURE, twin);
    applied(signed);
  }

  @Test
  void aBadSignatureIsReportedBeforeAPassedDeadlineAWrongNonceAndTheActionsRules() {
    apply(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE));
    LedgerRequest byStranger = sign(STRANGER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE), 7, clock.instant());
    LedgerRequest claimsOwner = LedgerRequest.of(byStranger.action(), OWNER.address(), byStranger.nonce(),
        byStranger.deadline(), byStranger.signature());
    clock.advance(Duration.ofSeconds(1));

    assertRejected(Code.INVALID_SIGNATURE, claimsOwner);
  }

  @Test
  void aRequestWhoseDeadlineIsTheLedgersNowIsApplied() {
    applied(sign(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE), 0, clock.instant()));
  }

  @Test
  void aRequestWhoseDeadlineHasPassedIsDeadlinePassed() {
    LedgerRequest request = sign(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE), 0, clock.instant());
    clock.advance(Duration.ofSeconds(1));

    assertRejected(Code.DEADLINE_PASSED, request);
  }

  @Test
  void aPassedDeadlineIsReportedBeforeAWrongNonceAndTheActionsRules() {
    apply(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE));
    LedgerRequest conflicting = sign(STRANGER, new RegisterModel(PRIVATE_MODEL, Access.PUBLIC), 5, clock.instant());
    clock.advance(Duration.ofSeconds(1));

    assertRejected(Code.DEADLINE_PASSED, conflicting);
  }

  @Test
  void aSignerNeverSeenStartsAtNonceZeroAndEachAppliedRequestUsesOneUp() {
    assertEquals(0, ledger.nextNonce(OWNER.address()));
    assertEquals(0, ledger.nextNonce(STRANGER.address()));

    apply(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE));
    apply(OWNER, publish(PRIVATE_MODEL, V1));

    assertEquals(2, ledger.nextNonce(OWNER.address()));
    assertEquals(0, ledger.nextNonce(STRANGER.address()), "nonces are per signer");
    apply(STRANGER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC));
    assertEquals(1, ledger.nextNonce(STRANGER.address()));
    assertEquals(2, ledger.nextNonce(OWNER.address()));
  }

  @Test
  void aNonceAheadOfTheSignersNextIsNonceMismatch() {
    assertRejected(Code.NONCE_MISMATCH, sign(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE), 1, deadline()));
  }

  @Test
  void aRequestAppliedOnceIsNonceMismatchWhenReplayed() {
    LedgerRequest request = sign(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE));
    applied(request);

    assertRejected(Code.NONCE_MISMATCH, request);
    assertRejected(Code.NONCE_MISMATCH, sign(OWNER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC), 0, deadline()));
  }

  @Test
  void aWrongNonceIsReportedBeforeTheActionsRules() {
    apply(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE));

    assertRejected(Code.NONCE_MISMATCH, sign(STRANGER, new RegisterModel(PRIVATE_MODEL, Access.PUBLIC), 1, deadline()));
    assertRejected(Code.NONCE_MISMATCH, sign(STRANGER, publish(PRIVATE_MODEL, V1), 3, deadline()));
  }

  @Test
  void aRejectedRequestLeavesItsNonceForTheSignersNextRequest() {
    apply(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE));
    LedgerRequest conflicting = sign(STRANGER, new RegisterModel(PRIVATE_MODEL, Access.PUBLIC));
    assertEquals(0, conflicting.nonce());

    assertRejected(Code.CONFLICT, conflicting);

    assertEquals(0, ledger.nextNonce(STRANGER.address()));
    applied(sign(STRANGER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC), 0, deadline()));
    assertEquals(1, ledger.nextNonce(STRANGER.address()));
  }

  // ---- models ----

  @Test
  void registeringAModelMakesTheSignerItsOwnerAtEpochZeroWithThresholdOne() {
    apply(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE));

    assertEquals(Optional.of(new ModelRecord(PRIVATE_MODEL, OWNER.address(), Access.PRIVATE, 0, 1, new byte[0], clock.instant())),
        ledger.model(PRIVATE_MODEL));
  }

  @Test
  void registeringATakenNameIsConflictEvenForItsOwner() {
    apply(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE));

    assertRejected(Code.CONFLICT, sign(STRANGER, new RegisterModel(PRIVATE_MODEL, Access.PUBLIC)));
    assertRejected(Code.CONFLICT, sign(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PUBLIC)));
    assertEquals(OWNER.address(), ledger.model(PRIVATE_MODEL).orElseThrow().owner());
    assertEquals(Access.PRIVATE, ledger.model(PRIVATE_MODEL).orElseThrow().access());
  }

  @Test
  void modelsComeInTheOrderTheyWereRegistered() {
    ModelId zeta = ModelId.of("zeta/last-name-first");
    apply(STRANGER, new RegisterModel(zeta, Access.PUBLIC));
    apply(OWNER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC));
    apply(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE));

    assertEquals(List.of(zeta, PUBLIC_MODEL, PRIVATE_MODEL), ledger.models().stream().map(ModelRecord::id).toList());
    assertEquals(STRANGER.address(), ledger.models().get(0).owner());
  }

  @Test
  void aModelNeverRegisteredHasNoRecordNoVersionsNoGrantsAndNoReviews() {
    assertEquals(Optional.empty(), ledger.model(PRIVATE_MODEL));
    assertEquals(List.of(), ledger.models());
    assertEquals(List.of(), ledger.versions(PRIVATE_MODEL));
    assertEquals(Optional.empty(), ledger.version(PRIVATE_MODEL, V1));
    assertEquals(List.of(), ledger.grants(PRIVATE_MODEL));
    assertEquals(List.of(), ledger.reviews(PRIVATE_MODEL));
    assertEquals(List.of(), ledger.nodes());
    assertEquals(Optional.empty(), ledger.node(NODE_A.address()));
    assertEquals(List.of(), ledger.events(0, 10));
  }

  // ---- versions ----

  @Test
  void publishingRecordsTheManifestAndItsPublisher() {
    apply(OWNER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC));
    clock.advance(Duration.ofSeconds(3));
    PublishVersion publish = publish(PUBLIC_MODEL, V1);

    apply(OWNER, publish);

    VersionRecord expected = new VersionRecord(PUBLIC_MODEL, V1, publish.manifestCid(), publish.manifestHash(),
        OWNER.address(), clock.instant(), Optional.empty());
    assertEquals(Optional.of(expected), ledger.version(PUBLIC_MODEL, V1));
    assertEquals(List.of(expected), ledger.versions(PUBLIC_MODEL));
    assertFalse(expected.deprecated());
  }

  @Test
  void publishingToAModelNeverRegisteredIsNotFound() {
    assertRejected(Code.NOT_FOUND, sign(OWNER, publish(PUBLIC_MODEL, V1)));
  }

  @Test
  void publishingToAnotherOwnersModelIsNotAllowed() {
    apply(OWNER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC));

    assertRejected(Code.NOT_ALLOWED, sign(STRANGER, publish(PUBLIC_MODEL, V1)));
  }

  @Test
  void publishingAVersionAgainIsConflictEvenWithAnotherManifestOrOnceDeprecated() {
    apply(OWNER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC));
    PublishVersion first = publish(PUBLIC_MODEL, V1);
    apply(OWNER, first);

    assertRejected(Code.CONFLICT, sign(OWNER, first));
    assertRejected(Code.CONFLICT, sign(OWNER, new PublishVersion(PUBLIC_MODEL, V1, cid("another"), hash(9))));
    apply(OWNER, new DeprecateVersion(PUBLIC_MODEL, V1, "broken"));
    assertRejected(Code.CONFLICT, sign(OWNER, first));
    assertEquals(first.manifestCid(), ledger.version(PUBLIC_MODEL, V1).orElseThrow().manifestCid());
  }

  @Test
  void versionsComeInTheOrderTheyWerePublishedNotInSemverOrder() {
    apply(OWNER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC));
    Semver patch = Semver.of("1.0.1");
    apply(OWNER, publish(PUBLIC_MODEL, V2));
    apply(OWNER, publish(PUBLIC_MODEL, V1));
    apply(OWNER, publish(PUBLIC_MODEL, patch));

    assertEquals(List.of(V2, V1, patch), ledger.versions(PUBLIC_MODEL).stream().map(VersionRecord::version).toList());
  }

  @Test
  void aNonOwnerIsNotAllowedBeforeTheVersionsOwnRulesAreChecked() {
    apply(OWNER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC));
    apply(OWNER, publish(PUBLIC_MODEL, V1));

    assertRejected(Code.NOT_ALLOWED, sign(STRANGER, publish(PUBLIC_MODEL, V1)));
    assertRejected(Code.NOT_ALLOWED, sign(STRANGER, new DeprecateVersion(PUBLIC_MODEL, V2, "never published")));
  }

  @Test
  void deprecatingKeepsTheVersionAndRecordsTheReasonEvenAnEmptyOne() {
    apply(OWNER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC));
    apply(OWNER, publish(PUBLIC_MODEL, V1));
    apply(OWNER, publish(PUBLIC_MODEL, V2));
    VersionRecord before = ledger.version(PUBLIC_MODEL, V1).orElseThrow();
    clock.advance(Duration.ofSeconds(2));

    apply(OWNER, new DeprecateVersion(PUBLIC_MODEL, V1, "superseded by 2.0.0"));
    apply(OWNER, new DeprecateVersion(PUBLIC_MODEL, V2, ""));

    VersionRecord v1 = ledger.version(PUBLIC_MODEL, V1).orElseThrow();
    assertEquals(new VersionRecord(PUBLIC_MODEL, V1, before.manifestCid(), before.manifestHash(), OWNER.address(),
        before.publishedAt(), Optional.of("superseded by 2.0.0")), v1);
    assertEquals(Optional.of(""), ledger.version(PUBLIC_MODEL, V2).orElseThrow().deprecation());
    assertTrue(ledger.version(PUBLIC_MODEL, V2).orElseThrow().deprecated());
    assertEquals(List.of(V1, V2), ledger.versions(PUBLIC_MODEL).stream().map(VersionRecord::version).toList());
  }

  @Test
  void deprecatingAVersionOrModelThatDoesNotExistIsNotFound() {
    assertRejected(Code.NOT_FOUND, sign(OWNER, new DeprecateVersion(PUBLIC_MODEL, V1, "")));
    apply(OWNER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC));
    apply(OWNER, publish(PUBLIC_MODEL, V1));

    assertRejected(Code.NOT_FOUND, sign(OWNER, new DeprecateVersion(PUBLIC_MODEL, V2, "")));
  }

  @Test
  void deprecatingTwiceIsConflict() {
    apply(OWNER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC));
    apply(OWNER, publish(PUBLIC_MODEL, V1));
    apply(OWNER, new DeprecateVersion(PUBLIC_MODEL, V1, "first"));

    assertRejected(Code.CONFLICT, sign(OWNER, new DeprecateVersion(PUBLIC_MODEL, V1, "second")));
    assertEquals(Optional.of("first"), ledger.version(PUBLIC_MODEL, V1).orElseThrow().deprecation());
  }

  @Test
  void deprecatingAnotherOwnersVersionIsNotAllowed() {
    apply(OWNER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC));
    apply(OWNER, publish(PUBLIC_MODEL, V1));

    assertRejected(Code.NOT_ALLOWED, sign(STRANGER, new DeprecateVersion(PUBLIC_MODEL, V1, "mine now")));
  }

  // ---- ownership ----

  @Test
  void aTransferMovesOwnershipAndTheOldOwnerIsThenNotAllowed() {
    apply(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE));
    apply(OWNER, publish(PRIVATE_MODEL, V1));
    ModelRecord before = ledger.model(PRIVATE_MODEL).orElseThrow();

    apply(OWNER, new TransferOwnership(PRIVATE_MODEL, NEW_OWNER.address()));

    assertEquals(new ModelRecord(PRIVATE_MODEL, NEW_OWNER.address(), Access.PRIVATE, 0, 1, new byte[0], before.registeredAt()),
        ledger.model(PRIVATE_MODEL).orElseThrow());
    assertRejected(Code.NOT_ALLOWED, sign(OWNER, publish(PRIVATE_MODEL, V2)));
    assertRejected(Code.NOT_ALLOWED, sign(OWNER, new TransferOwnership(PRIVATE_MODEL, OWNER.address())));
    assertRejected(Code.NOT_ALLOWED, sign(OWNER, new RotateEpoch(PRIVATE_MODEL, 1, 1, new byte[0])));
    apply(NEW_OWNER, publish(PRIVATE_MODEL, V2));
    assertEquals(OWNER.address(), ledger.version(PRIVATE_MODEL, V1).orElseThrow().publisher(), "history stays");
    assertEquals(NEW_OWNER.address(), ledger.version(PRIVATE_MODEL, V2).orElseThrow().publisher());
  }

  @Test
  void aModelCannotBeTransferredToTheZeroAddress() {
    apply(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE));
    assertRejected(Code.INVALID, sign(OWNER, new TransferOwnership(PRIVATE_MODEL,
        Address.of("0x0000000000000000000000000000000000000000"))));
    assertEquals(OWNER.address(), ledger.model(PRIVATE_MODEL).orElseThrow().owner());
  }

  @Test
  void transferringAModelNeverRegisteredIsNotFoundAndAnotherOwnersIsNotAllowed() {
    assertRejected(Code.NOT_FOUND, sign(OWNER, new TransferOwnership(PRIVATE_MODEL, STRANGER.address())));
    apply(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE));

    assertRejected(Code.NOT_ALLOWED, sign(STRANGER, new TransferOwnership(PRIVATE_MODEL, STRANGER.address())));
  }

  // ---- nodes ----

  @Test
  void aNodeRegistersItselfWithAStatementAnyoneCanCheckFromItsRecord() {
    RegisterNode registration = registration(NODE_A, NODE_A.publicKey(), "http://127.0.0.1:9001");

    apply(NODE_A, registration);

    NodeRecord record = ledger.node(NODE_A.address()).orElseThrow();
    assertEquals(new NodeRecord(NODE_A.address(), NODE_A.publicKey(), "http://127.0.0.1:9001",
        registration.registrationSignature(), clock.instant()), record);
    Eip712.verify(RegisterNode.registrationTypedData(domain, record.address(), record.encryptionPublicKey(),
        record.endpoint()), record.registrationSignature(), record.address());
    assertEquals(List.of(record), ledger.nodes());
  }

  @Test
  void aNodeRegisteringAgainReplacesItsRecordAndKeepsItsPlaceInTheList() {
    apply(NODE_A, registration(NODE_A, NODE_A.publicKey(), "http://127.0.0.1:9001"));
    apply(NODE_B, registration(NODE_B, NODE_B.publicKey(), "http://127.0.0.1:9002"));
    clock.advance(Duration.ofSeconds(10));
    RegisterNode again = registration(NODE_A, NEW_OWNER.publicKey(), "https://node-a.example:443");

    apply(NODE_A, again);

    NodeRecord replaced = new NodeRecord(NODE_A.address(), NEW_OWNER.publicKey(), "https://node-a.example:443",
        again.registrationSignature(), clock.instant());
    assertEquals(Optional.of(replaced), ledger.node(NODE_A.address()));
    assertEquals(List.of(NODE_A.address(), NODE_B.address()),
        ledger.nodes().stream().map(NodeRecord::address).toList(), "in order of first registration");
    assertEquals(replaced, ledger.nodes().get(0));
  }

  @Test
  void aRegistrationSignedByAnotherThanTheNodeIsNotAllowed() {
    RegisterNode nodeAsOwnStatement = registration(NODE_A, NODE_A.publicKey(), "http://127.0.0.1:9001");

    assertRejected(Code.NOT_ALLOWED, sign(OWNER, nodeAsOwnStatement));
    assertEquals(Optional.empty(), ledger.node(NODE_A.address()));
  }

  @Test
  void notAllowedIsReportedBeforeABadRegistrationSignature() {
    RegisterNode statementByOwner = registration(NODE_A, OWNER, NODE_A.publicKey(), "http://127.0.0.1:9001", domain);

    assertRejected(Code.NOT_ALLOWED, sign(OWNER, statementByOwner));
  }

  @Test
  void aRegistrationSignatureThatIsNotTheNodesOverItsOwnRecordIsInvalid() {
    String endpoint = "http://127.0.0.1:9001";
    RegisterNode good = registration(NODE_A, NODE_A.publicKey(), endpoint);
    LedgerDomain otherChain = new LedgerDomain(domain.chainId() + 1, domain.verifyingContract());
    List<RegisterNode> bad = List.of(
        registration(NODE_A, STRANGER, NODE_A.publicKey(), endpoint, domain),
        new RegisterNode(NODE_A.address(), NODE_A.publicKey(), "http://127.0.0.1:9999", good.registrationSignature()),
        new RegisterNode(NODE_A.address(), NODE_B.publicKey(), endpoint, good.registrationSignature()),
        registration(NODE_A, NODE_A, NODE_A.publicKey(), endpoint, otherChain),
        new RegisterNode(NODE_A.address(), NODE_A.publicKey(), endpoint, highSTwin(good.registrationSignature())));

    for (RegisterNode action : bad) {
      assertRejected(Code.INVALID, sign(NODE_A, action));
    }
    apply(NODE_A, good);
  }

  // ---- grants ----

  @Test
  void aGrantToARegisteredNodeStandsInTheModelsCurrentEpoch() {
    privateModelWithNodes();
    clock.advance(Duration.ofSeconds(4));
    byte[] wrapped = bytes(129, 1);

    apply(OWNER, new Grant(PRIVATE_MODEL, NODE_A.address(), 0, wrapped, Optional.empty()));

    List<GrantRecord> grants = ledger.grants(PRIVATE_MODEL);
    assertEquals(List.of(new GrantRecord(PRIVATE_MODEL, NODE_A.address(), 0, wrapped, Optional.empty(), clock.instant())),
        grants);
    assertArrayEquals(wrapped, grants.get(0).wrappedKey());
  }

  @Test
  void aGrantLimitedToAPublishedVersionRecordsTheVersion() {
    privateModelWithNodes();
    apply(OWNER, publish(PRIVATE_MODEL, V1));

    apply(OWNER, new Grant(PRIVATE_MODEL, NODE_A.address(), 0, bytes(129, 2), Optional.of(V1)));

    assertEquals(Optional.of(V1), ledger.grants(PRIVATE_MODEL).get(0).version());
  }

  @Test
  void aGrantNamingAVersionNeverPublishedIsNotFound() {
    privateModelWithNodes();
    apply(OWNER, publish(PRIVATE_MODEL, V1));

    assertRejected(Code.NOT_FOUND, sign(OWNER, new Grant(PRIVATE_MODEL, NODE_A.address(), 0, bytes(129, 3),
        Optional.of(V2))));
  }

  @Test
  void aGrantToANodeNeverRegisteredIsNotFound() {
    apply(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE));

    assertRejected(Code.NOT_FOUND, sign(OWNER, new Grant(PRIVATE_MODEL, NODE_A.address(), 0, bytes(129, 4),
        Optional.empty())));
  }

  @Test
  void aGrantOfAPublicModelIsInvalid() {
    apply(OWNER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC));
    apply(NODE_A, registration(NODE_A, NODE_A.publicKey(), "http://127.0.0.1:9001"));

    assertRejected(Code.INVALID, sign(OWNER, new Grant(PUBLIC_MODEL, NODE_A.address(), 0, bytes(129, 5),
        Optional.empty())));
  }

  @Test
  void aGrantForAnEpochOtherThanTheCurrentOneIsInvalid() {
    privateModelWithNodes();

    assertRejected(Code.INVALID, sign(OWNER, new Grant(PRIVATE_MODEL, NODE_A.address(), 1, bytes(129, 6),
        Optional.empty())));
    apply(OWNER, new RotateEpoch(PRIVATE_MODEL, 1, 1, new byte[0]));
    assertRejected(Code.INVALID, sign(OWNER, new Grant(PRIVATE_MODEL, NODE_A.address(), 0, bytes(129, 6),
        Optional.empty())));
    apply(OWNER, new Grant(PRIVATE_MODEL, NODE_A.address(), 1, bytes(129, 6), Optional.empty()));
  }

  @Test
  void aGrantsModelAndEpochAreCheckedBeforeItsNodeAndVersion() {
    apply(OWNER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC));
    apply(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE));

    assertRejected(Code.INVALID, sign(OWNER, new Grant(PUBLIC_MODEL, NODE_A.address(), 0, bytes(129, 7),
        Optional.of(V1))));
    assertRejected(Code.INVALID, sign(OWNER, new Grant(PRIVATE_MODEL, NODE_A.address(), 3, bytes(129, 7),
        Optional.of(V1))));
  }

  @Test
  void grantingAModelNeverRegisteredIsNotFoundAndAnotherOwnersIsNotAllowed() {
    apply(NODE_A, registration(NODE_A, NODE_A.publicKey(), "http://127.0.0.1:9001"));
    assertRejected(Code.NOT_FOUND, sign(OWNER, new Grant(PRIVATE_MODEL, NODE_A.address(), 0, bytes(129, 8),
        Optional.empty())));
    apply(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE));

    assertRejected(Code.NOT_ALLOWED, sign(STRANGER, new Grant(PRIVATE_MODEL, NODE_A.address(), 0, bytes(129, 8),
        Optional.empty())));
    assertRejected(Code.NOT_ALLOWED, sign(NODE_A, new Grant(PRIVATE_MODEL, NODE_A.address(), 0, bytes(129, 8),
        Optional.empty())));
  }

  @Test
  void aSecondGrantToTheSameNodeReplacesTheFirstAndComesLast() {
    privateModelWithNodes();
    apply(OWNER, publish(PRIVATE_MODEL, V1));
    apply(OWNER, new Grant(PRIVATE_MODEL, NODE_A.address(), 0, bytes(129, 9), Optional.empty()));
    apply(OWNER, new Grant(PRIVATE_MODEL, NODE_B.address(), 0, bytes(129, 10), Optional.empty()));
    clock.advance(Duration.ofSeconds(1));
    byte[] again = bytes(97, 11);

    apply(OWNER, new Grant(PRIVATE_MODEL, NODE_A.address(), 0, again, Optional.of(V1)));

    List<GrantRecord> grants = ledger.grants(PRIVATE_MODEL);
    assertEquals(List.of(NODE_B.address(), NODE_A.address()), grants.stream().map(GrantRecord::node).toList());
    assertEquals(new GrantRecord(PRIVATE_MODEL, NODE_A.address(), 0, again, Optional.of(V1), clock.instant()),
        grants.get(1));
  }

  // ---- revoke ----

  @Test
  void aRevokeTakesTheNodesGrantAwayAndLeavesTheOthers() {
    privateModelWithNodes();
    apply(OWNER, new Grant(PRIVATE_MODEL, NODE_A.address(), 0, bytes(129, 12), Optional.empty()));
    apply(OWNER, new Grant(PRIVATE_MODEL, NODE_B.address(), 0, bytes(129, 13), Optional.empty()));
    GrantRecord nodeB = ledger.grants(PRIVATE_MODEL).get(1);

    apply(OWNER, new Revoke(PRIVATE_MODEL, NODE_A.address()));

    assertEquals(List.of(nodeB), ledger.grants(PRIVATE_MODEL));
    assertTrue(ledger.node(NODE_A.address()).isPresent(), "the node stays registered");
    apply(OWNER, new Grant(PRIVATE_MODEL, NODE_A.address(), 0, bytes(129, 14), Optional.empty()));
    assertEquals(List.of(NODE_B.address(), NODE_A.address()),
        ledger.grants(PRIVATE_MODEL).stream().map(GrantRecord::node).toList());
  }

  @Test
  void revokingANodeThatHoldsNoGrantOfTheModelIsNotFound() {
    privateModelWithNodes();
    apply(OWNER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC));
    apply(OWNER, new Grant(PRIVATE_MODEL, NODE_A.address(), 0, bytes(129, 15), Optional.empty()));

    assertRejected(Code.NOT_FOUND, sign(OWNER, new Revoke(PRIVATE_MODEL, NODE_B.address())));
    assertRejected(Code.NOT_FOUND, sign(OWNER, new Revoke(PRIVATE_MODEL, STRANGER.address())));
    assertRejected(Code.NOT_FOUND, sign(OWNER, new Revoke(PUBLIC_MODEL, NODE_A.address())));
    apply(OWNER, new Revoke(PRIVATE_MODEL, NODE_A.address()));
    assertRejected(Code.NOT_FOUND, sign(OWNER, new Revoke(PRIVATE_MODEL, NODE_A.address())));
  }

  @Test
  void revokingOnAModelNeverRegisteredIsNotFoundAndOnAnotherOwnersIsNotAllowed() {
    assertRejected(Code.NOT_FOUND, sign(OWNER, new Revoke(PRIVATE_MODEL, NODE_A.address())));
    privateModelWithNodes();
    apply(OWNER, new Grant(PRIVATE_MODEL, NODE_A.address(), 0, bytes(129, 16), Optional.empty()));

    assertRejected(Code.NOT_ALLOWED, sign(STRANGER, new Revoke(PRIVATE_MODEL, NODE_A.address())));
    assertRejected(Code.NOT_ALLOWED, sign(NODE_A, new Revoke(PRIVATE_MODEL, NODE_A.address())));
  }

  // ---- key epochs ----

  @Test
  void rotatingStartsTheNextEpochWithItsThresholdAndDropsEveryOlderGrant() {
    privateModelWithNodes();
    apply(OWNER, new Grant(PRIVATE_MODEL, NODE_A.address(), 0, bytes(129, 17), Optional.empty()));
    apply(OWNER, new Grant(PRIVATE_MODEL, NODE_B.address(), 0, bytes(129, 18), Optional.empty()));
    Instant registeredAt = ledger.model(PRIVATE_MODEL).orElseThrow().registeredAt();

    apply(OWNER, new RotateEpoch(PRIVATE_MODEL, 1, 2, bytes(48, 19)));

    assertEquals(new ModelRecord(PRIVATE_MODEL, OWNER.address(), Access.PRIVATE, 1, 2, bytes(48, 19), registeredAt),
        ledger.model(PRIVATE_MODEL).orElseThrow(), "the model carries the new epoch's threshold and key commitment");
    assertEquals(List.of(), ledger.grants(PRIVATE_MODEL));
    assertRejected(Code.NOT_FOUND, sign(OWNER, new Revoke(PRIVATE_MODEL, NODE_A.address())));
    apply(OWNER, new Grant(PRIVATE_MODEL, NODE_B.address(), 1, bytes(129, 20), Optional.empty()));
    apply(OWNER, new RotateEpoch(PRIVATE_MODEL, 2, 1, new byte[0]));
    assertEquals(List.of(), ledger.grants(PRIVATE_MODEL));
    assertEquals(2, ledger.model(PRIVATE_MODEL).orElseThrow().epoch());
    assertEquals(1, ledger.model(PRIVATE_MODEL).orElseThrow().threshold());
  }

  @Test
  void rotatingToAnyEpochButTheCurrentOnePlusOneIsInvalid() {
    apply(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE));

    assertRejected(Code.INVALID, sign(OWNER, new RotateEpoch(PRIVATE_MODEL, 2, 1, new byte[0])));
    apply(OWNER, new RotateEpoch(PRIVATE_MODEL, 1, 1, new byte[0]));
    assertRejected(Code.INVALID, sign(OWNER, new RotateEpoch(PRIVATE_MODEL, 1, 1, new byte[0])));
    assertRejected(Code.INVALID, sign(OWNER, new RotateEpoch(PRIVATE_MODEL, 3, 1, new byte[0])));
  }

  @Test
  void rotatingAPublicModelIsInvalid() {
    apply(OWNER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC));

    assertRejected(Code.INVALID, sign(OWNER, new RotateEpoch(PUBLIC_MODEL, 1, 1, new byte[0])));
    assertEquals(0, ledger.model(PUBLIC_MODEL).orElseThrow().epoch());
  }

  @Test
  void rotatingAModelNeverRegisteredIsNotFoundAndAnotherOwnersIsNotAllowed() {
    assertRejected(Code.NOT_FOUND, sign(OWNER, new RotateEpoch(PRIVATE_MODEL, 1, 1, new byte[0])));
    apply(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE));

    assertRejected(Code.NOT_ALLOWED, sign(STRANGER, new RotateEpoch(PRIVATE_MODEL, 1, 1, new byte[0])));
  }

  // ---- reviews ----

  @Test
  void anySignerMayReviewAPublishedVersion() {
    apply(OWNER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC));
    apply(OWNER, publish(PUBLIC_MODEL, V1));
    clock.advance(Duration.ofSeconds(6));

    apply(STRANGER, new Review(PUBLIC_MODEL, V1, 4, cid("good")));
    apply(OWNER, new Review(PUBLIC_MODEL, V1, 5, cid("mine")));

    assertEquals(List.of(
        new ReviewRecord(PUBLIC_MODEL, V1, STRANGER.address(), 4, cid("good"), clock.instant()),
        new ReviewRecord(PUBLIC_MODEL, V1, OWNER.address(), 5, cid("mine"), clock.instant())),
        ledger.reviews(PUBLIC_MODEL));
  }

  @Test
  void reviewingAVersionNeverPublishedOrAModelNeverRegisteredIsNotFound() {
    assertRejected(Code.NOT_FOUND, sign(STRANGER, new Review(PUBLIC_MODEL, V1, 3, cid("early"))));
    apply(OWNER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC));
    apply(OWNER, publish(PUBLIC_MODEL, V1));

    assertRejected(Code.NOT_FOUND, sign(STRANGER, new Review(PUBLIC_MODEL, V2, 3, cid("future"))));
  }

  @Test
  void aLaterReviewOfTheSameVersionByTheSameReviewerReplacesTheEarlierAndComesLast() {
    apply(OWNER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC));
    apply(OWNER, publish(PUBLIC_MODEL, V1));
    apply(OWNER, publish(PUBLIC_MODEL, V2));
    apply(STRANGER, new Review(PUBLIC_MODEL, V1, 2, cid("meh")));
    apply(OWNER, new Review(PUBLIC_MODEL, V1, 5, cid("mine")));
    apply(STRANGER, new Review(PUBLIC_MODEL, V2, 4, cid("better")));
    clock.advance(Duration.ofSeconds(1));

    apply(STRANGER, new Review(PUBLIC_MODEL, V1, 3, cid("grew on me")));

    List<ReviewRecord> reviews = ledger.reviews(PUBLIC_MODEL);
    assertEquals(3, reviews.size(), reviews.toString());
    assertEquals(OWNER.address(), reviews.get(0).reviewer());
    assertEquals(new ReviewRecord(PUBLIC_MODEL, V2, STRANGER.address(), 4, cid("better"), start()), reviews.get(1));
    assertEquals(new ReviewRecord(PUBLIC_MODEL, V1, STRANGER.address(), 3, cid("grew on me"), clock.instant()),
        reviews.get(2));
  }

  // ---- events ----

  @Test
  void eachAppliedRequestAppendsOneEventWithItsActionSignerAndTimeAndRejectionsAppendNone() {
    List<LedgerRequest> requests = new ArrayList<>();
    requests.add(sign(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE)));
    List<Long> sequences = new ArrayList<>();
    sequences.add(submit(requests.get(0)).eventSequence().orElseThrow());
    assertRejected(Code.CONFLICT, sign(STRANGER, new RegisterModel(PRIVATE_MODEL, Access.PUBLIC)));
    clock.advance(Duration.ofSeconds(1));
    requests.add(sign(NODE_A, registration(NODE_A, NODE_A.publicKey(), "http://127.0.0.1:9001")));
    sequences.add(submit(requests.get(1)).eventSequence().orElseThrow());
    assertRejected(Code.NOT_FOUND, sign(OWNER, publish(PUBLIC_MODEL, V1)));
    clock.advance(Duration.ofSeconds(1));
    requests.add(sign(OWNER, new Grant(PRIVATE_MODEL, NODE_A.address(), 0, bytes(129, 21), Optional.empty())));
    sequences.add(submit(requests.get(2)).eventSequence().orElseThrow());

    assertEquals(List.of(1L, 2L, 3L), sequences);
    List<LedgerEvent> events = ledger.events(0, 100);
    assertEquals(3, events.size(), events.toString());
    for (int i = 0; i < 3; i++) {
      LedgerRequest request = requests.get(i);
      assertEquals(new LedgerEvent(i + 1, request.action(), request.signer(), start().plusSeconds(i)), events.get(i));
    }
  }

  @Test
  void eventsPageAfterTheLastSequenceSeen() {
    apply(OWNER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC));
    apply(OWNER, publish(PUBLIC_MODEL, V1));
    apply(OWNER, publish(PUBLIC_MODEL, V2));
    apply(STRANGER, new Review(PUBLIC_MODEL, V1, 4, cid("ok")));
    apply(OWNER, new DeprecateVersion(PUBLIC_MODEL, V1, ""));

    assertEquals(List.of(1L, 2L), sequences(ledger.events(0, 2)));
    assertEquals(List.of(3L, 4L), sequences(ledger.events(2, 2)));
    assertEquals(List.of(5L), sequences(ledger.events(4, 2)));
    assertEquals(List.of(), ledger.events(5, 2));
    assertEquals(List.of(), ledger.events(50, 2));
    assertEquals(List.of(4L), sequences(ledger.events(3, 1)));
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), sequences(ledger.events(0, Integer.MAX_VALUE)));
    assertEquals(ledger.events(0, 5).subList(2, 4), ledger.events(2, 2));
  }

  @Test
  void eventsRefuseANegativeStartAndALimitBelowOne() {
    assertThrows(IllegalArgumentException.class, () -> ledger.events(-1, 10));
    assertThrows(IllegalArgumentException.class, () -> ledger.events(0, 0));
    assertThrows(IllegalArgumentException.class, () -> ledger.events(0, -1));
  }

  // ---- receipts ----

  @Test
  void everyReceiptAppliedOrRejectedCanBeReadAgainByItsId() {
    LedgerReceipt applied = submit(sign(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE)));
    LedgerReceipt rejected = submit(sign(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE)));

    assertEquals(LedgerReceipt.applied(applied.requestId(), LedgerRequestKind.REGISTER_MODEL, 1), applied);
    assertEquals(LedgerReceipt.Status.REJECTED, rejected.status());
    assertEquals(Code.CONFLICT, rejected.error().orElseThrow().code());
    assertNotEquals(applied.requestId(), rejected.requestId());
    assertEquals(Optional.of(applied), ledger.receipt(applied.requestId()));
    assertEquals(Optional.of(rejected), ledger.receipt(rejected.requestId()));
    assertEquals(Optional.empty(), ledger.receipt("no-such-request"));
  }

  @Test
  void requestIdsAreUnique() {
    Set<String> ids = new HashSet<>();
    ids.add(submit(sign(OWNER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC))).requestId());
    LedgerRequest twice = sign(OWNER, publish(PUBLIC_MODEL, V1));
    ids.add(submit(twice).requestId());
    ids.add(submit(twice).requestId());
    ids.add(submit(sign(STRANGER, publish(PUBLIC_MODEL, V2))).requestId());
    ids.add(submit(sign(STRANGER, new Review(PUBLIC_MODEL, V1, 1, cid("bad")))).requestId());

    assertEquals(5, ids.size(), ids.toString());
  }

  // ---- time ----

  @Test
  void recordsCarryTheTimeTheLedgerAppliedThem() {
    Instant t0 = clock.instant();
    apply(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE));
    clock.advance(Duration.ofSeconds(1));
    apply(OWNER, publish(PRIVATE_MODEL, V1));
    clock.advance(Duration.ofSeconds(1));
    apply(NODE_A, registration(NODE_A, NODE_A.publicKey(), "http://127.0.0.1:9001"));
    clock.advance(Duration.ofSeconds(1));
    apply(OWNER, new Grant(PRIVATE_MODEL, NODE_A.address(), 0, bytes(129, 22), Optional.empty()));
    clock.advance(Duration.ofSeconds(1));
    apply(STRANGER, new Review(PRIVATE_MODEL, V1, 5, cid("fast")));
    clock.advance(Duration.ofSeconds(1));
    apply(OWNER, new TransferOwnership(PRIVATE_MODEL, NEW_OWNER.address()));

    assertEquals(t0, ledger.model(PRIVATE_MODEL).orElseThrow().registeredAt(), "a transfer keeps the registration time");
    assertEquals(t0.plusSeconds(1), ledger.version(PRIVATE_MODEL, V1).orElseThrow().publishedAt());
    assertEquals(t0.plusSeconds(2), ledger.node(NODE_A.address()).orElseThrow().registeredAt());
    assertEquals(t0.plusSeconds(3), ledger.grants(PRIVATE_MODEL).get(0).grantedAt());
    assertEquals(t0.plusSeconds(4), ledger.reviews(PRIVATE_MODEL).get(0).reviewedAt());
    assertEquals(LongStream.rangeClosed(0, 5).mapToObj(t0::plusSeconds).toList(),
        ledger.events(0, 10).stream().map(LedgerEvent::appliedAt).toList());
  }

  // ---- threads ----

  @Test
  void registrationsFromManyThreadsAreAllAppliedWithSequencesOneToN() throws Exception {
    int threads = 8;
    List<LedgerRequest> requests = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      EthPrivateKey own = numberedKey(t);
      requests.add(sign(own, new RegisterModel(ModelId.of("swarm/model-" + t), Access.PUBLIC), 0, deadline()));
    }

    List<LedgerReceipt> receipts = submitAllAtOnce(requests);

    Map<Long, LedgerRequest> bySequence = new LinkedHashMap<>();
    for (int t = 0; t < threads; t++) {
      LedgerReceipt receipt = receipts.get(t);
      assertEquals(LedgerReceipt.Status.APPLIED, receipt.status(), receipt.toString());
      bySequence.put(receipt.eventSequence().orElseThrow(), requests.get(t));
      assertEquals(1, ledger.nextNonce(requests.get(t).signer()));
    }
    List<LedgerEvent> events = ledger.events(0, 100);
    assertEquals(LongStream.rangeClosed(1, threads).boxed().toList(), sequences(events));
    for (LedgerEvent event : events) {
      LedgerRequest request = bySequence.get(event.sequence());
      assertEquals(request.action(), event.action());
      assertEquals(request.signer(), event.signer());
    }
    assertEquals(events.stream().map(e -> e.action().model().orElseThrow()).toList(),
        ledger.models().stream().map(ModelRecord::id).toList(), "models in the order the events say");
  }

  @Test
  void requestsRacingWithTheSameNonceApplyExactlyOnce() throws Exception {
    List<LedgerRequest> requests = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      requests.add(sign(OWNER, new RegisterModel(ModelId.of("race/model-" + t), Access.PUBLIC), 0, deadline()));
    }

    List<LedgerReceipt> receipts = submitAllAtOnce(requests);

    List<Integer> winners = new ArrayList<>();
    for (int t = 0; t < receipts.size(); t++) {
      if (receipts.get(t).status() == LedgerReceipt.Status.APPLIED) {
        winners.add(t);
      } else {
        assertEquals(Code.NONCE_MISMATCH, receipts.get(t).error().orElseThrow().code(), receipts.get(t).toString());
      }
    }
    assertEquals(1, winners.size(), receipts.toString());
    assertEquals(1, ledger.nextNonce(OWNER.address()));
    assertEquals(List.of(requests.get(winners.get(0)).action().model().orElseThrow()),
        ledger.models().stream().map(ModelRecord::id).toList());
    assertEquals(1, ledger.events(0, 100).size());
  }

  // ---- helpers ----

  /** The key of a dev account given as hex. */
  protected static EthPrivateKey key(String hex) {
    return EthPrivateKey.fromBytes(Hex.decode(hex));
  }

  /** A throwaway key whose scalar is 0x1000 plus {@code n}: distinct signers for thread tests. */
  protected static EthPrivateKey numberedKey(int n) {
    byte[] scalar = new byte[32];
    int value = 0x1000 + n;
    scalar[30] = (byte) (value >>> 8);
    scalar[31] = (byte) value;
    return EthPrivateKey.fromBytes(scalar);
  }

  /** An hour from the ledger's now. */
  protected final Instant deadline() {
    return clock.instant().plus(Duration.ofHours(1));
  }

  /** {@code action} signed by {@code key} with its next nonce and an hour to go. */
  protected final LedgerRequest sign(EthPrivateKey key, LedgerAction action) {
    return sign(key, action, ledger.nextNonce(key.address()), deadline());
  }

  /** {@code action} signed by {@code key} in the ledger's domain. */
  protected final LedgerRequest sign(EthPrivateKey key, LedgerAction action, long nonce, Instant deadline) {
    return LedgerRequest.sign(action, EthSigner.of(key), domain, nonce, deadline);
  }

  /** Submits {@code request} and settles the receipt; checks the receipt's kind. */
  protected final LedgerReceipt submit(LedgerRequest request) {
    LedgerReceipt receipt = settle(ledger.submit(request));
    assertEquals(request.kind(), receipt.kind(), receipt.toString());
    assertFalse(receipt.requestId().isBlank(), "a request id");
    return receipt;
  }

  /** Signs and submits {@code action}, checks that it applied, and returns its event. */
  protected final LedgerEvent apply(EthPrivateKey key, LedgerAction action) {
    return applied(sign(key, action));
  }

  /** Submits {@code request}, checks that it applied with one event of its action and signer, and returns it. */
  protected final LedgerEvent applied(LedgerRequest request) {
    long nonce = ledger.nextNonce(request.signer());
    LedgerReceipt receipt = submit(request);
    assertEquals(LedgerReceipt.Status.APPLIED, receipt.status(), () -> request + " was " + receipt);
    long sequence = receipt.eventSequence().orElseThrow();
    List<LedgerEvent> page = ledger.events(sequence - 1, 1);
    assertEquals(1, page.size(), "the receipt's event is in the log");
    LedgerEvent event = page.get(0);
    assertEquals(sequence, event.sequence());
    assertEquals(request.action(), event.action());
    assertEquals(request.signer(), event.signer());
    assertEquals(List.of(), ledger.events(sequence, 1), "the applied request's event is the last");
    assertEquals(nonce + 1, ledger.nextNonce(request.signer()), "an applied request uses its nonce up");
    assertEquals(Optional.of(receipt), ledger.receipt(receipt.requestId()));
    return event;
  }

  /** Submits {@code request}, checks that it was rejected with {@code code} and changed nothing. */
  protected final LedgerError assertRejected(Code code, LedgerRequest request) {
    State before = state();
    LedgerReceipt receipt = submit(request);
    assertEquals(LedgerReceipt.Status.REJECTED, receipt.status(), () -> request + " was " + receipt);
    LedgerError error = receipt.error().orElseThrow();
    assertEquals(code, error.code(), error::message);
    assertFalse(error.message().isBlank(), "an error says what is wrong");
    assertEquals(before, state(), () -> "rejecting " + request + " changed the ledger");
    assertEquals(Optional.of(receipt), ledger.receipt(receipt.requestId()));
    return error;
  }

  /** A model registered as {@link #PRIVATE_MODEL} by {@link #OWNER}, and nodes A and B registered. */
  protected final void privateModelWithNodes() {
    apply(OWNER, new RegisterModel(PRIVATE_MODEL, Access.PRIVATE));
    apply(NODE_A, registration(NODE_A, NODE_A.publicKey(), "http://127.0.0.1:9001"));
    apply(NODE_B, registration(NODE_B, NODE_B.publicKey(), "http://127.0.0.1:9002"));
  }

  /** A node's registration of itself with its statement signed in the ledger's domain. */
  protected final RegisterNode registration(EthPrivateKey node, EthPublicKey encryptionKey, String endpoint) {
    return registration(node, node, encryptionKey, endpoint, domain);
  }

  /** A registration of {@code node} whose statement {@code statementSigner} signed in {@code in}. */
  protected static RegisterNode registration(EthPrivateKey node, EthPrivateKey statementSigner,
      EthPublicKey encryptionKey, String endpoint, LedgerDomain in) {
    Signature statement = Eip712.sign(EthSigner.of(statementSigner),
        RegisterNode.registrationTypedData(in, node.address(), encryptionKey, endpoint));
    return new RegisterNode(node.address(), encryptionKey, endpoint, statement);
  }

  /** A version's publication with a manifest made up from its name. */
  protected static PublishVersion publish(ModelId model, Semver version) {
    return new PublishVersion(model, version, cid(model + "@" + version.text()), hash(version.text().hashCode()));
  }

  /** The raw-leaves CIDv1 of {@code text}'s UTF-8 bytes. */
  protected static Cid cid(String text) {
    return ContentIds.v1Only().of(text.getBytes(StandardCharsets.UTF_8)).cidV1();
  }

  /** A made-up 32-byte hash. */
  protected static Hash32 hash(int seed) {
    return Hash32.fromBytes(bytes(32, seed));
  }

  /** {@code size} bytes made from {@code seed}. */
  protected static byte[] bytes(int size, int seed) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (seed * 31 + i * 7 + 1);
    }
    return bytes;
  }

  /** The same signature with s mirrored to n − s: it recovers to the same key, and EIP-2 forbids it. */
  protected static Signature highSTwin(Signature signature) {
    return new Signature(signature.r(), CURVE_ORDER.subtract(signature.s()), signature.v() == 27 ? 28 : 27);
  }

  private static List<Long> sequences(List<LedgerEvent> events) {
    return events.stream().map(LedgerEvent::sequence).toList();
  }

  /** Submits every request from its own thread, all released together; the receipts in the same order. */
  private List<LedgerReceipt> submitAllAtOnce(List<LedgerRequest> requests) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(requests.size());
    try {
      List<Future<LedgerReceipt>> futures = new ArrayList<>();
      for (LedgerRequest request : requests) {
        futures.add(pool.submit(() -> {
          start.await();
          return settle(ledger.submit(request));
        }));
      }
      start.countDown();
      List<LedgerReceipt> receipts = new ArrayList<>();
      for (Future<LedgerReceipt> f : futures) {
        receipts.add(f.get(30, TimeUnit.SECONDS));
      }
      return receipts;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Everything a reader can see, for checking that a rejection changed nothing. */
  private State state() {
    Set<ModelId> ids = new LinkedHashSet<>(List.of(PRIVATE_MODEL, PUBLIC_MODEL));
    List<ModelRecord> models = ledger.models();
    models.forEach(m -> ids.add(m.id()));
    Map<ModelId, List<Object>> perModel = new LinkedHashMap<>();
    for (ModelId id : ids) {
      perModel.put(id, List.of(ledger.model(id), ledger.versions(id), ledger.grants(id), ledger.reviews(id)));
    }
    Map<Address, Long> nonces = new LinkedHashMap<>();
    for (EthPrivateKey k : KEYS) {
      nonces.put(k.address(), ledger.nextNonce(k.address()));
    }
    return new State(models, perModel, ledger.nodes(), ledger.events(0, 10_000), nonces);
  }

  private record State(List<ModelRecord> models, Map<ModelId, List<Object>> perModel, List<NodeRecord> nodes,
      List<LedgerEvent> events, Map<Address, Long> nonces) {}
}
