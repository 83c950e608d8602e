package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.ChunkedDecryptor;
import ai.nesa.aivm.crypto.ChunkedEncryption;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.Ecies;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.BadRequestException;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.PermissionDeniedException;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.access.AccessChange;
import ai.nesa.aivm.sdk.access.AccessControl;
import ai.nesa.aivm.sdk.access.AccessDeniedException;
import ai.nesa.aivm.sdk.access.NodeKeyring;
import ai.nesa.aivm.sdk.access.PrivateVersion;
import ai.nesa.aivm.sdk.access.Wallet;
import ai.nesa.aivm.sdk.inference.Deployment;
import ai.nesa.aivm.sdk.inference.DeploymentSpec;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.inference.InferenceResult;
import ai.nesa.aivm.sdk.internal.access.ModelKeys;
import ai.nesa.aivm.sdk.internal.kernels.upload.KernelEncryption;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.Consensus;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.Manifest;
import ai.nesa.aivm.sdk.kernels.ManifestKeys;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.kernels.Security;
import ai.nesa.aivm.sdk.ledger.GrantRecord;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.logging.CapturedLogs;
import ai.nesa.aivm.sdk.models.Access;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code client.access()} on a devnet with its in-memory ledger: private kernels published
 * encrypted, nodes authorized, the gateway routing only to them, revoke and rotate, k-of-n, and
 * the key formats against npm's eciesjs. Two nodes run outside the gateway with encryption keys
 * the test knows, so that it can check what a node could compute from its grant. {@link
 * PrivateModelsOnAnvilTest} runs every test again with the ledger on anvil.
 */
class PrivateModelsOnDevnetTest {
  private static final Wallet OWNER = Wallet.of(TinyKernels.OWNER);
  /** Anvil's accounts 7 and 8 (public knowledge) run the test's own nodes. */
  private static final EthPrivateKey KNOWN_OPERATOR = key("0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356");
  private static final EthPrivateKey KNOWN_ENCRYPTION = key("0x" + "11".repeat(32));
  private static final EthPrivateKey OTHER_OPERATOR = key("0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97");
  private static final InferenceInput HAPPY = InferenceInput.text("a wonderful happy result");

  static LocalAivmNetwork devnet;
  static AivmClient client;
  static AccessControl access;
  /** A registered node outside the gateway whose encryption key the test holds. */
  static DevnetNode known;
  static DevnetNode other;

  @BeforeAll
  static void start() throws Exception {
    startOn(LocalAivmNetwork.builder().nodes(3).start());
  }

  /** Starts the test's client and its two known nodes on {@code network}. */
  static void startOn(LocalAivmNetwork network) {
    devnet = network;
    client = AivmClient.builder().gateway(devnet.gateway()).store(devnet.store()).ledger(devnet.ledger())
        .wallet(OWNER).build();
    access = client.access();
    known = new DevnetNode(KNOWN_OPERATOR, KNOWN_ENCRYPTION, "test:known", devnet.ledger(), devnet.store(),
        Clock.systemUTC());
    other = new DevnetNode(OTHER_OPERATOR, key("0x" + "22".repeat(32)), "test:other", devnet.ledger(), devnet.store(),
        Clock.systemUTC());
    assertEquals(LedgerReceipt.Status.APPLIED, known.register().status());
    assertEquals(LedgerReceipt.Status.APPLIED, other.register().status());
  }

  @AfterAll
  static void stop() {
    if (known != null) {
      known.close();
      other.close();
      known = null;
    }
    if (client != null) {
      client.close();
      client = null;
    }
    if (devnet != null) {
      devnet.close();
      devnet = null;
    }
  }

