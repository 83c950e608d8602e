package ai.nesa.aivm.benchmarks;

import java.io.PrintStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * The SDK-against-baseline table of one {@link CatalogListBenchmark} run: p50, p90 and p99 of each
 * benchmark, and the SDK's p50 over the baseline's against the target.
 */
final class LatencyReport {
  /** The SDK may take at most this much longer than plain OkHttp + Moshi, at the median. */
  static final double TARGET_RATIO = 1.10;

  private final Map<String, Statistics> byBenchmark = new LinkedHashMap<>();
  private final String unit;

  private LatencyReport(Collection<RunResult> results) {
    String u = "?";
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      byBenchmark.put(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getStatistics());
      u = result.getPrimaryResult().getScoreUnit();
    }
    this.unit = u;
  }

  static LatencyReport of(Collection<RunResult> results) {
    return new LatencyReport(results);
  }

  /** The SDK's median over the baseline's, from this run. */
  double ratio() {
    return p50("sdk") / p50("raw");
  }

  boolean passes() {
    return ratio() <= TARGET_RATIO;
  }

  void print(PrintStream out) {
    out.println();
    out.printf(Locale.ROOT, "%-12s %10s %10s %10s %10s   (%s)%n", "client", "p50", "p90", "p99", "samples", unit);
    byBenchmark.forEach((name, s) -> out.printf(Locale.ROOT, "%-12s %10.1f %10.1f %10.1f %10d%n",
        name, s.getPercentile(50), s.getPercentile(90), s.getPercentile(99), s.getN()));
    out.println();
    out.printf(Locale.ROOT, "p50 ratio sdk/raw         = %.3f   target <= %.2f   %s%n",
        ratio(), TARGET_RATIO, passes() ? "PASS" : "FAIL");
    out.printf(Locale.ROOT, "p50 sdk - raw             = %+.1f %s per call%n", p50("sdk") - p50("raw"), unit);
    if (byBenchmark.containsKey("sdkDefaults")) {
      out.printf(Locale.ROOT, "p50 ratio sdkDefaults/raw = %.3f   (circuit breaker on; for information)%n",
          p50("sdkDefaults") / p50("raw"));
    }
  }

  private double p50(String benchmark) {
    Statistics s = byBenchmark.get(benchmark);
    if (s == null) {
      throw new IllegalStateException("the run has no result for '" + benchmark + "': " + byBenchmark.keySet());
    }
    return s.getPercentile(50);
  }
}
