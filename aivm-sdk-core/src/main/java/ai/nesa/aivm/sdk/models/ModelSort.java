package ai.nesa.aivm.sdk.models;

import ai.nesa.aivm.AivmValidationException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a catalog search is sorted by: relevance, newest, popularity, rating, or a named
 * benchmark.
 *
 * <pre>{@code
 * ModelSort.RATING
 * ModelSort.benchmark("accuracy")
 * ModelSort.parse("benchmark:accuracy")
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ModelSort {
  static final Pattern BENCHMARK_NAME = Pattern.compile("[A-Za-z0-9_.\\-/]{1,64}");

  /** Best match for the free-text query first; the default when a query is given. */
  public static final ModelSort RELEVANCE = new ModelSort("relevance");
  /** Most recently published first; the default without a query. */
  public static final ModelSort NEWEST = new ModelSort("newest");
  /** Most inferences served first. */
  public static final ModelSort POPULARITY = new ModelSort("popularity");
  /** Highest average rating first. */
  public static final ModelSort RATING = new ModelSort("rating");

  private final String wireValue;

  private ModelSort(String wireValue) {
    this.wireValue = wireValue;
  }

  /**
   * Sorts by the value a model reports for the named benchmark; models without it come last.
   *
   * @throws AivmValidationException naming {@code sort} when the name is empty or has characters
   *     other than letters, digits and {@code _ . - /}
   */
  public static ModelSort benchmark(String name) {
    if (name == null || !BENCHMARK_NAME.matcher(name).matches()) {
      throw AivmValidationException.of("sort", "pattern", name,
          "a benchmark name is 1-64 letters, digits, '_', '.', '-' or '/': '" + name + "'");
    }
    return new ModelSort("benchmark:" + name);
  }

  /**
   * Parses the gateway's form: {@code relevance}, {@code newest}, {@code popularity}, {@code
   * rating} or {@code benchmark:NAME}.
   *
   * @throws AivmValidationException naming {@code sort} for any other key
   */
  public static ModelSort parse(String key) {
    if (key != null && key.startsWith("benchmark:")) {
      return benchmark(key.substring("benchmark:".length()));
    }
    for (ModelSort s : new ModelSort[] {RELEVANCE, NEWEST, POPULARITY, RATING}) {
      if (s.wireValue.equals(key)) {
        return s;
      }
    }
    throw AivmValidationException.of("sort", "enum", key,
        "unknown sort key '" + key + "'; use relevance, newest, popularity, rating or benchmark:NAME");
  }

  /** The key as the gateway takes it. */
  public String wireValue() {
    return wireValue;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelSort s && wireValue.equals(s.wireValue);
  }

  @Override
  public int hashCode() {
    return Objects.hash(wireValue);
  }

  @Override
  public String toString() {
    return wireValue;
  }
}
