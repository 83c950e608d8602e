package ai.nesa.aivm.devnet;

import ai.nesa.aivm.AivmException;
import java.util.Objects;

/**
 * A devnet node was asked to run a kernel whose runtime it does not have: devnet nodes run {@code
 * onnx} kernels (with ONNX Runtime) and nothing else.
 *
 * @since 0.1.0
 */
public final class UnsupportedRuntimeException extends AivmException {
  private static final long serialVersionUID = 1L;

  private final String engine;

  /** A refusal of the runtime {@code engine}. */
  public UnsupportedRuntimeException(String engine) {
    super("devnet nodes run kernels whose runtime is 'onnx'; this one's is '" + engine + "'");
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /** The runtime that was refused, such as {@code python}. */
  public String engine() {
    return engine;
  }
}
