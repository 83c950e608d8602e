package ai.nesa.aivm.benchmarks.chain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.chain.testing.AnvilNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The round-trip benchmark in a small run on anvil, so its printed figures mean something: every
 * submit on both sides applied (the run throws otherwise), every p50 is a positive time, and both
 * lines are printed. About 2 s; the figures themselves are the benchmark's, not the build's.
 */
class LedgerRoundTripBenchmarkSmokeTest {
  @Test
  void bothSidesSettleEveryRequestAndTheReportPrintsBothRatios() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    LedgerRoundTripBenchmark.Result result;
    try (AnvilNode anvil = AnvilNode.start()) {
      result = LedgerRoundTripBenchmark.run(anvil, 4, 1, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }
    String report = printed.toString(StandardCharsets.UTF_8);

    assertTrue(result.submitRaw() > 0 && result.submitSdk() > 0 && result.readRaw() > 0 && result.readSdk() > 0,
        result.toString());
    assertTrue(report.lines().anyMatch(l -> l.startsWith("submit  raw web3j ") && l.contains(" ratio ")), report);
    assertTrue(report.lines().anyMatch(l -> l.startsWith("read    raw web3j ") && l.contains(" ratio ")), report);
  }
}
