package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.AivmException;
import java.util.Objects;
import java.util.Optional;

/**
 * One item of a batch, at its input's index: a verified result, or the exception it failed with.
 * A failed item does not fail the batch.
 *
 * @param index the input's index in the batch
 * @param input the input
 * @param result the result; null when the item failed
 * @param error why it failed; null when it succeeded
 * @since 0.1.0
 */
public record BatchItem(int index, InferenceInput input, InferenceResult result, AivmException error) {
  public BatchItem {
    Objects.requireNonNull(input, "input");
    if ((result == null) == (error == null)) {
      throw new IllegalArgumentException("a batch item has a result or an error, exactly one");
    }
  }

  public boolean succeeded() {
    return result != null;
  }

  public Optional<InferenceResult> resultIfSucceeded() {
    return Optional.ofNullable(result);
  }

  public Optional<AivmException> errorIfFailed() {
    return Optional.ofNullable(error);
  }

  /**
   * The result.
   *
   * @throws AivmException the item's own error, when it failed
   */
  public InferenceResult resultOrThrow() {
    if (error != null) {
      throw error;
    }
    return result;
  }
}
