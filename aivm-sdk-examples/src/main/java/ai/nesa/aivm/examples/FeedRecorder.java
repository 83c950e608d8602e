package ai.nesa.aivm.examples;

import ai.nesa.aivm.sdk.metrics.MetricsEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Subscribes to a live feed and keeps what the monitoring examples show: every completed or failed
 * node run, and how many events and gaps went by. Thread-safe.
 */
final class FeedRecorder implements Flow.Subscriber<MetricsEvent> {
  /** One node run as the feed told it: when it was seen (ms from the start), node, latency, failed. */
  record Run(long atMillis, String node, double latencyMs, boolean failed) {}

  private final long startNanos = System.nanoTime();
  private final List<Run> runs = new ArrayList<>();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong gaps = new AtomicLong();
  private volatile Throwable failure;
  private volatile Flow.Subscription subscription;

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(MetricsEvent e) {
    events.incrementAndGet();
    long at = (System.nanoTime() - startNanos) / 1_000_000;
    if (e instanceof MetricsEvent.InferenceCompleted c) {
      add(new Run(at, c.ref().node().toString(), c.latencyMs(), false));
    } else if (e instanceof MetricsEvent.InferenceFailed f) {
      add(new Run(at, f.ref().node().toString(), f.latencyMs(), true));
    } else if (e instanceof MetricsEvent.Gap) {
      gaps.incrementAndGet();
    }
  }

  private synchronized void add(Run run) {
    runs.add(run);
    notifyAll();
  }

  /** Waits up to {@code timeout} until the feed has told of {@code count} runs; whether it has. */
  synchronized boolean awaitRuns(long count, java.time.Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (runs.size() < count) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  @Override
  public void onError(Throwable t) {
    failure = t;
  }

  @Override
  public void onComplete() {}

  /** The runs seen so far, oldest first. */
  synchronized List<Run> runs() {
    return List.copyOf(runs);
  }

  long events() {
    return events.get();
  }

  long gaps() {
    return gaps.get();
  }

  /** Why the feed ended, if it did. */
  Throwable failure() {
    return failure;
  }

  void cancel() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }

  /** The nearest-rank percentile of {@code values}; NaN for none. */
  static double percentile(List<Double> values, int p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }
}
