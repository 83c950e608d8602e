package ai.nesa.aivm.benchmarks.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The feed benchmark in a small run, so that its figures mean something: every run of every side
 * saw every event (the SDK's each checked), every rate is positive, and the verdict lines are
 * printed. The figures are the benchmark's, not the build's. About 2 s.
 */
class FeedThroughputBenchmarkSmokeTest {
  @Test
  void everySideSeesEveryEventAndTheReportPrintsTheRatio() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    FeedThroughputBenchmark.Result result = FeedThroughputBenchmark.run(5_000, 1,
        new PrintStream(printed, true, StandardCharsets.UTF_8));
    String report = printed.toString(StandardCharsets.UTF_8);

    assertTrue(result.countsRight(), report);
    assertTrue(result.sdkRate() > 0 && result.rawRate() > 0, report);
    assertTrue(report.contains("events/s ratio sdk/raw = "), report);
    assertTrue(report.contains("every run saw all 5,000 events, each checked: true"), report);
  }
}
