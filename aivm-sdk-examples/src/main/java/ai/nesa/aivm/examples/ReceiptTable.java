package ai.nesa.aivm.examples;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.inference.InferenceResult;
import ai.nesa.aivm.sdk.inference.Receipt;
import ai.nesa.aivm.sdk.inference.Usage;
import ai.nesa.aivm.sdk.inference.VerificationReport;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Prints the receipts of an inference result as a small aligned table, one row per node: its
 * address, the hash of the output it signed, whether the client verified its receipt, and whether
 * that output is the one returned; then the result's usage.
 *
 * <p>A row says {@code verified} only from the client's own {@link VerificationReport}: it checked
 * the node's signature, that the signer is a registered node of the deployment, and the receipt's
 * model, manifest and input hashes. A receipt failing any check fails the whole result, so a result
 * the client returned has every row verified.
 */
final class ReceiptTable {
  private static final String ROW = "%s%-42s  %-16s  %-9s  %s%n";
  /** Enough of a 32-byte hash to tell two outputs apart on screen. */
  private static final int HASH_DIGITS = 12;

  private ReceiptTable() {}

  /** The column titles, each row's indent before them. */
  static void printHeader(String indent, PrintStream out) {
    out.printf(Locale.ROOT, ROW, indent, "NODE", "OUTPUT HASH", "SIGNATURE", "VOTE");
  }

  /** One row per receipt. */
  static void printRows(InferenceResult result, String indent, PrintStream out) {
    Optional<VerificationReport> report = result.verificationReport().filter(VerificationReport::verified);
    for (Receipt r : result.receipts()) {
      Address node = r.node();
      boolean agrees = report.map(v -> v.agreeing().contains(node)).orElse(false);
      boolean dissents = report.map(v -> v.dissenters().contains(node)).orElse(false);
      out.printf(Locale.ROOT, ROW, indent, node, shortHash(r.outputHash().hex()),
          agrees || dissents ? "verified" : "unchecked",
          agrees ? "agrees" : dissents ? "dissents" : "-");
    }
  }

  /** Units in and out, what the inference cost and what is left of the deployment's lock. */
  static void printUsage(InferenceResult result, String indent, PrintStream out) {
    Usage u = result.usage();
    out.printf(Locale.ROOT, "%susage: %d units in, %d out; total %s, lock remaining %s%n", indent, u.unitsIn(),
        u.unitsOut(), u.total().toPlainString(), u.lockRemaining().toPlainString());
  }

  /** The header, the rows and the usage. */
  static void print(InferenceResult result, String indent, PrintStream out) {
    printHeader(indent, out);
    printRows(result, indent, out);
    printUsage(result, indent, out);
  }

  /** How many of the result's receipts the client verified, and how many of those agree. */
  static String summary(InferenceResult result) {
    VerificationReport v = result.verification();
    return (v.agreeing().size() + v.dissenters().size()) + " of " + result.receipts().size()
        + " verified, " + v.agreeing().size() + " agree (" + v.policy().wireName() + " needs "
        + v.required() + ")";
  }

  private static String shortHash(String hex) {
    return hex.substring(0, 2 + HASH_DIGITS) + "..";
  }
}
