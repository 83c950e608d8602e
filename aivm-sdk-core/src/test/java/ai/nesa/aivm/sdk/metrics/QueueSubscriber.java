package ai.nesa.aivm.sdk.metrics;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A subscriber for the feed tests (here and in the devnet's): it requests {@code initial} events
 * on subscribing and queues every signal, events, the error and {@code "complete"}, in order.
 */
public final class QueueSubscriber implements Flow.Subscriber<MetricsEvent> {
  private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
  private final long initial;
  private volatile Flow.Subscription subscription;

  public QueueSubscriber(long initial) {
    this.initial = initial;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(initial);
  }

  @Override
  public void onNext(MetricsEvent item) {
    received.add(item);
  }

  @Override
  public void onError(Throwable t) {
    received.add(t);
  }

  @Override
  public void onComplete() {
    received.add("complete");
  }

  /** The subscription, once subscribed; null before. */
  public Flow.Subscription subscription() {
    return subscription;
  }

  /** The next signal within {@code wait}: an event, the feed's error or {@code "complete"}; null when none came. */
  public Object poll(Duration wait) throws InterruptedException {
    return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether no signal is waiting. */
  public boolean isEmpty() {
    return received.isEmpty();
  }

  /** Cancels the subscription, if there is one. */
  public void cancel() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }
}