  @Test
  void anAuthorizedNodeRunsThePrivateModelAndAnUnauthorizedOneCannotDecryptAndIsNeverRoutedTo() {
    ModelId model = ModelId.of("acme/private-routing");
    PrivateVersion v1 = access.publish(bundle(model, "0.1.0"));
    assertEquals(Access.PRIVATE, v1.registration().model().access());
    assertEquals(0, v1.epoch());
    assertTrue(v1.kernel().manifest().files().stream().filter(f -> f.path().equals("model.onnx"))
        .allMatch(f -> f.encryption().isPresent()), "the weights are stored encrypted");

    AccessChange change = access.authorize(model, List.of(node(0).address(), node(1).address()));
    assertEquals(List.of(node(0).address(), node(1).address()), change.grants().stream().map(GrantRecord::node).toList());
    assertTrue(access.mayRun(model, node(0).address()));
    assertFalse(access.mayRun(model, node(2).address()));

    long idleBefore = node(2).inferencesRun();
    Deployment d = client.inference().waitUntilReady(client.inference().deploy(DeploymentSpec.builder(model)
        .consensus(Consensus.kOfN(2, 2)).build()).id(), Duration.ofSeconds(30));
    assertEquals(Set.of(node(0).address(), node(1).address()), Set.copyOf(d.nodes()));
    InferenceResult r = client.inference().infer(d.id(), HAPPY);
    assertEquals(1, r.tensorOutput().tensor("logits").argmaxOfLastRow());
    assertTrue(r.verification().verified());
    assertEquals(idleBefore, node(2).inferencesRun(), "the unauthorized node was never sent the input");

    KernelVerificationException refused = assertThrows(KernelVerificationException.class,
        () -> node(2).runText(model, v1.kernel().manifest().version(), "hello"));
    assertTrue(refused.getMessage().contains("holds no grant"), refused.getMessage());
    BadRequestException named = assertThrows(BadRequestException.class, () -> client.inference().deploy(
        DeploymentSpec.builder(model).nodes(List.of(node(2).address())).build()));
    assertEquals(List.of("grant"), named.details().stream().map(ai.nesa.aivm.Problem::rule).toList(), named.toString());
  }

  @Test
  void aRevokedNodeIsRefusedAndCannotDecryptTheNextVersionWhileTheRestRunBoth() {
    ModelId model = ModelId.of("acme/private-revoke");
    PrivateVersion v1 = access.publish(bundle(model, "0.1.0"));
    access.authorize(model, List.of(node(0).address(), node(1).address(), known.address()));
    Deployment d = client.inference().waitUntilReady(client.inference().deploy(DeploymentSpec.builder(model)
        .nodes(List.of(node(0).address(), node(1).address())).consensus(Consensus.kOfN(2, 2)).build()).id(),
        Duration.ofSeconds(30));
    assertEquals(1, client.inference().infer(d.id(), HAPPY).tensorOutput().tensor("logits").argmaxOfLastRow());
    // what the node to be revoked holds: its epoch key, which opens version 1
    SecretBytes heldKey = Ecies.unwrapKey(KNOWN_ENCRYPTION, grantOf(model, known.address()).wrappedKey());
    keyring(KNOWN_ENCRYPTION).dataKey(v1.kernel().manifest()).destroy();

    AccessChange revoked = access.revoke(model, List.of(node(1).address(), known.address()));
    assertEquals(1, revoked.epoch());
    assertEquals(List.of(node(0).address()), revoked.grants().stream().map(GrantRecord::node).toList());
    long ran = node(0).inferencesRun() + node(1).inferencesRun();
    PermissionDeniedException stale = assertThrows(PermissionDeniedException.class,
        () -> client.inference().infer(d.id(), HAPPY));
    assertEquals("node_not_authorized", stale.error().code(), stale.toString());
    assertEquals(List.of(node(1).address().toString()), stale.details().stream().map(ai.nesa.aivm.Problem::path).toList());
    assertEquals(ran, node(0).inferencesRun() + node(1).inferencesRun(), "nothing was sent to any node");

    PrivateVersion v2 = access.publish(bundle(model, "0.2.0"));
    ManifestKeys keys = v2.kernel().manifest().keys().orElseThrow();
    assertEquals(1, keys.epoch());
    // the revoked node's key opens nothing of version 2, whatever epoch it tries it under
    for (long epoch = 0; epoch <= 1; epoch++) {
      long e = epoch;
      assertThrows(CryptoException.class, () -> ModelKeys.openDataKey(heldKey, keys.sealedDataKey(), model,
          Semver.of("0.2.0"), e));
    }
    assertThrows(IllegalArgumentException.class, () -> ModelKeys.olderKey(heldKey, 0, 1),
        "a later epoch's key does not follow from an earlier one");
    assertThrows(AccessDeniedException.class, () -> keyring(KNOWN_ENCRYPTION).dataKey(v2.kernel().manifest()));
    assertThrows(KernelVerificationException.class, () -> node(1).runText(model, Semver.of("0.2.0"), "hello"));
    heldKey.destroy();

    // the node kept runs both versions: epoch 1's key yields epoch 0's
    assertEquals(1, node(0).runText(model, Semver.of("0.1.0"), "a wonderful happy result").argmaxOfLastRow());
    assertEquals(1, node(0).runText(model, Semver.of("0.2.0"), "a wonderful happy result").argmaxOfLastRow());
    assertFalse(access.mayRun(model, known.address()));
  }

