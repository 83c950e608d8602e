package ai.nesa.aivm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.devnet.LocalAivmNetwork;
import ai.nesa.aivm.devnet.TinyModel;
import ai.nesa.aivm.sdk.kernels.Presets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RunInference on its own devnet: sync, async, streamed and batched inferences, each printed with
 * its verified receipts, and a liar outvoted; and, given a gateway, the same on models published
 * there.
 */
class RunInferenceTest {
  /** Anvil's account 2, the devnet's node 2: the one the example makes lie. */
  private static final String NODE_2 = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
  /** A receipt's row: node, output hash, signature, vote. */
  private static final Pattern RECEIPT_ROW =
      Pattern.compile(" +(0x[0-9a-fA-F]{40})  (0x[0-9a-f]{12}\\.\\.)  +(\\S+) +(\\S+)");

  private static int code;
  private static String printed;
  private static String errors;

  @BeforeAll
  static void runOnItsOwnDevnet() {
    Run run = Run.of(new String[0], Map.of());
    code = run.code;
    printed = run.out;
    errors = run.err;
  }

  /** The lines of section {@code number} ("1." to "5."), up to the next blank line. */
  private static List<String> section(String output, int number) {
    List<String> lines = output.lines().toList();
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(number + ". ")) {
        start = i;
      }
    }
    assertTrue(start >= 0, "no section " + number + " in:\n" + output);
    int end = start;
    while (end < lines.size() && !lines.get(end).isEmpty()) {
      end++;
    }
    return lines.subList(start, end);
  }

  private static String group(String regex, String text) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), "no match for " + regex + " in:\n" + text);
    return m.group(1);
  }

  @Test
  void itRunsToTheEndAndDeletesBothDeployments() {
    assertEquals(0, code, printed + errors);
    assertEquals("", errors);
    assertTrue(printed.startsWith("devnet up: gateway http://127.0.0.1:"), printed);
    assertTrue(printed.contains("as dep-1 (verified): 3 nodes, consensus majority, ready"), printed);
    assertTrue(printed.contains("as dep-2 (fast): 1 node, consensus none, ready"), printed);
    assertTrue(printed.contains("deleted deployment dep-1\ndeleted deployment dep-2\ndone in "), printed);
  }

  @Test
  void theSyncAndAsyncCallsLabelBothSentencesRight() {
    String sync = section(printed, 1).get(0);
    assertTrue(sync.startsWith("1. sync   infer(\"a wonderful happy result\")"), sync);
    assertTrue(sync.contains(": positive, logits ["), sync);
    String async = section(printed, 2).get(0);
    assertTrue(async.startsWith("2. async  infer(\"awful, broken and boring\")"), async);
    assertTrue(async.contains(": negative, logits ["), async);
  }

  @Test
  void theStreamedTokensAreTheFinalText() {
    String stream = String.join("\n", section(printed, 3));
    String tokens = group("\n   tokens \"(.*)\" \\(16 chunks\\)", stream);
    String text = group("\n   final  \"(.*)\" \\(the tokens' text\\)", stream);
    assertEquals(text, tokens);
    assertEquals(16, tokens.length(), "one byte per token: " + tokens);
  }

  @Test
  void theBatchFailsOnlyTheBadItemAtItsIndexAndKeepsInputOrder() {
    assertTrue(section(printed, 4).get(0).startsWith("4. batch  5 inputs on acme/sentiment-small, 4 at a time,"),
        printed);
    List<String> items = section(printed, 4).stream().filter(l -> l.startsWith("   [")).toList();
    assertEquals(List.of(
        "   [0] positive \"a wonderful happy result\"",
        "   [1] negative \"awful, broken and boring\"",
        "   [2] failed   tensor 'pixels' int64[1, 3]: 400 invalid_request",
        "   [3] positive \"what a great and lovely day\"",
        "   [4] negative \"a terrible, sad mess\""), items);
    String batch = String.join("\n", section(printed, 4));
    assertTrue(batch.contains("$.input.tensors[0].name: the model has no input 'pixels'"), batch);
    assertEquals(4 * 3, RECEIPT_ROW.matcher(batch).results().count(), "three receipts per item that ran: " + batch);
  }

  @Test
  void everyReceiptIsPrintedVerifiedWithItsUsage() {
    Matcher rows = RECEIPT_ROW.matcher(printed);
    int count = 0;
    while (rows.find()) {
      count++;
      assertEquals("verified", rows.group(3), rows.group());
      assertTrue(rows.group(4).equals("agrees") || rows.group(4).equals("dissents"), rows.group());
    }
    assertEquals(3 + 3 + 1 + 12 + 3, count, "sync, async, stream, four batch items, liar: " + printed);
    assertTrue(String.join("\n", section(printed, 1))
        .contains("   usage: 24 units in, 2 out; total 0.000078, lock remaining 9.999922"), printed);
    assertTrue(String.join("\n", section(printed, 3)).contains("   usage: 8 units in, 16 out; total 0.000024,"),
        printed);
  }

  @Test
  void theLiarIsOutvotedAndNamedAsTheDissenter() {
    List<String> liar = section(printed, 5);
    String text = String.join("\n", liar);
    assertTrue(liar.get(1).startsWith("   positive, logits [") && liar.get(1).endsWith(", as in 1"), text);
    assertEquals(1, liar.stream().filter(l -> l.matches(" +" + NODE_2 + " .* verified +dissents")).count(), text);
    assertEquals(2, liar.stream().filter(l -> l.endsWith("verified   agrees")).count(), text);
    assertTrue(text.contains("   receipts: 3 of 3 verified, 2 agree (majority needs 2)"), text);
    assertTrue(text.contains("   dissenters: [" + NODE_2 + "] = node 2, the liar"), text);
    assertTrue(printed.contains("   node 2 tells the truth again\n"), printed);
  }

  @Test
  void noKeyIsEverPrinted() {
    // Keys are 32 bytes; hashes are printed shortened, addresses are 20 bytes.
    assertFalse(Pattern.compile("[0-9a-fA-F]{64}").matcher(printed + errors).find(), printed);
  }

  @Test
  void givenAGatewayItUsesTheModelsPublishedThereAndLeavesOutTheLiar() {
    try (LocalAivmNetwork devnet = LocalAivmNetwork.builder().nodes(3).start()) {
      DevnetModelOwner.publish(devnet, Presets.onnxClassifier("beta/sentiment", "model.onnx"),
          TinyModel.BYTE_PAIR_SENTIMENT);
      DevnetModelOwner.publish(devnet, Presets.onnxTextGenerator("beta/bigram", "model.onnx"),
          TinyModel.BYTE_BIGRAM);

      Run run = Run.of(new String[] {"classifier=beta/sentiment", "generator=beta/bigram"},
          Map.of("AIVM_GATEWAY_URL", devnet.gateway().toString()));

      assertEquals(0, run.code, run.out + run.err);
      assertTrue(run.out.startsWith("gateway " + devnet.gateway() + "; receipts are checked against its view"),
          run.out);
      assertTrue(section(run.out, 1).get(0).contains("on beta/sentiment: positive"), run.out);
      assertTrue(section(run.out, 2).get(0).contains("on beta/sentiment: negative"), run.out);
      assertTrue(section(run.out, 3).get(0).contains("on beta/bigram:"), run.out);
      assertFalse(run.out.contains("5. liar"), run.out);
      assertEquals(0, devnet.nodes().get(1).faults().lying());
    }
  }

  @Test
  void anUnknownArgumentExitsWithTwo() {
    Run run = Run.of(new String[] {"shards=3"}, Map.of());

    assertEquals(2, run.code);
    assertTrue(run.err.contains("unknown argument 'shards=3'"), run.err);
    assertEquals("", run.out);
  }

  /** One run of the example, its exit code and what it printed. */
  private record Run(int code, String out, String err) {
    static Run of(String[] args, Map<String, String> env) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = RunInference.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }
}
