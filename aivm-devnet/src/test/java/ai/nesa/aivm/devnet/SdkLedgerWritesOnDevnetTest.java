package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.crypto.ChunkedEncryption;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.KernelRegistration;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.kernels.Security;
import ai.nesa.aivm.sdk.kernels.UploadOptions;
import ai.nesa.aivm.sdk.ledger.LedgerError;
import ai.nesa.aivm.sdk.ledger.LedgerRejectedException;
import ai.nesa.aivm.sdk.ledger.LedgerRequestKind;
import ai.nesa.aivm.sdk.ledger.ReviewRecord;
import ai.nesa.aivm.sdk.models.Access;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client's writes on a devnet's in-memory ledger, as its wallet: {@code kernels().register}
 * registers the model and publishes the version, {@code models().review} posts a review; the
 * devnet's catalog then shows them. The same calls run on anvil in the chain module's tests.
 */
class SdkLedgerWritesOnDevnetTest {
  private static final EthPrivateKey OWNER = TinyKernels.OWNER;
  /** Anvil's account 1: public knowledge, never for real funds. */
  private static final EthPrivateKey STRANGER = EthPrivateKey.fromBytes(
      Hex.decode("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"));

  private static LocalAivmNetwork devnet;
  private static AivmClient client;

  @BeforeAll
  static void start() {
    devnet = LocalAivmNetwork.builder().nodes(1).start();
    client = clientOf(OWNER);
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (devnet != null) {
      devnet.close();
    }
  }

  private static AivmClient clientOf(EthPrivateKey wallet) {
    return AivmClient.builder().gateway(devnet.gateway()).store(devnet.store()).ledger(devnet.ledger())
        .wallet(EthSigner.of(wallet)).build();
  }

  @Test
  void registeringAnUploadedKernelRegistersItsModelAndPublishesItsVersionAsTheWallet() {
    AivmConfig config = Presets.onnxClassifier("acme/registered", "model.onnx");
    PublishedKernel published = client.kernels().upload(bundle(config));

    KernelRegistration registration = client.kernels().register(published);

    assertTrue(registration.registeredModel() && registration.publishedVersion());
    assertEquals(List.of(LedgerRequestKind.REGISTER_MODEL, LedgerRequestKind.PUBLISH_VERSION),
        registration.receipts().stream().map(r -> r.kind()).toList());
    assertEquals(OWNER.address(), registration.model().owner());
    assertEquals(Access.PUBLIC, registration.model().access());
    assertEquals(published.manifestCid(), registration.version().manifestCid());
    assertEquals(published.manifest().hash(), registration.version().manifestHash());
    assertEquals(registration.version(), devnet.ledger().version(config.name(), config.version()).orElseThrow());
    // The devnet's catalog, read through the gateway, shows what the ledger now records.
    assertEquals(OWNER.address(), client.models().get(config.name()).summary().owner());
  }

  @Test
  void registeringTheSameKernelAgainSendsNothing() {
    AivmConfig config = Presets.onnxClassifier("acme/registered-twice", "model.onnx");
    PublishedKernel published = client.kernels().upload(bundle(config));
    KernelRegistration first = client.kernels().register(published);
    int events = devnet.ledger().events(0, 10_000).size();

    KernelRegistration again = client.kernels().register(published);

    assertEquals(List.of(), again.receipts());
    assertFalse(again.registeredModel() || again.publishedVersion());
    assertEquals(first.version(), again.version());
    assertEquals(events, devnet.ledger().events(0, 10_000).size());
  }

  @Test
  void aNewVersionOfAModelTheWalletOwnsOnlyPublishes() {
    AivmConfig v1 = Presets.onnxClassifier("acme/two-versions", "model.onnx");
    client.kernels().register(client.kernels().upload(bundle(v1)));
    AivmConfig v2 = v1.toBuilder().version(Semver.of("0.2.0")).build();

    KernelRegistration registration = client.kernels().register(client.kernels().upload(bundle(v2)));

    assertEquals(List.of(LedgerRequestKind.PUBLISH_VERSION), registration.receipts().stream().map(r -> r.kind()).toList());
    assertEquals(2, devnet.ledger().versions(v1.name()).size());
  }

