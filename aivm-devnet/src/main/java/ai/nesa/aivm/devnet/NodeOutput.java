package ai.nesa.aivm.devnet;

import java.util.Arrays;
import java.util.Objects;

/**
 * A float32 output tensor a devnet node computed: its name, shape and values in row-major order.
 *
 * @param name the output's name in the kernel's config, such as {@code logits}
 * @param shape its dimensions
 * @param values its values, row-major
 * @since 0.1.0
 */
public record NodeOutput(String name, long[] shape, float[] values) {
  public NodeOutput {
    Objects.requireNonNull(name, "name");
    shape = Objects.requireNonNull(shape, "shape").clone();
    values = Objects.requireNonNull(values, "values").clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  @Override
  public float[] values() {
    return values.clone();
  }

  /** The index of the largest value in the last row: the predicted class, or the next token. */
  public int argmaxOfLastRow() {
    int width = (int) shape[shape.length - 1];
    int start = values.length - width;
    int best = 0;
    for (int i = 1; i < width; i++) {
      if (values[start + i] > values[start + best]) {
        best = i;
      }
    }
    return best;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeOutput n && name.equals(n.name) && Arrays.equals(shape, n.shape) && Arrays.equals(values, n.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(shape), Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "NodeOutput[" + name + " " + Arrays.toString(shape) + "]";
  }
}
