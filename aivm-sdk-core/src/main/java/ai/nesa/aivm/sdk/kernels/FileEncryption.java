package ai.nesa.aivm.sdk.kernels;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.sdk.internal.kernels.bundle.BundlePaths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How a manifest file is encrypted: a scheme name and its parameters (salt, chunk size, …), which
 * a node needs, besides the key, to decrypt it.
 *
 * <p>Public kernels have none. Parameter names are ASCII ({@code [A-Za-z][A-Za-z0-9]*}); values
 * are strings or integers within ±(2^53 − 1), so that the manifest's canonical JSON holds them
 * exactly.
 *
 * @param scheme the scheme's name, such as {@code c2sp-chunked-aes-256-gcm}
 * @param parameters the scheme's parameters, sorted by name; values are {@code String} or {@code
 *     Long}
 * @since 0.1.0
 */
public record FileEncryption(String scheme, Map<String, Object> parameters) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
  private static final long MAX_INT = (1L << 53) - 1;

  /**
   * Checks and copies the parameters.
   *
   * @throws AivmValidationException naming {@code scheme} or {@code parameters.<name>} for every
   *     problem
   */
  public FileEncryption {
    List<Problem> problems = new ArrayList<>();
    if (scheme == null || scheme.isEmpty() || !BundlePaths.wellFormedUtf16(scheme)) {
      problems.add(Problem.of("scheme", "required", "an encryption scheme needs a name"));
    }
    Map<String, Object> copy = new TreeMap<>(BundlePaths.CODE_POINT_ORDER);
    if (parameters == null) {
      problems.add(Problem.of("parameters", "required", "parameters may be empty but not null"));
    } else {
      parameters.forEach((k, v) -> {
        String at = "parameters." + k;
        if (k == null || !NAME.matcher(k).matches()) {
          problems.add(Problem.of(at, "pattern", String.valueOf(k),
              "a parameter name is ASCII letters and digits, starting with a letter"));
        } else if (v instanceof String s && BundlePaths.wellFormedUtf16(s)) {
          copy.put(k, s);
        } else if ((v instanceof Long || v instanceof Integer)
            && Math.abs(((Number) v).longValue()) <= MAX_INT) {
          copy.put(k, ((Number) v).longValue());
        } else {
          problems.add(Problem.of(at, "type", String.valueOf(v),
              "a parameter is a string or an integer within ±(2^53 - 1)"));
        }
      });
    }
    if (!problems.isEmpty()) {
      throw new AivmValidationException(problems);
    }
    parameters = Collections.unmodifiableMap(copy);
  }

  /** A scheme with these parameters. */
  public static FileEncryption of(String scheme, Map<String, ?> parameters) {
    return new FileEncryption(scheme, Collections.unmodifiableMap(parameters));
  }
}
