package ai.nesa.aivm;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing wrong with an input: where it is, which rule it breaks, and a sentence for people.
 *
 * <p>The {@code path} is a parameter name ({@code limit}) or a JSON path ({@code $.inputs[0].shape}).
 * The rejected value is kept only where it is not secret.
 *
 * @since 0.1.0
 */
public final class Problem {
  private final String path;
  private final String rule;
  private final String message;
  private final String value;

  private Problem(String path, String rule, String message, String value) {
    this.path = Objects.requireNonNull(path, "path");
    this.rule = Objects.requireNonNull(rule, "rule");
    this.message = Objects.requireNonNull(message, "message");
    this.value = value;
  }

  /** A problem whose rejected value is safe to show. */
  public static Problem of(String path, String rule, Object value, String message) {
    return new Problem(path, rule, message, value == null ? null : String.valueOf(value));
  }

  /** A problem that does not repeat the rejected value. */
  public static Problem of(String path, String rule, String message) {
    return new Problem(path, rule, message, null);
  }

  public String path() {
    return path;
  }

  /** A short, stable name of the rule, such as {@code range}, {@code pattern} or {@code required}. */
  public String rule() {
    return rule;
  }

  public String message() {
    return message;
  }

  /** The rejected value as text, when it is not secret. */
  public Optional<String> value() {
    return Optional.ofNullable(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Problem p
        && path.equals(p.path)
        && rule.equals(p.rule)
        && message.equals(p.message)
        && Objects.equals(value, p.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, rule, message, value);
  }

  @Override
  public String toString() {
    return path + ": " + message + " [" + rule + "]";
  }
}
