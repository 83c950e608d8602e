package ai.nesa.aivm.sdk.kernels;

import java.util.Objects;

/**
 * A benchmark result the author reports in {@code aivm.json}; nobody has checked it yet.
 *
 * @param name the metric, such as {@code accuracy}
 * @param value the result
 * @param unit the unit, such as {@code %} or {@code ms}; null when none
 * @param dataset the data set measured on; null when not stated
 * @since 0.1.0
 */
public record ReportedBenchmark(String name, double value, String unit, String dataset) {
  public ReportedBenchmark {
    Objects.requireNonNull(name, "name");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a benchmark value is a finite number: " + value);
    }
  }
}
