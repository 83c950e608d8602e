package ai.nesa.aivm.sdk.inference;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * Tensors a model gave, under the names of its outputs.
 *
 * @param tensors the output tensors
 * @since 0.1.0
 */
public record TensorOutput(List<Tensor> tensors) implements InferenceOutput {
  public TensorOutput {
    tensors = List.copyOf(tensors);
  }

  /**
   * The tensor named {@code name}.
   *
   * @throws NoSuchElementException naming the outputs there are
   */
  public Tensor tensor(String name) {
    return tensors.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() ->
        new NoSuchElementException("no output tensor '" + name + "'; there are " + tensors.stream().map(Tensor::name).toList()));
  }
}
