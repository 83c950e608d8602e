package ai.nesa.aivm.examples;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.metrics.UsageQuery;
import ai.nesa.aivm.sdk.metrics.UsageStats;
import ai.nesa.aivm.sdk.metrics.UsageSummary;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A live terminal dashboard of a model: per node, its runs, errors, latency p50 / p95 and runs per
 * second over the last five seconds, from the live feed; and the gateway's own summary of the
 * deployment. On a terminal it redraws in place every second; elsewhere it prints a frame every
 * two seconds.
 *
 * <pre>
 * mvn -B -q compile exec:java -pl aivm-sdk-examples -am -Dexample=WatchModel -Dexec.args="seconds=20"
 *
 * WatchModel [seconds=N] [callers=N]
 * </pre>
 *
 * <p>It starts a devnet of three nodes in this JVM, publishes and deploys the tiny classifier on
 * all three, runs inferences from a few callers (4 by default) for {@code seconds} (15 by default),
 * and makes the third node slow (20 ms a run) for the middle third, which the dashboard shows.
 */
public final class WatchModel {
  static final String MODEL = "acme/watched-sentiment";
  private static final long WINDOW_MILLIS = 5_000;
  private static final String CLEAR = "\033[H\033[2J";

  private WatchModel() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.console() != null));
  }

  static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
    int seconds = 15;
    int callers = 4;
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      try {
        if (kv.length == 2 && kv[0].equals("seconds")) {
          seconds = Integer.parseInt(kv[1]);
        } else if (kv.length == 2 && kv[0].equals("callers")) {
          callers = Integer.parseInt(kv[1]);
        } else {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        err.println("unknown argument '" + arg + "'");
        err.println("usage: WatchModel [seconds=N] [callers=N]");
        return 2;
      }
    }
    if (seconds < 1 || callers < 1) {
      err.println("seconds and callers are at least 1");
      return 2;
    }
    try (LoadRun run = LoadRun.start(ModelId.of(MODEL), 3)) {
      Instant from = Instant.now();
      run.load(callers);
      long start = System.nanoTime();
      long frameMillis = terminal ? 1_000 : 2_000;
      for (long next = frameMillis; ; next += frameMillis) {
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        run.pace(elapsed, seconds);
        if (elapsed >= seconds * 1_000L) {
          break;
        }
        sleep(Math.max(0, next - elapsed));
        elapsed = (System.nanoTime() - start) / 1_000_000;
        out.print((terminal ? CLEAR : "") + frame(run, elapsed, WINDOW_MILLIS));
        out.flush();
      }
      run.stopLoad();
      run.feed.awaitRuns(run.deployment.nodes().size() * (run.done() + run.failed()), Duration.ofSeconds(10));
      UsageSummary s = run.client.metrics().summary(UsageQuery.deployment(run.deployment.id()).from(from)
          .to(Instant.now().plusSeconds(1)).build());
      out.println();
      out.println("the gateway's summary of " + run.deployment.id() + ": " + summary(s.stats()));
      out.printf(Locale.ROOT, "the callers ran %d inferences, %d failed; the feed carried %d events, %d gaps%n",
          run.done(), run.failed(), run.feed.events(), run.feed.gaps());
      return 0;
    } catch (AivmException e) {
      return Failures.report(e, err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** One frame of the dashboard at {@code elapsed} ms: the last {@code window} ms, per node. */
  static String frame(LoadRun run, long elapsed, long window) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%s on %s, %.1f s, %d nodes   (live feed: %,d events, %d gaps)%n",
        run.model, run.deployment.id(), elapsed / 1000.0, run.deployment.nodes().size(), run.feed.events(),
        run.feed.gaps()));
    b.append(String.format(Locale.ROOT, "%-44s %7s %5s %8s %8s %8s%n", "node (last " + window / 1000 + " s)", "runs",
        "err", "p50 ms", "p95 ms", "runs/s"));
    Map<String, List<FeedRecorder.Run>> byNode = new TreeMap<>();
    run.deployment.nodes().forEach(n -> byNode.put(n.toString(), new ArrayList<>()));
    for (FeedRecorder.Run r : run.feed.runs()) {
      if (r.atMillis() > elapsed - window) {
        byNode.computeIfAbsent(r.node(), k -> new ArrayList<>()).add(r);
      }
    }
    double seconds = Math.min(window, Math.max(elapsed, 1)) / 1000.0;
    byNode.forEach((node, runs) -> {
      List<Double> latencies = runs.stream().map(FeedRecorder.Run::latencyMs).toList();
      b.append(String.format(Locale.ROOT, "%-44s %7d %5d %8.2f %8.2f %8.1f%n", node, runs.size(),
          runs.stream().filter(FeedRecorder.Run::failed).count(), FeedRecorder.percentile(latencies, 50),
          FeedRecorder.percentile(latencies, 95), runs.size() / seconds));
    });
    return b.toString();
  }

  static String summary(UsageStats s) {
    return String.format(Locale.ROOT, "%d requests, %d errors (%.1f %%), latency p50 %.2f / p95 %.2f / p99 %.2f ms, "
        + "%d units in, %d out, cost %s", s.requests(), s.errors(), 100 * s.errorRate(), s.p50().orElse(Double.NaN),
        s.p95().orElse(Double.NaN), s.p99().orElse(Double.NaN), s.unitsIn(), s.unitsOut(), s.cost().toPlainString());
  }

  private static void sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }
}
