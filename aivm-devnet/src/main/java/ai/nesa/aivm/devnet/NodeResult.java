package ai.nesa.aivm.devnet;

import ai.nesa.aivm.sdk.inference.InferenceOutput;
import ai.nesa.aivm.sdk.inference.Receipt;
import java.util.Objects;

/**
 * What one devnet node gave for an inference: its output, its signed receipt over it, and how
 * many units it made.
 *
 * @param output the node's output (a lying node's lie)
 * @param receipt the node's EIP-712 receipt binding the input's and this output's hashes
 * @param unitsOut the units out: tokens generated (a stop token included) for text, tensor
 *     elements for tensors
 * @since 0.1.0
 */
public record NodeResult(InferenceOutput output, Receipt receipt, long unitsOut) {
  public NodeResult {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(receipt, "receipt");
    if (unitsOut < 0) {
      throw new IllegalArgumentException("unitsOut >= 0: " + unitsOut);
    }
  }
}