  @Test
  void kOfNNodesReconstructTheKeyAndFewerCannot() {
    ModelId model = ModelId.of("acme/private-shares");
    PrivateVersion v1 = access.publish(bundle(model, "0.1.0"));
    List<Address> set = List.of(known.address(), node(0).address(), node(1).address(), node(2).address());
    AccessChange change = access.authorizeThreshold(model, 3, set);
    assertEquals(3, change.threshold());
    assertEquals(1, change.epoch());
    assertEquals(4, change.grants().size());

    Manifest manifest = v1.kernel().manifest();
    NodeKeyring mine = keyring(KNOWN_ENCRYPTION);
    AccessDeniedException few = assertThrows(AccessDeniedException.class,
        () -> mine.dataKey(manifest, List.of(node(0))));
    assertTrue(few.getMessage().contains("2 of the 3 shares"), few.getMessage());
    assertThrows(AccessDeniedException.class, () -> mine.dataKey(manifest));
    // one share alone is not the key: it opens nothing
    SecretBytes share = ai.nesa.aivm.crypto.KeyShare.fromBytes(
        Ecies.decrypt(KNOWN_ENCRYPTION, grantOf(model, known.address()).wrappedKey())).value();
    assertThrows(CryptoException.class, () -> ModelKeys.openDataKey(share, manifest.keys().orElseThrow().sealedDataKey(),
        model, manifest.version(), 0));

    SecretBytes opened = mine.dataKey(manifest, List.of(node(0), node(1)));
    SecretBytes owners = access.recoverDataKey(model, manifest.version());
    assertEquals(owners, opened, "k shares give the version's data key, the one its owner recovers");
    opened.destroy();
    owners.destroy();
    assertThrows(AccessDeniedException.class, () -> node(0).shareFor(other.address(), model),
        "a node without a grant is given no share");

    Deployment d = client.inference().waitUntilReady(client.inference().deploy(DeploymentSpec.builder(model)
        .nodes(List.of(node(0).address(), node(1).address(), node(2).address())).consensus(Consensus.kOfN(3, 3))
        .build()).id(), Duration.ofSeconds(30));
    assertEquals(1, client.inference().infer(d.id(), HAPPY).tensorOutput().tensor("logits").argmaxOfLastRow());

    List<GrantRecord> before = access.grants(model);
    AivmValidationException tooFew = assertThrows(AivmValidationException.class,
        () -> access.revoke(model, List.of(node(1).address(), node(2).address())));
    assertEquals("nodes", tooFew.problems().get(0).path());
    assertEquals(before, access.grants(model), "a refused revoke changes nothing");
  }

  @Test
  void aTamperedManifestATamperedFileAndAWrongKeyAreDetected() throws IOException {
    ModelId model = ModelId.of("acme/private-tamper");
    PrivateVersion v1 = access.publish(bundle(model, "0.1.0"));
    access.authorize(model, List.of(known.address()));
    Manifest manifest = v1.kernel().manifest();
    ManifestKeys keys = manifest.keys().orElseThrow();

    byte[] flipped = keys.sealedDataKey();
    flipped[20] ^= 1;
    Manifest tampered = manifest.toBuilder().keys(new ManifestKeys(keys.epoch(), keys.owner(), flipped,
        keys.sealedSeed())).build();
    CryptoException sealed = assertThrows(CryptoException.class, () -> keyring(KNOWN_ENCRYPTION).dataKey(tampered));
    assertEquals(CryptoException.Check.AUTHENTICATION, sealed.check());

    CryptoException wrongKey = assertThrows(CryptoException.class,
        () -> keyring(key("0x" + "33".repeat(32))).dataKey(manifest));
    assertEquals(CryptoException.Check.AUTHENTICATION, wrongKey.check());

    byte[] weights = TinyModel.BYTE_PAIR_SENTIMENT.bytes();
    try (ChunkedDecryptor chunks = keyring(KNOWN_ENCRYPTION).openDecryptor(manifest, "model.onnx", List.of())) {
      assertEquals(weights.length, chunks.plaintextSize());
      long last = chunks.chunkCount() - 1;
      assertArrayEquals(Arrays.copyOfRange(weights, (int) (last * ChunkedEncryption.CHUNK_SIZE), weights.length),
          chunks.decryptChunk(last), "the node reads one chunk alone");
      assertArrayEquals(Arrays.copyOfRange(weights, 20_000, 20_100), chunks.read(20_000, 100));
    }
    SecretBytes dataKey = keyring(KNOWN_ENCRYPTION).dataKey(manifest);
    byte[] ciphertext;
    try (InputStream in = devnet.kernels().open(manifest, "model.onnx")) {
      ciphertext = in.readAllBytes();
    }
    assertArrayEquals(TinyModel.BYTE_PAIR_SENTIMENT.bytes(),
        KernelEncryption.forFile(model, "model.onnx").decrypt(dataKey, ciphertext));
    ciphertext[ciphertext.length / 2] ^= 1;
    CryptoException file = assertThrows(CryptoException.class,
        () -> KernelEncryption.forFile(model, "model.onnx").decrypt(dataKey, ciphertext));
    assertEquals(CryptoException.Check.AUTHENTICATION, file.check());
    dataKey.destroy();
  }

