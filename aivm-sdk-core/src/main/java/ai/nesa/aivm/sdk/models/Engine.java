package ai.nesa.aivm.sdk.models;

import ai.nesa.aivm.AivmValidationException;
import java.util.regex.Pattern;

/**
 * The runtime engine a kernel runs on, such as {@code onnx}. The constants name the engines AIVM
 * knows; {@link #of} takes any other, so an engine added later is kept as it is.
 *
 * @param value the engine's name: lower-case letters, digits and '-'
 * @since 0.1.0
 */
public record Engine(String value) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  public static final Engine ONNX = new Engine("onnx");
  public static final Engine WASM = new Engine("wasm");
  public static final Engine PYTHON = new Engine("python");
  public static final Engine CONTAINER = new Engine("container");

  public Engine {
    if (value == null || !NAME.matcher(value).matches()) {
      throw AivmValidationException.of("runtime", "pattern", value,
          "an engine is 1-32 lower-case letters, digits and '-': '" + value + "'");
    }
  }

  /** The engine named {@code value}: one of the constants when it names one, else a new value. */
  public static Engine of(String value) {
    Engine known = value == null ? null : switch (value) {
      case "onnx" -> ONNX;
      case "wasm" -> WASM;
      case "python" -> PYTHON;
      case "container" -> CONTAINER;
      default -> null;
    };
    return known != null ? known : new Engine(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
