package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.AivmValidationException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tensors for a model's inputs, each under the name of the input it feeds.
 *
 * @param tensors one or more tensors with distinct names
 * @since 0.1.0
 */
public record TensorInput(List<Tensor> tensors) implements InferenceInput {
  public TensorInput {
    tensors = List.copyOf(tensors);
    if (tensors.isEmpty()) {
      throw AivmValidationException.of("input.tensors", "minItems", 0, "a tensor input has at least one tensor");
    }
    Set<String> names = new HashSet<>();
    for (Tensor t : tensors) {
      if (!names.add(t.name())) {
        throw AivmValidationException.of("input.tensors", "unique", t.name(), "two tensors are named '" + t.name() + "'");
      }
    }
  }
}
