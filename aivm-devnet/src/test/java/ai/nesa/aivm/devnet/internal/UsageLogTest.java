package ai.nesa.aivm.devnet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The devnet's percentiles are exact nearest-rank ones; totals add up. */
class UsageLogTest {
  private static UsageLog.Usage request(double latency, boolean failed) {
    return new UsageLog.Usage(Instant.EPOCH, ModelId.of("acme/m"), Semver.of("1.0.0"), "dep-1", null, latency, 3, 2,
        new BigDecimal("0.000005"), failed);
  }

  @Test
  void nearestRankOnTheTextbookCases() {
    double[] hundred = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();
    assertEquals(50.0, UsageLog.percentile(hundred, 50));
    assertEquals(95.0, UsageLog.percentile(hundred, 95));
    assertEquals(99.0, UsageLog.percentile(hundred, 99));
    double[] five = {15, 20, 35, 40, 50}; // Wikipedia's nearest-rank example
    assertEquals(35.0, UsageLog.percentile(five, 50));
    assertEquals(50.0, UsageLog.percentile(five, 95));
    assertEquals(20.0, UsageLog.percentile(five, 30));
    assertEquals(7.0, UsageLog.percentile(new double[] {7}, 99));
    assertNull(UsageLog.percentile(new double[0], 50));
  }

  @Test
  void totalsCountErrorsAndAddUnitsAndCost() {
    List<UsageLog.Usage> requests = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      requests.add(request(i * 10, i % 5 == 0));
    }
    Map<String, Object> t = UsageLog.totals(requests);
    assertEquals(10L, t.get("requests"));
    assertEquals(2L, t.get("errors"));
    assertEquals(0.2, (Double) t.get("errorRate"), 1e-12);
    assertEquals(Map.of("p50", 50.0, "p95", 100.0, "p99", 100.0), t.get("latencyMs"));
    assertEquals(30L, t.get("unitsIn"));
    assertEquals(20L, t.get("unitsOut"));
    assertEquals("0.00005", t.get("cost"));
    Map<String, Object> none = UsageLog.totals(List.of());
    assertEquals(0.0, none.get("errorRate"));
    assertEquals("0", none.get("cost"));
  }
}
