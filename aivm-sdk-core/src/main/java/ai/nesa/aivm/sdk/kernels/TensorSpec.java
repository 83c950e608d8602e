package ai.nesa.aivm.sdk.kernels;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One input or output of a kernel: its name, element type, shape and wire encoding.
 *
 * @param name the tensor's name, as the model's graph names it
 * @param dtype the element type
 * @param shape one entry per dimension; empty for a scalar
 * @param encoding how the tensor travels on the wire, such as {@code utf-8} or {@code png}; null
 *     for the default
 * @since 0.1.0
 */
public record TensorSpec(String name, DType dtype, List<Dimension> shape, String encoding) {
  public TensorSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dtype, "dtype");
    shape = List.copyOf(shape);
  }

  /** A tensor with the default encoding. */
  public static TensorSpec of(String name, DType dtype, Dimension... shape) {
    return new TensorSpec(name, dtype, List.of(shape), null);
  }

  /** The wire encoding, when one is stated. */
  public Optional<String> wireEncoding() {
    return Optional.ofNullable(encoding);
  }
}
