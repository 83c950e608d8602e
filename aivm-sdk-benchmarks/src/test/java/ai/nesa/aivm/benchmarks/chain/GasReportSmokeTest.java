package ai.nesa.aivm.benchmarks.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gas report end to end on anvil, so the table it prints means something: every operation has
 * its rows, in both forms where the ledger has both, every figure is a positive gasUsed, and the
 * second run on a fresh anvil gives the same figures. Whether the targets pass is the report's
 * verdict, not the build's. About 2 s.
 */
class GasReportSmokeTest {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @Test
  void theReportMeasuresEveryOperationInBothFormsAndBothRunsAgree() throws Exception {
    GasReport.Result result = GasReport.run(out);
    String table = printed.toString(StandardCharsets.UTF_8);

    for (String operation : GasReport.OPERATIONS) {
      assertTrue(table.lines().anyMatch(line -> line.startsWith(operation + " ")), operation + " in\n" + table);
    }
    for (String operation : GasReport.OPERATIONS.subList(1, GasReport.OPERATIONS.size())) {
      List<String> forms = result.rows().stream().filter(r -> r.operation().equals(operation)).map(GasRow::form)
          .toList();
      assertEquals(operation.equals("grant-batch") ? List.of(GasRow.DIRECT) : List.of(GasRow.RELAYED, GasRow.DIRECT),
          forms, operation);
    }
    assertTrue(result.rows().stream().allMatch(r -> r.gas() > 0), table);
    assertTrue(result.runsAgree(), table);
    assertTrue(table.contains("batch ratio grant-batch(10) / grant direct "), table);
    assertTrue(table.contains("batch ratio grant-batch(10) / grant relayed "), table);
  }
}