  @Test
  void npmEciesjsUnwrapsAGrantTheSdkMadeWithTheNodesKey() throws Exception {
    ModelId model = ModelId.of("acme/private-eciesjs");
    PrivateVersion v1 = access.publish(bundle(model, "0.1.0"));
    access.authorize(model, List.of(known.address()));
    byte[] grant = grantOf(model, known.address()).wrappedKey();

    String out = eciesjsDecrypt(Hex.encodePlain(KNOWN_ENCRYPTION.export().export()) + " " + Hex.encodePlain(grant));

    assertTrue(out.startsWith("ok "), out);
    SecretBytes epochKey = SecretBytes.copyOf(Hex.decode(out.substring(3).trim()));
    Manifest manifest = v1.kernel().manifest();
    SecretBytes dataKey = ModelKeys.openDataKey(epochKey, manifest.keys().orElseThrow().sealedDataKey(), model,
        manifest.version(), 0);
    SecretBytes owners = access.recoverDataKey(model, manifest.version());
    assertEquals(owners, dataKey, "what eciesjs unwrapped opens the version's data key");
    try (InputStream in = devnet.kernels().openDecrypted(manifest, "model.onnx", dataKey)) {
      assertArrayEquals(TinyModel.BYTE_PAIR_SENTIMENT.bytes(), in.readAllBytes());
    }
  }

  @Test
  void noKeyMaterialReachesTheLogsOrAnyToString() {
    CapturedLogs.clear();
    ModelId model = ModelId.of("acme/private-logs");
    List<String> shown = new ArrayList<>();
    PrivateVersion v1 = access.publish(bundle(model, "0.1.0"));
    shown.add(v1.toString());
    shown.add(access.authorizeThreshold(model, 2, List.of(known.address(), node(0).address(), node(1).address()))
        .toString());
    Deployment d = client.inference().waitUntilReady(client.inference().deploy(DeploymentSpec.builder(model)
        .nodes(List.of(node(0).address(), node(1).address())).consensus(Consensus.kOfN(2, 2)).build()).id(),
        Duration.ofSeconds(30));
    client.inference().infer(d.id(), HAPPY);
    assertThrows(AccessDeniedException.class, () -> keyring(KNOWN_ENCRYPTION).dataKey(v1.kernel().manifest(),
        List.of(other)));
    shown.add(access.revoke(model, List.of(node(1).address())).toString());
    shown.add(OWNER.toString());
    shown.add(access.toString());
    shown.add(keyring(KNOWN_ENCRYPTION).toString());

    List<String> secrets = new ArrayList<>();
    secrets.add(Hex.encodePlain(TinyKernels.OWNER.export().export()));
    secrets.add(Hex.encodePlain(KNOWN_ENCRYPTION.export().export()));
    SecretBytes dataKey = access.recoverDataKey(model, Semver.of("0.1.0"));
    secrets.add(Hex.encodePlain(dataKey.export()));
    SecretBytes seed = OWNER.unwrapKey(v1.kernel().manifest().keys().orElseThrow().sealedSeed());
    for (long epoch = 0; epoch <= 2; epoch++) {
      secrets.add(Hex.encodePlain(ModelKeys.epochKey(seed, epoch).export()));
    }
    secrets.add(Hex.encodePlain(seed.export()));
    List<String> lines = CapturedLogs.lines();
    assertTrue(lines.stream().anyMatch(l -> l.contains("got no share of " + model + " from " + other.address())),
        "the SDK's own log lines are captured (the keyring logs a peer that gave no share): " + lines);
    for (String secret : secrets) {
      for (String text : lines) {
        assertFalse(text.toLowerCase().contains(secret), "a key in the log line: " + text);
      }
      for (String text : shown) {
        assertFalse(text.toLowerCase().contains(secret), "a key in a toString: " + text);
      }
    }
  }

