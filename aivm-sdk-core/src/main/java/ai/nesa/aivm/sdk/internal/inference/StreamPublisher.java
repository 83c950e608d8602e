package ai.nesa.aivm.sdk.internal.inference;

import ai.nesa.aivm.sdk.inference.InferenceEvent;
import ai.nesa.aivm.sdk.inference.InferenceStream;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A streamed inference as a {@link Flow.Publisher} for one subscriber (Reactive Streams rules):
 * the stream is opened on the first {@code request(n)}, events are pulled from it only while there
 * is demand (so a slow subscriber holds back the reader, whose queue is bounded), and {@code
 * cancel()} closes the stream, which cancels the inference. Signals are delivered from one drain
 * loop at a time on the client's executor, never concurrently.
 */
final class StreamPublisher implements Flow.Publisher<InferenceEvent> {
  private final Supplier<InferenceStream> open;
  private final Executor executor;
  private final AtomicBoolean subscribed = new AtomicBoolean();

  StreamPublisher(Supplier<InferenceStream> open, Executor executor) {
    this.open = open;
    this.executor = executor;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super InferenceEvent> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    if (!subscribed.compareAndSet(false, true)) {
      subscriber.onSubscribe(new Flow.Subscription() {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
      });
      subscriber.onError(new IllegalStateException("an inference publisher takes one subscriber: it runs one inference"));
      return;
    }
    Subscription s = new Subscription(subscriber);
    subscriber.onSubscribe(s);
  }

  private final class Subscription implements Flow.Subscription {
    private final Flow.Subscriber<? super InferenceEvent> subscriber;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger work = new AtomicInteger();
    private volatile boolean cancelled;
    private volatile InferenceStream stream;
    private Iterator<InferenceEvent> events;
    private boolean terminated;
    private Throwable badRequest;

    Subscription(Flow.Subscriber<? super InferenceEvent> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        badRequest = new IllegalArgumentException("request(" + n + "): demand must be positive (rule 3.9)");
      } else {
        demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
      }
      schedule();
    }

    @Override
    public void cancel() {
      cancelled = true;
      schedule();
    }

    private void schedule() {
      if (work.getAndIncrement() == 0) {
        executor.execute(this::drain);
      }
    }

    private void drain() {
      int missed = 1;
      do {
        if (!terminated) {
          step();
        }
        missed = work.addAndGet(-missed);
      } while (missed != 0);
    }

    private void step() {
      if (cancelled) {
        terminate(null, false);
        return;
      }
      if (badRequest != null) {
        terminate(badRequest, true);
        return;
      }
      try {
        while (demand.get() > 0 && !cancelled) {
          if (events == null) {
            stream = open.get();
            events = stream.iterator();
          }
          if (!events.hasNext()) {
            terminate(null, true);
            return;
          }
          subscriber.onNext(events.next());
          demand.decrementAndGet();
        }
        if (cancelled) {
          terminate(null, false);
        } else if (events != null && !events.hasNext()) {
          terminate(null, true);
        }
      } catch (RuntimeException e) {
        terminate(e, true);
      }
    }

    private void terminate(Throwable error, boolean signal) {
      terminated = true;
      InferenceStream s = stream;
      if (s != null) {
        s.close();
      }
      if (signal) {
        if (error == null) {
          subscriber.onComplete();
        } else {
          subscriber.onError(error);
        }
      }
    }
  }
}
