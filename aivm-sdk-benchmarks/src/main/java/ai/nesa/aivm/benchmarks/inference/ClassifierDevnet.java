package ai.nesa.aivm.benchmarks.inference;

import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.devnet.LocalAivmNetwork;
import ai.nesa.aivm.devnet.TinyModel;
import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.inference.Deployment;
import ai.nesa.aivm.sdk.inference.DeploymentPreset;
import ai.nesa.aivm.sdk.inference.DeploymentSpec;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.inference.Tensor;
import ai.nesa.aivm.sdk.inference.TensorInput;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.models.Access;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * A one-node devnet with {@link TinyModel#BYTE_PAIR_SENTIMENT} published as a public model and
 * deployed with the {@code fast} preset (one node, consensus {@code none}, receipts required), and
 * the input every inference benchmark sends: {@code input_ids} and {@code attention_mask}, int64
 * [1, n], the UTF-8 bytes of {@link #TEXT} and ones.
 *
 * <p>The deployment's lock is raised far above what the benchmarks spend, so no call is refused
 * for want of funds; nothing else differs from a {@code fast} deployment.
 */
final class ClassifierDevnet implements AutoCloseable {
  static final String MODEL = "bench/sentiment";
  static final String TEXT = "a wonderful happy result";
  /** Anvil's account 0, the model's owner: public knowledge, never for real funds. */
  private static final EthPrivateKey OWNER = EthPrivateKey.fromBytes(
      Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
  private static final BigDecimal LOCK = new BigDecimal("1000000000");

  private final LocalAivmNetwork devnet;
  private final Deployment deployment;

  private ClassifierDevnet(LocalAivmNetwork devnet, Deployment deployment) {
    this.devnet = devnet;
    this.deployment = deployment;
  }

  /** Starts the devnet, publishes and deploys the classifier, and waits until it is ready. */
  static ClassifierDevnet start() {
    LocalAivmNetwork devnet = LocalAivmNetwork.builder().nodes(1).start();
    try {
      AivmConfig config = Presets.onnxClassifier(MODEL, "model.onnx");
      PublishedKernel published = devnet.kernels().upload(KernelBundle.builder().config(config)
          .file("model.onnx", TinyModel.BYTE_PAIR_SENTIMENT.bytes()).build());
      apply(devnet, new LedgerAction.RegisterModel(config.name(), Access.PUBLIC));
      apply(devnet, new LedgerAction.PublishVersion(config.name(), config.version(), published.manifestCid(),
          published.manifest().hash()));
      try (AivmClient setup = AivmClient.builder().gateway(devnet.gateway()).build()) {
        Deployment d = setup.inference().deploy(DeploymentSpec.builder(ModelId.of(MODEL))
            .preset(DeploymentPreset.FAST).lockAmount(LOCK).build());
        d = setup.inference().waitUntilReady(d.id(), Duration.ofSeconds(30));
        return new ClassifierDevnet(devnet, d);
      }
    } catch (RuntimeException | Error e) {
      devnet.close();
      throw e;
    }
  }

  private static void apply(LocalAivmNetwork devnet, LedgerAction action) {
    EthSigner owner = EthSigner.of(OWNER);
    LedgerReceipt r = devnet.ledger().submit(LedgerRequest.sign(action, owner, devnet.ledger().domain(),
        devnet.ledger().nextNonce(owner.address()), Instant.now().plusSeconds(60)));
    if (r.status() != LedgerReceipt.Status.APPLIED) {
      throw new IllegalStateException("the ledger did not apply " + action + ": " + r);
    }
  }

  URI gateway() {
    return devnet.gateway();
  }

  String deploymentId() {
    return deployment.id();
  }

  /** How many inferences the devnet's one node has run. */
  long inferencesRun() {
    return devnet.nodes().get(0).inferencesRun();
  }

  /** The input every benchmark sends: {@link #inputIds()} and {@link #attentionMask()} as tensors. */
  static TensorInput input() {
    long[] shape = {1, inputIds().length};
    return InferenceInput.tensors(Tensor.ofLongs("input_ids", shape, inputIds()),
        Tensor.ofLongs("attention_mask", shape, attentionMask()));
  }

  /** The UTF-8 bytes of {@link #TEXT}, the classifier's token ids. */
  static long[] inputIds() {
    byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
    long[] ids = new long[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      ids[i] = bytes[i] & 0xff;
    }
    return ids;
  }

  static long[] attentionMask() {
    long[] mask = new long[inputIds().length];
    Arrays.fill(mask, 1L);
    return mask;
  }

  @Override
  public void close() {
    devnet.close();
  }
}
