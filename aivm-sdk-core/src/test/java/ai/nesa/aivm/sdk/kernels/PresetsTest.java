package ai.nesa.aivm.sdk.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.sdk.models.Task;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PresetsTest {
  private static final AivmConfigSchema SCHEMA = new AivmConfigSchema();

  static Stream<Arguments> presets() {
    return Stream.of(
        Arguments.of("onnxClassifier", (BiFunction<String, String, AivmConfig>) Presets::onnxClassifier,
            Task.TEXT_CLASSIFICATION),
        Arguments.of("onnxTextGenerator", (BiFunction<String, String, AivmConfig>) Presets::onnxTextGenerator,
            Task.TEXT_GENERATION),
        Arguments.of("onnxEmbedding", (BiFunction<String, String, AivmConfig>) Presets::onnxEmbedding,
            Task.EMBEDDING));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("presets")
  void aPresetANameAndAWeightsFileMakeAValidConfig(String preset, BiFunction<String, String, AivmConfig> make,
      Task task) {
    AivmConfig config = make.apply("acme/tiny-model", "weights/model.onnx");
    assertEquals(task, config.task());
    assertEquals("weights/model.onnx", config.runtime().entrypoint());
    BundleView bundle = path -> Optional.ofNullable(Map.of("weights/model.onnx", 1_000_000L).get(path));
    AivmConfigValidator.create().withBundle(bundle).validate(config);
    assertEquals(List.of(), SCHEMA.violations(config.toJson()));
    assertEquals(config, AivmConfig.fromJson(config.toJson()));
  }

  @Test
  void aPresetRefusesAWeightsPathOutsideTheBundle() {
    AivmValidationException e = assertThrows(AivmValidationException.class,
        () -> Presets.onnxEmbedding("acme/x", "../model.onnx"));
    assertEquals(List.of("$.runtime.entrypoint", "$.files[0].path"),
        e.problems().stream().map(p -> p.path()).toList());
  }
}
