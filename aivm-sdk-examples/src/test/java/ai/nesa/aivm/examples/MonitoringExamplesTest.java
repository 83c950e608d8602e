package ai.nesa.aivm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WatchModel's dashboard and LatencyChart's file, each from a short run on its own devnet. */
class MonitoringExamplesTest {
  private static final Pattern NODE_ROW = Pattern.compile(
      "(0x[0-9a-fA-F]{40}) +(\\d+) +(\\d+) +([0-9.]+) +([0-9.]+) +([0-9.]+)");

  @TempDir
  Path dir;

  @Test
  void theDashboardShowsEveryNodeAndTheSummaryCountsEveryInference() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = WatchModel.run(new String[] {"seconds=4", "callers=2"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);
    String printed = out.toString(StandardCharsets.UTF_8);

    assertEquals(0, code, printed + err);
    assertFalse(printed.contains("\033["), "no terminal codes when not on a terminal");
    String[] parts = printed.split("acme/watched-sentiment on dep-1, ");
    List<String> frames = List.of(parts).subList(1, parts.length);
    assertTrue(frames.size() >= 1, printed);
    String last = frames.get(frames.size() - 1);
    Matcher rows = NODE_ROW.matcher(last);
    int nodes = 0;
    while (rows.find()) {
      nodes++;
      assertTrue(Long.parseLong(rows.group(2)) > 0, "every node ran: " + rows.group());
      assertEquals("0", rows.group(3));
      assertTrue(Double.parseDouble(rows.group(4)) <= Double.parseDouble(rows.group(5)), rows.group());
    }
    assertEquals(3, nodes, last);
    Matcher summary = Pattern.compile("summary of dep-1: (\\d+) requests, 0 errors").matcher(printed);
    Matcher callers = Pattern.compile("the callers ran (\\d+) inferences, 0 failed; the feed carried (\\d+) events, 0 gaps")
        .matcher(printed);
    assertTrue(summary.find() && callers.find(), printed);
    assertEquals(callers.group(1), summary.group(1), "the gateway counted every inference the callers ran");
    assertTrue(Long.parseLong(callers.group(2)) >= 3 * Long.parseLong(callers.group(1)),
        "a completion per node and inference at least");
  }

  @Test
  void theChartIsOneSelfContainedHtmlFileWithBothChartsAndTheSeries() throws Exception {
    Path file = dir.resolve("chart.html");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = LatencyChart.run(new String[] {"out=" + file, "seconds=3"}, new PrintStream(out, true,
        StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);

    assertEquals(0, code, printed);
    assertTrue(printed.startsWith("wrote " + file + ": 3 seconds of acme/charted-sentiment"), printed);
    String html = Files.readString(file);
    assertTrue(html.startsWith("<!DOCTYPE html>") && html.trim().endsWith("</html>"));
    assertEquals(2, count(html, "<svg "), "latency and throughput");
    assertEquals(3, count(html, "<polyline "), "p50, p95 and runs per second");
    assertFalse(html.contains("<script"), "no script");
    assertEquals(2, count(html, "http"), "nothing fetched: the only URLs are the two SVG namespaces");
    Matcher polyline = Pattern.compile("points=\"([^\"]*)\"").matcher(html);
    while (polyline.find()) {
      assertTrue(polyline.group(1).split(" ").length >= 2, "a line through the seconds: " + polyline.group());
    }
    assertTrue(html.contains("<th>p99 ms</th>") && count(html, "<tr><td>") >= 1, "the gateway's minutes");
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