  @Test
  void theAsyncTwinPublishesAndGrantsAndAClientWithoutAWalletKeyHasNoAccess() throws Exception {
    ModelId model = ModelId.of("acme/private-async");
    PrivateVersion v1 = client.async().access().publish(bundle(model, "0.1.0")).get(60, TimeUnit.SECONDS);
    AccessChange change = client.async().access().authorize(model, List.of(node(0).address()))
        .get(60, TimeUnit.SECONDS);
    assertEquals(List.of(node(0).address()), change.grants().stream().map(GrantRecord::node).toList());
    assertEquals(change.grants(), client.async().access().grants(model).get(60, TimeUnit.SECONDS));
    assertEquals(1, node(0).runText(model, v1.kernel().manifest().version(), "a wonderful happy result")
        .argmaxOfLastRow());

    try (AivmClient signerOnly = AivmClient.builder().gateway(devnet.gateway()).store(devnet.store())
        .ledger(devnet.ledger()).wallet(ai.nesa.aivm.crypto.EthSigner.of(TinyKernels.OWNER)).build()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, signerOnly::access);
      assertTrue(e.getMessage().contains("signer only"), e.getMessage());
    }
    AivmValidationException notYours = assertThrows(AivmValidationException.class, () -> {
      try (AivmClient stranger = AivmClient.builder().gateway(devnet.gateway()).store(devnet.store())
          .ledger(devnet.ledger()).wallet(Wallet.create()).build()) {
        stranger.access().authorize(model, List.of(node(1).address()));
      }
    });
    assertEquals("owner", notYours.problems().get(0).rule());
    AivmValidationException unregistered = assertThrows(AivmValidationException.class,
        () -> access.authorize(model, List.of(node(1).address(), Wallet.create().address())));
    assertEquals("nodes[1]", unregistered.problems().get(0).path());
    assertEquals(List.of(node(0).address()), access.grants(model).stream().map(GrantRecord::node).toList(),
        "a refused authorization grants no one, not even the valid node");
  }

  private static DevnetNode node(int i) {
    return devnet.nodes().get(i);
  }

  private static NodeKeyring keyring(EthPrivateKey encryption) {
    return NodeKeyring.of(encryption, known.address(), devnet.ledger(), devnet.kernels());
  }

  private static GrantRecord grantOf(ModelId model, Address node) {
    return devnet.ledger().grants(model).stream().filter(g -> g.node().equals(node)).findFirst().orElseThrow();
  }

  private static KernelBundle bundle(ModelId model, String version) {
    AivmConfig config = Presets.onnxClassifier(model.toString(), "model.onnx").toBuilder()
        .version(Semver.of(version)).security(Security.privateAccess()).build();
    return KernelBundle.builder().config(config).file("model.onnx", TinyModel.BYTE_PAIR_SENTIMENT.bytes()).build();
  }

  private static EthPrivateKey key(String hex) {
    return EthPrivateKey.fromBytes(Hex.decode(hex));
  }

  /** npm's eciesjs@0.5.0 decrypting one line, through the crypto module's interop script. */
  private static String eciesjsDecrypt(String line) throws Exception {
    Path dir = Path.of("..", "aivm-sdk-crypto", "src", "test", "js").toAbsolutePath().normalize();
    Process p = new ProcessBuilder("node", dir.resolve("ecies-decrypt.mjs").toString()).directory(dir.toFile()).start();
    p.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("node ecies-decrypt.mjs ran over two minutes");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new AssertionError("node ecies-decrypt.mjs exited " + p.exitValue() + " (the crypto module's build "
          + "installs eciesjs: run the whole build, or sh aivm-sdk-crypto/src/test/js/ensure-installed.sh): "
          + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    return out;
  }
}
