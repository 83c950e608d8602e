package ai.nesa.aivm.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/** Wall-clock runs, their medians and throughputs, in plain {@link System#nanoTime()}: what every harness times with. */
public final class Timing {
  public static final long MIB = 1024L * 1024;
  public static final long GIB = 1024 * MIB;

  private Timing() {}

  /** Something to time that may throw. */
  @FunctionalInterface
  public interface Run {
    void run() throws Exception;
  }

  public static long time(Run run) throws Exception {
    long start = System.nanoTime();
    run.run();
    return System.nanoTime() - start;
  }

  /**
   * Times each of {@code sides} {@code rounds} times, after {@code warmups} untimed runs of each,
   * alternating the order from round to round (first to last, then last to first) so that neither
   * side always runs on a warmer or a cooler machine; {@code [side][round]} nanoseconds.
   */
  public static long[][] interleaved(Run[] sides, int warmups, int rounds) throws Exception {
    for (int w = 0; w < warmups; w++) {
      for (Run side : sides) {
        side.run();
      }
    }
    long[][] nanos = new long[sides.length][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < sides.length; k++) {
        int i = r % 2 == 0 ? k : sides.length - 1 - k;
        nanos[i][r] = time(sides[i]);
      }
    }
    return nanos;
  }

  public static long median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Bytes per second in MB/s (10^6), the unit disk and network figures use. */
  public static double mbPerSecond(long bytes, long nanos) {
    return bytes / (nanos / 1e9) / 1e6;
  }

  public static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
  }

  public static String all(long[] nanos) {
    StringBuilder b = new StringBuilder();
    for (long n : nanos) {
      b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", n / 1e9));
    }
    return b.toString();
  }

  public static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
  }
}
