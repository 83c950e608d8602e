package ai.nesa.aivm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's main job, end to end: devnet, publish, search, details, a node's answer, then a
 * verified deployment's answer and the deployment deleted.
 */
class QuickstartTest {
  @Test
  void theWholePathRuns() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Quickstart.run(new PrintStream(out, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, printed);
    List<String> lines = printed.lines().toList();
    assertTrue(lines.get(0).startsWith("1. devnet up: gateway http://127.0.0.1:"), printed);
    assertTrue(printed.contains("2. published acme/sentiment-small@0.1.0: manifest bafk"), printed);
    assertTrue(printed.contains("3. catalog search 'sentiment': 1 found"), printed);
    assertTrue(printed.contains(
        "   acme/sentiment-small     text-classification  A tiny byte-pair sentiment classifier."), printed);
    assertTrue(printed.contains("benchmark accuracy = 74.0% (self_reported)"), printed);
    assertTrue(printed.contains("\": positive (logits"), printed);
    assertTrue(lines.get(lines.size() - 1).startsWith("done in "), printed);
  }

  @Test
  void itDeploysWithTheVerifiedPresetInfersVerifiesAndDeletes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Quickstart.run(new PrintStream(out, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, printed);
    List<String> lines = printed.lines().toList();
    int n = lines.size();
    assertTrue(lines.get(n - 4).matches("6\\. deployed acme/sentiment-small as (dep-\\S+) \\(verified\\): "
        + "3 nodes, consensus majority"), printed);
    assertTrue(lines.get(n - 3).matches("7\\. inference \\S+ on \"what a wonderful, happy result\": positive; "
        + "3 of 3 receipts verified, 3 agree"), printed);
    String deployment = lines.get(n - 4).split(" ")[4];
    assertEquals("8. deployment " + deployment + " deleted", lines.get(n - 2), printed);
  }
}
