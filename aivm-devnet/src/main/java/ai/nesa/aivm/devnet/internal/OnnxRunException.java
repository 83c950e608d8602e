package ai.nesa.aivm.devnet.internal;

/** ONNX Runtime refused a model or failed to run it; the message says which tensor or why. */
public final class OnnxRunException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  OnnxRunException(String message) {
    super(message);
  }

  OnnxRunException(String message, Throwable cause) {
    super(message, cause);
  }
}
