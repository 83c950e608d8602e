package ai.nesa.aivm.examples;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.metrics.UsagePoint;
import ai.nesa.aivm.sdk.metrics.UsageQuery;
import ai.nesa.aivm.sdk.metrics.UsageSeries;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a chart of a model's latency and throughput over time: one self-contained HTML file
 * (inline SVG, no script, nothing fetched) with p50 and p95 latency and completed node runs per
 * second, from the live feed, one point a second; and the gateway's per-minute series below it.
 *
 * <pre>
 * mvn -B -q compile exec:java -pl aivm-sdk-examples -am -Dexample=LatencyChart -Dexec.args="out=latency.html seconds=20"
 *
 * LatencyChart [out=FILE] [seconds=N]
 * </pre>
 *
 * <p>It runs the same load as {@link WatchModel} (a devnet of three nodes, the third slow for the
 * middle third of the run) for {@code seconds} (12 by default) and writes {@code out} ({@code
 * latency.html} by default).
 */
public final class LatencyChart {
  static final String MODEL = "acme/charted-sentiment";
  private static final int WIDTH = 900;
  private static final int HEIGHT = 260;
  private static final int PAD = 50;

  private LatencyChart() {}

  public static void main(String[] args) throws IOException {
    System.exit(run(args, System.out, System.err));
  }

