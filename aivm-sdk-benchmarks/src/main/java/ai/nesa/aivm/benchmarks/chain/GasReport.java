package ai.nesa.aivm.benchmarks.chain;

import ai.nesa.aivm.chain.testing.AnvilNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gas of every AivmLedger operation on anvil, from the receipts of a realistic sequence
 * ({@link LedgerScenario}), against the targets: publishing a version at most {@value
 * #PUBLISH_TARGET} gas, granting one node a 113-byte wrapped key at most {@value #GRANT_TARGET}, and
 * {@code grantBatch} of 10 nodes at most {@value #BATCH_RATIO_TARGET} times one grant.
 *
 * <pre>
 * mvn -B -q -o package -pl aivm-sdk-benchmarks -DskipTests
 * java -cp aivm-sdk-benchmarks/target/benchmarks.jar ai.nesa.aivm.benchmarks.chain.GasReport
 * </pre>
 *
 * <p>Run from the repository root: anvil is the one the chain module's build installs into {@code
 * aivm-sdk-chain/src/solc} ({@code -Daivm.solc.dir=...} points elsewhere). The sequence runs twice,
 * each time on a fresh anvil, so the contract has the same address and every signed byte is the
 * same; the figures must agree. Prints one row per transaction (operation, form, gas of both runs,
 * target, PASS/FAIL, the storage case) and the batch ratios. Exits 1 when a target is missed, the
 * runs disagree, or the sequence fails.
 */
public final class GasReport {
  static final long PUBLISH_TARGET = 120_000;
  static final long GRANT_TARGET = 90_000;
  static final double BATCH_RATIO_TARGET = 6.0;
  /** Every operation the report has a row for. */
  static final List<String> OPERATIONS = List.of("deploy", "register-model", "register-node", "publish-version",
      "grant", "grant-batch", "revoke", "review", "deprecate-version", "rotate-epoch", "transfer-ownership");
  private static final Pattern CLIENT = Pattern.compile("\"result\"\\s*:\\s*\"([^\"]*)\"");

  private GasReport() {}

  public static void main(String[] args) throws Exception {
    Result result = run(System.out);
    System.exit(result.passed() ? 0 : 1);
  }

  /**
   * What the report found.
   *
   * @param rows run 1's rows, in the order sent
   * @param runsAgree whether run 2 had the same rows with the same gas
   * @param targetsMet whether every target passed
   */
  record Result(List<GasRow> rows, boolean runsAgree, boolean targetsMet) {
    boolean passed() {
      return runsAgree && targetsMet;
    }
  }

  static Result run(PrintStream out) throws Exception {
    String client;
    List<GasRow> first;
    try (AnvilNode anvil = AnvilNode.start()) {
      client = clientVersion(anvil);
      first = LedgerScenario.run(anvil);
    }
    List<GasRow> second;
    try (AnvilNode anvil = AnvilNode.start()) {
      second = LedgerScenario.run(anvil);
    }

    out.printf(Locale.ROOT, "chain      %s, chain id %d, a fresh node per run; AivmLedger deployed by dev account 0%n",
        client, AnvilNode.CHAIN_ID);
    out.printf(Locale.ROOT, "relayed    the signer's request signed with the SDK's LedgerRequest.sign (EIP-712, "
        + "domain AIVM/1/%d/the ledger), sent by dev account 0%n", AnvilNode.CHAIN_ID);
    out.printf(Locale.ROOT, "direct     the sender acts for itself%n");
    out.printf(Locale.ROOT, "gas        gasUsed of the receipt (refunds taken off), in the order sent%n%n");
    out.printf(Locale.ROOT, "%-19s %-8s %10s %10s %10s  %-6s %s%n", "operation", "form", "gas", "run 2", "target",
        "result", "case");
    boolean met = true;
    for (int i = 0; i < first.size(); i++) {
      GasRow row = first.get(i);
      OptionalLong target = target(row.operation());
      String verdict = "-";
      if (target.isPresent()) {
        boolean pass = row.gas() <= target.getAsLong();
        met &= pass;
        verdict = pass ? "PASS" : "FAIL";
      }
      String again = i < second.size() ? String.format(Locale.ROOT, "%,d", second.get(i).gas()) : "missing";
      out.printf(Locale.ROOT, "%-19s %-8s %,10d %10s %10s  %-6s %s%n", row.operation(), row.form(), row.gas(), again,
          target.isPresent() ? String.format(Locale.ROOT, "<= %,d", target.getAsLong()) : "-", verdict,
          row.scenario());
    }
    boolean agree = first.equals(second);

    long batch = gas(first, "grant-batch", GasRow.DIRECT);
    out.println();
    out.printf(Locale.ROOT, "grant-batch of %d: %,d gas, %,d a node%n", LedgerScenario.BATCH, batch,
        batch / LedgerScenario.BATCH);
    for (String form : List.of(GasRow.DIRECT, GasRow.RELAYED)) {
      long one = gas(first, "grant", form);
      double ratio = (double) batch / one;
      boolean pass = ratio <= BATCH_RATIO_TARGET;
      met &= pass;
      out.printf(Locale.ROOT, "batch ratio grant-batch(%d) / grant %-7s = %,d / %,d = %.2f   target <= %.0f   %s%n",
          LedgerScenario.BATCH, form, batch, one, ratio, BATCH_RATIO_TARGET, pass ? "PASS" : "FAIL");
    }
    out.printf(Locale.ROOT, "run 2 on a fresh anvil: %s%n", agree ? "every figure the same"
        : "DIFFERENT: " + differences(first, second));
    Result result = new Result(first, agree, met);
    out.println(result.passed() ? "PASS" : "FAIL");
    return result;
  }

  private static long gas(List<GasRow> rows, String operation, String form) {
    return rows.stream().filter(r -> r.operation().equals(operation) && r.form().equals(form))
        .mapToLong(GasRow::gas).findFirst()
        .orElseThrow(() -> new IllegalStateException("no row " + operation + " " + form));
  }

  private static OptionalLong target(String operation) {
    return switch (operation) {
      case "publish-version" -> OptionalLong.of(PUBLISH_TARGET);
      case "grant" -> OptionalLong.of(GRANT_TARGET);
      default -> OptionalLong.empty();
    };
  }

  private static List<String> differences(List<GasRow> first, List<GasRow> second) {
    List<String> diff = new ArrayList<>();
    for (int i = 0; i < Math.max(first.size(), second.size()); i++) {
      GasRow a = i < first.size() ? first.get(i) : null;
      GasRow b = i < second.size() ? second.get(i) : null;
      if (a == null || !a.equals(b)) {
        diff.add(a + " / " + b);
      }
    }
    return diff;
  }

  private static String clientVersion(AnvilNode anvil) throws Exception {
    Matcher m = CLIENT.matcher(anvil.rpc("web3_clientVersion", "[]"));
    return m.find() ? m.group(1) : "anvil";
  }
}
