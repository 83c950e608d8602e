package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.crypto.ChunkedEncryption;
import ai.nesa.aivm.crypto.Ecies;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.inference.Receipt;
import ai.nesa.aivm.sdk.inference.TensorOutput;
import ai.nesa.aivm.sdk.inference.TextOutput;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.KernelRuntime;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.kernels.Security;
import ai.nesa.aivm.sdk.kernels.UploadOptions;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.models.Access;
import ai.nesa.aivm.sdk.models.Engine;
import ai.nesa.aivm.sdk.storage.KernelStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A devnet node running kernels published through the SDK: the ledger, the store and ONNX Runtime, all real. */
class DevnetNodeTest {
  /** Anvil's first two dev keys and a made-up one: public knowledge, never for real funds. */
  private static final EthPrivateKey OWNER = key("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  private static final EthPrivateKey NODE_1 = key("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  private static final EthPrivateKey NODE_2 = key("0x" + "22".repeat(32));
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  private static final Semver V = Semver.of("0.1.0");

  @TempDir Path dir;
  private InMemoryLedger ledger;
  private KernelStore store;
  private DevnetNode node;
  private DevnetNode other;

  private static EthPrivateKey key(String hex) {
    return EthPrivateKey.fromBytes(Hex.decode(hex));
  }

  @BeforeEach
  void setUp() {
    ledger = InMemoryLedger.builder().clock(CLOCK).build();
    store = KernelStore.localDirectory(dir.resolve("store"));
    node = new DevnetNode(NODE_1, EthPrivateKey.generate(new SecureRandom()), "http://127.0.0.1:9001", ledger, store, CLOCK);
    other = new DevnetNode(NODE_2, EthPrivateKey.generate(new SecureRandom()), "http://127.0.0.1:9002", ledger, store, CLOCK);
    assertEquals(LedgerReceipt.Status.APPLIED, node.register().status());
    assertEquals(LedgerReceipt.Status.APPLIED, other.register().status());
  }

  @AfterEach
  void tearDown() {
    node.close();
    other.close();
    store.close();
    ledger.close();
  }

  private LedgerReceipt submit(LedgerAction action) {
    EthSigner owner = EthSigner.of(OWNER);
    LedgerReceipt receipt = ledger.submit(LedgerRequest.sign(action, owner, ledger.domain(),
        ledger.nextNonce(owner.address()), CLOCK.instant().plusSeconds(60)));
    assertEquals(LedgerReceipt.Status.APPLIED, receipt.status(), receipt.toString());
    return receipt;
  }

  private PublishedKernel publish(AivmConfig config, KernelBundle bundle, UploadOptions options) {
    PublishedKernel published = KernelUploader.using(store).upload(bundle, options);
    submit(new LedgerAction.RegisterModel(config.name(), config.security().orElseThrow().access()));
    submit(new LedgerAction.PublishVersion(config.name(), config.version(), published.manifestCid(),
        published.manifest().hash()));
    return published;
  }

  private static KernelBundle bundle(AivmConfig config, TinyModel model) {
    return KernelBundle.builder().config(config).file("model.onnx", model.bytes()).build();
  }

  @Test
  void theNodeIsOnTheLedgerWithItsEncryptionKey() {
    var record = ledger.node(node.address()).orElseThrow();
    assertEquals(node.encryptionPublicKey(), record.encryptionPublicKey());
    assertEquals("http://127.0.0.1:9001", record.endpoint());
  }

  @Test
  void aPublishedClassifierRunsOnTheNodeAsTheGeneratorComputed() throws Exception {
    AivmConfig config = Presets.onnxClassifier("acme/sentiment", "model.onnx");
    publish(config, bundle(config, TinyModel.BYTE_PAIR_SENTIMENT), UploadOptions.defaults());
    JsonNode expected;
    try (var in = getClass().getClassLoader().getResourceAsStream(TinyModel.RESOURCE_FOLDER + "expected.json")) {
      expected = JsonMapper.builder().build().readTree(in).get(TinyModel.BYTE_PAIR_SENTIMENT.fileName());
    }
    NodeOutput positive = node.runText(config.name(), V, "a wonderful happy result");
    assertEquals("logits", positive.name());
    assertArrayEquals(new long[] {1, 2}, positive.shape());
    assertEquals(expected.get("logits").get(0).get(1).asDouble(), positive.values()[1], 1e-4);
    assertEquals(1, positive.argmaxOfLastRow(), "positive");
    assertEquals(0, node.runText(config.name(), V, "awful, broken and boring").argmaxOfLastRow(), "negative");
  }

  @Test
  void aPublishedTextGeneratorPredictsTheNextByte() {
    AivmConfig config = Presets.onnxTextGenerator("acme/bigram", "model.onnx");
    publish(config, bundle(config, TinyModel.BYTE_BIGRAM), UploadOptions.defaults());
    NodeOutput next = node.runText(config.name(), V, "the node");
    assertArrayEquals(new long[] {1, 8, 256}, next.shape());
    assertEquals(' ', next.argmaxOfLastRow(), "after 'the node' the corpus has a space");
  }

  @Test
  void aPrivateKernelRunsOnlyOnANodeGrantedItsKey() {
    AivmConfig config = Presets.onnxClassifier("acme/secret-sentiment", "model.onnx").toBuilder()
        .security(Security.privateAccess()).build();
    SecretBytes dataKey = ChunkedEncryption.aes256Gcm().newKey();
    PublishedKernel published = publish(config, bundle(config, TinyModel.BYTE_PAIR_SENTIMENT),
        UploadOptions.builder().dataKey(dataKey).build());
    assertTrue(published.manifest().file("model.onnx").orElseThrow().encryption().isPresent());
    submit(new LedgerAction.RotateEpoch(config.name(), 1, 1, new byte[0]));
    submit(new LedgerAction.Grant(config.name(), node.address(), 1,
        Ecies.wrapKey(node.encryptionPublicKey(), dataKey, new SecureRandom()), Optional.empty()));

    assertEquals(1, node.runText(config.name(), V, "a wonderful happy result").argmaxOfLastRow());
    KernelVerificationException e = assertThrows(KernelVerificationException.class,
        () -> other.runText(config.name(), V, "a wonderful happy result"));
    assertTrue(e.getMessage().contains("holds no grant"), e.getMessage());
  }

  @Test
  void aKernelOfAnotherRuntimeIsRefusedNamingIt() {
    AivmConfig onnx = Presets.onnxClassifier("acme/scripted", "model.onnx");
    AivmConfig config = onnx.toBuilder()
        .runtime(KernelRuntime.builder().engine(Engine.PYTHON).entrypoint("infer.py").build())
        .build();
    KernelBundle bundle = KernelBundle.builder().config(config)
        .file("model.onnx", TinyModel.BYTE_PAIR_SENTIMENT.bytes())
        .file("infer.py", "def infer(x):\n    return x\n".getBytes(StandardCharsets.UTF_8))
        .build();
    publish(config, bundle, UploadOptions.defaults());
    UnsupportedRuntimeException e = assertThrows(UnsupportedRuntimeException.class,
        () -> node.runText(config.name(), V, "hello"));
    assertEquals("python", e.engine());
    assertTrue(e.getMessage().contains("'python'"), e.getMessage());
  }

  @Test
  void aManifestWhoseHashIsNotTheLedgersIsRefused() {
    AivmConfig config = Presets.onnxClassifier("acme/tampered", "model.onnx");
    PublishedKernel published = KernelUploader.using(store).upload(bundle(config, TinyModel.BYTE_PAIR_SENTIMENT));
    submit(new LedgerAction.RegisterModel(config.name(), Access.PUBLIC));
    submit(new LedgerAction.PublishVersion(config.name(), V, published.manifestCid(), Hash32.fromBytes(new byte[32])));
    KernelVerificationException e = assertThrows(KernelVerificationException.class,
        () -> node.runText(config.name(), V, "hello"));
    assertTrue(e.getMessage().contains("hashes to"), e.getMessage());
    assertThrows(KernelVerificationException.class, () -> node.runText(ModelId.of("acme/missing"), V, "hello"));
  }

  @Test
  void runSignsAReceiptOverTheInputAndTheOutput() {
    AivmConfig config = Presets.onnxClassifier("acme/sentiment", "model.onnx");
    PublishedKernel published = publish(config, bundle(config, TinyModel.BYTE_PAIR_SENTIMENT),
        UploadOptions.defaults());
    InferenceInput input = InferenceInput.text("a wonderful happy result");
    NodeResult result = node.run(config.name(), V, "inf-7", input, RunControl.create());
    TensorOutput output = (TensorOutput) result.output();
    assertArrayEquals(node.runText(config.name(), V, "a wonderful happy result").values(),
        output.tensor("logits").asFloats());
    assertEquals(2, result.unitsOut());
    Receipt receipt = result.receipt();
    assertTrue(receipt.isSignedBy(ledger.domain()));
    assertEquals(node.address(), receipt.node());
    assertEquals("inf-7", receipt.requestId());
    assertEquals(input.hash(), receipt.inputHash());
    assertEquals(output.hash(), receipt.outputHash());
    assertEquals(published.manifest().hash(), receipt.manifestHash());
    assertEquals(CLOCK.instant(), receipt.timestamp());
    assertEquals(1, node.inferencesRun());
  }

  @Test
  void aLyingNodeSignsAnOutputThatDiffersFromAnHonestOnes() {
    AivmConfig config = Presets.onnxTextGenerator("acme/bigram", "model.onnx");
    publish(config, bundle(config, TinyModel.BYTE_BIGRAM), UploadOptions.defaults());
    InferenceInput input = InferenceInput.text("the node").maxTokens(5);
    other.faults().lie();
    TextOutput honest = (TextOutput) node.run(config.name(), V, "inf-1", input, RunControl.create()).output();
    NodeResult lie = other.run(config.name(), V, "inf-1", input, RunControl.create());
    assertEquals(" the ", honest.text());
    assertEquals(" the!", ((TextOutput) lie.output()).text(), "' ' ^ 1");
    assertEquals(lie.output().hash(), lie.receipt().outputHash());
    assertEquals(5, node.tokensGenerated());
  }

  @Test
  void aCancelledRunStopsBeforeItsNextToken() {
    AivmConfig config = Presets.onnxTextGenerator("acme/bigram", "model.onnx");
    publish(config, bundle(config, TinyModel.BYTE_BIGRAM), UploadOptions.defaults());
    List<String> tokens = new ArrayList<>();
    RunControl[] control = new RunControl[1];
    control[0] = RunControl.create(t -> {
      tokens.add(t);
      if (tokens.size() == 3) {
        control[0].cancel();
      }
    });
    assertThrows(CancellationException.class, () -> node.run(config.name(), V, "inf-1",
        InferenceInput.text("the node").maxTokens(200), control[0]));
    assertEquals(List.of(" ", "t", "h"), tokens);
    assertEquals(3, node.tokensGenerated());
    assertEquals(0, node.runningInferences());
  }

  @Test
  void inputsTheNodeCannotRunAreRefusedNamingTheField() {
    AivmConfig config = Presets.onnxTextGenerator("acme/bigram", "model.onnx");
    publish(config, bundle(config, TinyModel.BYTE_BIGRAM), UploadOptions.defaults());
    AivmValidationException tooLong = assertThrows(AivmValidationException.class, () -> node.run(config.name(), V,
        "inf-1", InferenceInput.text("the").maxTokens(257), RunControl.create()));
    assertEquals("input.maxTokens", tooLong.problems().get(0).path());
    AivmValidationException empty = assertThrows(AivmValidationException.class, () -> node.run(config.name(), V,
        "inf-1", InferenceInput.text(""), RunControl.create()));
    assertEquals("input.text", empty.problems().get(0).path());
  }
}