  /** One second of the run: latency percentiles of the runs completed in it, and their count. */
  record Second(int second, double p50, double p95, int runs) {}

  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    Path file = Path.of("latency.html");
    int seconds = 12;
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      if (kv.length == 2 && kv[0].equals("out")) {
        file = Path.of(kv[1]);
      } else if (kv.length == 2 && kv[0].equals("seconds") && kv[1].matches("[1-9][0-9]{0,3}")) {
        seconds = Integer.parseInt(kv[1]);
      } else {
        err.println("unknown argument '" + arg + "'");
        err.println("usage: LatencyChart [out=FILE] [seconds=N]");
        return 2;
      }
    }
    try (LoadRun run = LoadRun.start(ModelId.of(MODEL), 3)) {
      Instant from = Instant.now();
      run.load(4);
      long start = System.nanoTime();
      while (true) {
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        if (elapsed >= seconds * 1_000L) {
          break;
        }
        run.pace(elapsed, seconds);
        Thread.sleep(100);
      }
      run.stopLoad();
      run.feed.awaitRuns(run.deployment.nodes().size() * (run.done() + run.failed()), Duration.ofSeconds(10));
      List<Second> points = perSecond(run.feed.runs(), seconds);
      UsageSeries minutes = run.client.metrics().usage(UsageQuery.deployment(run.deployment.id()).from(from)
          .to(Instant.now().plusSeconds(1)).bucket(UsageQuery.Bucket.MINUTE).build());
      Files.writeString(file, html(run, points, minutes), StandardCharsets.UTF_8);
      out.printf(Locale.ROOT, "wrote %s: %d seconds of %s on %s, %,d node runs, %d inferences%n", file, points.size(),
          run.model, run.deployment.id(), run.feed.runs().size(), run.done());
      return 0;
    } catch (AivmException e) {
      return Failures.report(e, err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  static List<Second> perSecond(List<FeedRecorder.Run> runs, int seconds) {
    List<List<Double>> bins = new ArrayList<>();
    for (int i = 0; i < seconds; i++) {
      bins.add(new ArrayList<>());
    }
    for (FeedRecorder.Run r : runs) {
      int s = (int) (r.atMillis() / 1000);
      if (s >= 0 && s < seconds && !r.failed()) {
        bins.get(s).add(r.latencyMs());
      }
    }
    List<Second> out = new ArrayList<>();
    for (int i = 0; i < seconds; i++) {
      List<Double> bin = bins.get(i);
      out.add(new Second(i, FeedRecorder.percentile(bin, 50), FeedRecorder.percentile(bin, 95), bin.size()));
    }
    return out;
  }

  static String html(LoadRun run, List<Second> points, UsageSeries minutes) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(run.model)
        .append(" latency and throughput</title>\n<style>body{font:14px sans-serif;margin:24px}"
            + "table{border-collapse:collapse}td,th{padding:2px 10px;text-align:right;border-bottom:1px solid #ddd}"
            + "</style></head><body>\n");
    b.append("<h1>").append(run.model).append(" on ").append(run.deployment.id()).append("</h1>\n");
    b.append("<p>From the live feed: every node run completed, binned by the second it was seen.</p>\n");
    double maxLatency = points.stream().mapToDouble(Second::p95).filter(d -> !Double.isNaN(d)).max().orElse(1);
    int maxRuns = Math.max(1, points.stream().mapToInt(Second::runs).max().orElse(1));
    b.append(chart("latency (ms)", points, maxLatency, p -> p.p50(), "#1f77b4", "p50", p -> p.p95(), "#d62728", "p95"));
    b.append(chart("node runs completed per second", points, maxRuns, p -> (double) p.runs(), "#2ca02c", "runs/s",
        null, null, null));
    b.append("<h2>The gateway's series, per minute</h2>\n<table><tr><th>minute</th><th>requests</th><th>errors</th>"
        + "<th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>cost</th></tr>\n");
    for (UsagePoint p : minutes.series().get(0).points()) {
      b.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%d</td><td>%s</td><td>%s</td><td>%s</td>"
          + "<td>%s</td></tr>%n", p.start(), p.stats().requests(), p.stats().errors(), ms(p.stats().p50()),
          ms(p.stats().p95()), ms(p.stats().p99()), p.stats().cost().toPlainString()));
    }
    b.append("</table>\n</body></html>\n");
    return b.toString();
  }

  private static String ms(java.util.OptionalDouble d) {
    return d.isPresent() ? String.format(Locale.ROOT, "%.2f", d.getAsDouble()) : "–";
  }

  private static String chart(String title, List<Second> points, double max,
      java.util.function.ToDoubleFunction<Second> first, String firstColour, String firstName,
      java.util.function.ToDoubleFunction<Second> second, String secondColour, String secondName) {
    StringBuilder b = new StringBuilder();
    b.append("<h2>").append(title).append("</h2>\n");
    b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "role=\"img\" aria-label=\"%s\">%n", WIDTH, HEIGHT, title));
    int plotW = WIDTH - 2 * PAD;
    int plotH = HEIGHT - 2 * PAD;
    b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
        + "stroke=\"#999\"/>%n", PAD, PAD, plotW, plotH));
    String tick = max >= 100 ? "%.0f" : "%.2f";
    for (int i = 0; i <= 4; i++) {
      double v = max * i / 4;
      double y = PAD + plotH - plotH * i / 4.0;
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">"
          + tick + "</text>%n", PAD - 6, y + 4, v));
    }
    int every = Math.max(1, (points.size() + 9) / 10);
    for (int i = 0; i < points.size(); i += every) {
      double x = PAD + (points.size() == 1 ? 0 : plotW * i / (double) (points.size() - 1));
      b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%d"
          + "</text>%n", x, PAD + plotH + 16, i));
    }
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">seconds</text>%n",
        WIDTH / 2, HEIGHT - 12));
    line(b, points, max, first, firstColour, plotW, plotH);
    if (second != null) {
      line(b, points, max, second, secondColour, plotW, plotH);
    }
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\" font-size=\"12\">%s</text>%n",
        PAD + 8, PAD - 10, firstColour, firstName));
    if (second != null) {
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\" font-size=\"12\">%s</text>%n",
          PAD + 60, PAD - 10, secondColour, secondName));
    }
    b.append("</svg>\n");
    return b.toString();
  }

  private static void line(StringBuilder b, List<Second> points, double max,
      java.util.function.ToDoubleFunction<Second> value, String colour, int plotW, int plotH) {
    StringBuilder path = new StringBuilder();
    for (Second p : points) {
      double v = value.applyAsDouble(p);
      if (Double.isNaN(v)) {
        continue;
      }
      double x = PAD + (points.size() == 1 ? 0 : plotW * p.second() / (double) (points.size() - 1));
      double y = PAD + plotH - plotH * Math.min(v, max) / max;
      path.append(path.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
    }
    b.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
        colour, path));
  }
}