  @Test
  void anEncryptedKernelRegistersAPrivateModel() {
    AivmConfig config = Presets.onnxClassifier("acme/registered-private", "model.onnx").toBuilder()
        .security(Security.privateAccess()).build();
    PublishedKernel published = client.kernels().upload(bundle(config),
        UploadOptions.builder().dataKey(ChunkedEncryption.aes256Gcm().newKey()).build());

    assertEquals(Access.PRIVATE, client.kernels().register(published).model().access());
  }

  @Test
  void aVersionOnTheLedgerWithAnotherManifestIsRefusedBeforeAnythingIsSent() {
    AivmConfig config = Presets.onnxClassifier("acme/changed-after", "model.onnx");
    client.kernels().register(client.kernels().upload(bundle(config)));
    PublishedKernel changed = client.kernels().upload(KernelBundle.builder().config(config)
        .file("model.onnx", TinyModel.BYTE_PAIR_SENTIMENT.bytes()).file("README.md", "changed".getBytes(StandardCharsets.UTF_8))
        .build());
    int events = devnet.ledger().events(0, 10_000).size();

    AivmValidationException e = assertThrows(AivmValidationException.class, () -> client.kernels().register(changed));

    assertEquals("manifest.version", e.problems().get(0).path());
    assertTrue(e.getMessage().contains("publish a new version"), e.getMessage());
    assertEquals(events, devnet.ledger().events(0, 10_000).size());
  }

  @Test
  void publishingToAnotherOwnersModelIsTheLedgersRefusal() {
    AivmConfig config = Presets.onnxClassifier("acme/owned-by-owner", "model.onnx");
    client.kernels().register(client.kernels().upload(bundle(config)));
    AivmConfig next = config.toBuilder().version(Semver.of("0.2.0")).build();
    try (AivmClient stranger = clientOf(STRANGER)) {
      PublishedKernel published = stranger.kernels().upload(bundle(next));

      LedgerRejectedException e = assertThrows(LedgerRejectedException.class, () -> stranger.kernels().register(published));

      assertEquals(LedgerError.Code.NOT_ALLOWED, e.code());
      assertEquals(LedgerRequestKind.PUBLISH_VERSION, e.receipt().kind());
    }
  }

  @Test
  void aReviewGivenAsTextIsStoredAndRecordedOnTheLedgerAsTheWallet() throws Exception {
    AivmConfig config = Presets.onnxClassifier("acme/reviewed", "model.onnx");
    client.kernels().register(client.kernels().upload(bundle(config)));

    ReviewRecord review;
    try (AivmClient reviewer = clientOf(STRANGER)) {
      review = reviewer.models().review(r -> r.model(config.name()).version(config.version()).rating(4)
          .text("Quick, and right on short texts."));
    }

    assertEquals(STRANGER.address(), review.reviewer());
    assertEquals(4, review.rating());
    try (InputStream text = devnet.store().open(review.textCid())) {
      assertEquals("Quick, and right on short texts.", new String(text.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertEquals(List.of(review), devnet.ledger().reviews(config.name()));
  }

  @Test
  void reviewingAVersionNeverPublishedIsTheLedgersNotFound() {
    LedgerRejectedException e = assertThrows(LedgerRejectedException.class, () -> client.models().review(r -> r
        .model(ModelId.of("acme/never-published")).version(Semver.of("1.0.0")).rating(5).text("?")));

    assertEquals(LedgerError.Code.NOT_FOUND, e.code());
  }

  @Test
  void theAsyncTwinsRegisterAndReview() throws Exception {
    AivmConfig config = Presets.onnxClassifier("acme/async-registered", "model.onnx");
    PublishedKernel published = client.kernels().upload(bundle(config));

    KernelRegistration registration = client.async().kernels().register(published).get(30, TimeUnit.SECONDS);
    ReviewRecord review = client.async().models().review(r -> r.model(config.name()).version(config.version())
        .rating(5).textCid(published.manifestCid())).get(30, TimeUnit.SECONDS);

    assertTrue(registration.publishedVersion());
    assertEquals(OWNER.address(), review.reviewer());
    assertEquals(published.manifestCid(), review.textCid());
  }

  private static KernelBundle bundle(AivmConfig config) {
    return KernelBundle.builder().config(config).file("model.onnx", TinyModel.BYTE_PAIR_SENTIMENT.bytes()).build();
  }
}
