package ai.nesa.aivm.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.KernelRegistration;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerRequestKind;
import ai.nesa.aivm.sdk.ledger.ReviewRecord;
import ai.nesa.aivm.sdk.storage.KernelStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's writes with a {@link Web3jLedger} on anvil: {@code kernels().register} registers
 * the model and publishes the version in transactions on the chain, {@code models().review} posts a
 * review there, and another ledger reading the same contract sees them.
 */
class SdkOnChainTest extends OnAnvilLedgerTest {
  private static final EthPrivateKey OWNER = EthPrivateKey.fromBytes(
      Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
  private static final EthPrivateKey REVIEWER = EthPrivateKey.fromBytes(
      Hex.decode("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"));
  /** The kernel: an ONNX classifier preset over bytes that stand in for weights (nothing runs them here). */
  private static final byte[] WEIGHTS = "not really onnx".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path storeDir;
  private KernelStore store;

  @BeforeEach
  void openStore() {
    store = KernelStore.localDirectory(storeDir);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  /** A client whose gateway is never called: registering and reviewing talk to the ledger and the store. */
  private AivmClient clientOf(EthPrivateKey wallet) {
    return AivmClient.builder().gateway("http://127.0.0.1:9").store(store).ledger(ledger).wallet(EthSigner.of(wallet))
        .build();
  }

  @Test
  void aKernelRegisteredThroughTheClientIsOnTheChain() {
    AivmConfig config = Presets.onnxClassifier("acme/on-chain", "model.onnx");
    try (AivmClient client = clientOf(OWNER)) {
      PublishedKernel published = client.kernels().upload(KernelBundle.builder().config(config)
          .file("model.onnx", WEIGHTS).build());

      KernelRegistration registration = client.kernels().register(published);

      assertEquals(List.of(LedgerRequestKind.REGISTER_MODEL, LedgerRequestKind.PUBLISH_VERSION),
          registration.receipts().stream().map(r -> r.kind()).toList());
      List<ChainEvent> onChain = ledger.chainEvents(0, 10);
      assertEquals(2, onChain.size());
      assertEquals("0x" + registration.receipts().get(1).requestId(), onChain.get(1).transactionHash().hex(),
          "the request id is the publication's transaction");
      try (Web3jLedger reader = Web3jLedger.builder().rpc(chain.node().url()).contract(ledger.contract()).build()) {
        assertEquals(registration.version(), reader.version(config.name(), config.version()).orElseThrow());
        assertEquals(OWNER.address(), reader.model(config.name()).orElseThrow().owner());
      }
    }
  }

  @Test
  void aPipelineWithoutAGatewayRegistersThroughTheUploaderAlone() {
    AivmConfig config = Presets.onnxClassifier("acme/from-ci", "model.onnx");
    KernelUploader uploader = KernelUploader.using(store, ledger, EthSigner.of(OWNER));

    KernelRegistration registration = uploader.register(uploader.upload(KernelBundle.builder().config(config)
        .file("model.onnx", WEIGHTS).build()));

    assertTrue(registration.registeredModel() && registration.publishedVersion());
    assertEquals(registration.model(), ledger.model(config.name()).orElseThrow());
  }

  @Test
  void aReviewPostedThroughTheClientIsOnTheChainWithItsTextInTheStore() throws Exception {
    AivmConfig config = Presets.onnxClassifier("acme/reviewed-on-chain", "model.onnx");
    try (AivmClient owner = clientOf(OWNER); AivmClient reviewer = clientOf(REVIEWER)) {
      owner.kernels().register(owner.kernels().upload(KernelBundle.builder().config(config)
          .file("model.onnx", WEIGHTS).build()));

      ReviewRecord review = reviewer.models().review(r -> r.model(config.name()).version(config.version()).rating(3)
          .text("Fine for a demo."));

      assertEquals(REVIEWER.address(), review.reviewer());
      assertEquals(List.of(review), ledger.reviews(config.name()));
      ChainEvent event = ledger.chainEvents(2, 1).get(0);
      assertEquals(new LedgerAction.Review(config.name(), config.version(), 3, review.textCid()), event.event().action());
      try (InputStream text = store.open(review.textCid())) {
        assertEquals("Fine for a demo.", new String(text.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
  }
}
