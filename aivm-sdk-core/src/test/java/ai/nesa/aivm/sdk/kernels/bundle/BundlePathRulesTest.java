package ai.nesa.aivm.sdk.kernels.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.sdk.internal.kernels.bundle.BundlePaths;
import ai.nesa.aivm.sdk.kernels.Presets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bundle's path rules are the config validator's (the code is repeated; this holds them equal). */
class BundlePathRulesTest {
  @ParameterizedTest
  @ValueSource(strings = {"model.onnx", "a/b/c.onnx", "../x", "a/../x", "/abs", "C:/x", "c:x", "a\\b",
      "a//b", "./a", "a/./b", "dir/", "", "a\0b", "..", ".", "...", ".hidden", "a b/ç.onnx", "a\tb"})
  void aPathIsSafeForTheBundleExactlyWhenTheValidatorAcceptsIt(String path) {
    boolean validatorAccepts;
    try {
      Presets.onnxClassifier("acme/m", path);
      validatorAccepts = true;
    } catch (AivmValidationException e) {
      validatorAccepts = false;
    }
    assertEquals(validatorAccepts, BundlePaths.problem(path) == null, path);
  }
}
