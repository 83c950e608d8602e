package ai.nesa.aivm.benchmarks.inference;

import java.util.Arrays;

/** Percentiles of one side's per-call latencies, in nanoseconds, taken from the sorted samples. */
final class Latencies {
  private final long[] sorted;

  private Latencies(long[] samples) {
    this.sorted = samples.clone();
    Arrays.sort(sorted);
  }

  static Latencies of(long[] samples) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    return new Latencies(samples);
  }

  /** The nearest-rank percentile {@code p} (0 to 100). */
  long percentile(double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  long p50() {
    return percentile(50);
  }

  int count() {
    return sorted.length;
  }

  /** Concatenates several rounds' samples. */
  static long[] concat(long[][] rounds) {
    int n = 0;
    for (long[] r : rounds) {
      n += r.length;
    }
    long[] all = new long[n];
    int at = 0;
    for (long[] r : rounds) {
      System.arraycopy(r, 0, all, at, r.length);
      at += r.length;
    }
    return all;
  }
}
