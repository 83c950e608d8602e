package ai.nesa.aivm.sdk.models;

import java.math.BigDecimal;

/**
 * A search filter: the model must report the named benchmark with at least this value.
 *
 * @param name the benchmark, such as {@code accuracy}
 * @param min the lowest value accepted
 * @since 0.1.0
 */
public record BenchmarkThreshold(String name, double min) {

  /** The gateway's form, {@code NAME:VALUE}. */
  public String wireValue() {
    return name + ":" + BigDecimal.valueOf(min).stripTrailingZeros().toPlainString();
  }
}
