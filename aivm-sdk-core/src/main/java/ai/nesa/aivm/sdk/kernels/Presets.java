package ai.nesa.aivm.sdk.kernels;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.models.Engine;
import ai.nesa.aivm.sdk.models.Task;
import java.util.List;

/**
 * Ready-made AIVM configs for common ONNX model kinds: a model name and a weights file are enough
 * for a valid config (the "Minimal Code Suite").
 *
 * <pre>{@code
 * AivmConfig config = Presets.onnxClassifier("acme/sentiment", "model.onnx")
 *     .toBuilder()
 *     .license("Apache-2.0")
 *     .description("Sentiment of English product reviews")
 *     .build();
 * }</pre>
 *
 * <h2>What a preset fills in</h2>
 *
 * <p>Version {@code 0.1.0}; licence {@value #DEFAULT_LICENSE} (all rights reserved, until the
 * owner names a licence); the {@code onnx} engine with the weights file as entrypoint; the
 * conventional Hugging Face ONNX export tensor names, with {@code batch} and {@code sequence} as
 * named dimensions; deterministic operations only; one node without consensus; public access; and
 * the weights file listed with the role {@code weights}. Change any of it with {@link
 * AivmConfig#toBuilder()}.
 *
 * @since 0.1.0
 */
public final class Presets {
  /** The licence a preset writes: no rights granted until the owner chooses a licence. */
  public static final String DEFAULT_LICENSE = "LicenseRef-Proprietary";

  private Presets() {}

  /**
   * A text classifier: {@code input_ids} and {@code attention_mask} in, {@code logits} per class
   * out.
   *
   * @throws AivmValidationException when the name is not {@code org/model} or the weights path
   *     is not a safe bundle path
   */
  public static AivmConfig onnxClassifier(String name, String weightsFile) {
    return build(name, weightsFile, Task.TEXT_CLASSIFICATION, List.of(
        TensorSpec.of("logits", DType.FLOAT32, Dimension.named("batch"), Dimension.dynamic())));
  }

  /**
   * A text generator (causal language model): token ids in, next-token {@code logits} over the
   * vocabulary out.
   *
   * @throws AivmValidationException when the name is not {@code org/model} or the weights path
   *     is not a safe bundle path
   */
  public static AivmConfig onnxTextGenerator(String name, String weightsFile) {
    return build(name, weightsFile, Task.TEXT_GENERATION, List.of(
        TensorSpec.of("logits", DType.FLOAT32, Dimension.named("batch"), Dimension.named("sequence"),
            Dimension.dynamic())));
  }

  /**
   * A text embedding model: token ids in, one {@code sentence_embedding} vector per input out.
   *
   * @throws AivmValidationException when the name is not {@code org/model} or the weights path
   *     is not a safe bundle path
   */
  public static AivmConfig onnxEmbedding(String name, String weightsFile) {
    return build(name, weightsFile, Task.EMBEDDING, List.of(
        TensorSpec.of("sentence_embedding", DType.FLOAT32, Dimension.named("batch"), Dimension.dynamic())));
  }

  private static AivmConfig build(String name, String weightsFile, Task task, List<TensorSpec> outputs) {
    AivmConfig config = AivmConfig.builder()
        .name(ModelId.of(name))
        .version("0.1.0")
        .license(DEFAULT_LICENSE)
        .task(task)
        .runtime(KernelRuntime.builder().engine(Engine.ONNX).entrypoint(weightsFile).build())
        .determinism(Determinism.strict())
        .input(TensorSpec.of("input_ids", DType.INT64, Dimension.named("batch"), Dimension.named("sequence")))
        .input(TensorSpec.of("attention_mask", DType.INT64, Dimension.named("batch"), Dimension.named("sequence")))
        .outputs(outputs)
        .inference(Inference.singleNode())
        .security(Security.publicAccess())
        .file(new BundleFile(weightsFile, FileRole.WEIGHTS))
        .build();
    AivmConfigValidator.create().validate(config);
    return config;
  }
}
