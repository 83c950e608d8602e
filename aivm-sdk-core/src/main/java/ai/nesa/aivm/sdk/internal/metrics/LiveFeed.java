package ai.nesa.aivm.sdk.internal.metrics;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.sdk.AivmServiceException;
import ai.nesa.aivm.sdk.Sleeper;
import ai.nesa.aivm.sdk.internal.http.ApiRequest;
import ai.nesa.aivm.sdk.internal.http.EventStreamReader;
import ai.nesa.aivm.sdk.internal.http.GatewayTransport;
import ai.nesa.aivm.sdk.internal.http.GatewayTransport.OpenStream;
import ai.nesa.aivm.sdk.metrics.FeedOptions;
import ai.nesa.aivm.sdk.metrics.MetricsEvent;
import ai.nesa.aivm.sdk.metrics.MetricsFilter;
import com.squareup.moshi.JsonDataException;
import java.io.EOFException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed: a cold publisher whose every subscription reads one event stream on a thread of
 * its own, as the subscriber's demand allows, and reconnects after {@code Last-Event-ID} when the
 * connection ends. See {@link ai.nesa.aivm.sdk.metrics.MetricsFeed} for the guarantees.
 */
final class LiveFeed implements Flow.Publisher<MetricsEvent> {
  static final Logger log = LoggerFactory.getLogger("ai.nesa.aivm.sdk.metrics");
  private static final AtomicLong FEEDS = new AtomicLong();

  private final GatewayTransport transport;
  private final MetricsFilter filter;
  private final FeedOptions options;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Random random;

  LiveFeed(GatewayTransport transport, MetricsFilter filter, FeedOptions options, Clock clock, Sleeper sleeper,
      Random random) {
    this.transport = transport;
    this.filter = filter;
    this.options = options;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super MetricsEvent> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    Subscription s = new Subscription(subscriber);
    Thread reader = new Thread(s::run, "aivm-metrics-feed-" + FEEDS.incrementAndGet());
    reader.setDaemon(true);
    subscriber.onSubscribe(s);
    reader.start();
  }

  private final class Subscription implements Flow.Subscription {
    private final Flow.Subscriber<? super MetricsEvent> subscriber;
    private final AtomicLong demand = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition demanded = lock.newCondition();
    private final AtomicReference<OpenStream> open = new AtomicReference<>();
    private volatile boolean cancelled;
    private volatile Throwable badRequest;
    private String lastId = options.resumeAfter().orElse(null);
    private final EventFastPath fast = new EventFastPath();

    Subscription(Flow.Subscriber<? super MetricsEvent> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        badRequest = new IllegalArgumentException("§3.9: request(" + n + ") asks for no event");
        cancel();
        return;
      }
      long before;
      long after;
      do {
        before = demand.get();
        after = before + n < 0 ? Long.MAX_VALUE : before + n;
      } while (!demand.compareAndSet(before, after));
      if (before == 0) {
        lock.lock();
        try {
          demanded.signalAll();
        } finally {
          lock.unlock();
        }
      }
    }

    @Override
    public void cancel() {
      cancelled = true;
      OpenStream stream = open.getAndSet(null);
      if (stream != null) {
        stream.call().cancel();
      }
      lock.lock();
      try {
        demanded.signalAll();
      } finally {
        lock.unlock();
      }
    }

    /** The reader thread: connect, read, deliver; reconnect after a cut; until cancelled or refused. */
    void run() {
      int failures = 0;
      Duration backoff = options.firstBackoff();
      while (!cancelled) {
        boolean delivered = false;
        Throwable cause;
        try {
          OpenStream stream = transport.openStream(request());
          open.set(stream);
          if (cancelled) {
            stream.call().cancel();
            break;
          }
          failures = 0;
          options.connectionListener().connected(Optional.ofNullable(lastId));
          delivered = read(stream);
          cause = new EOFException("the gateway ended the stream");
        } catch (AivmServiceException e) {
          if (e.status() < 500 && e.status() != 408 && e.status() != 429) {
            finish(e); // a refusal: the same request would be refused again
            return;
          }
          failures++;
          if (tooMany(failures, e)) {
            return;
          }
          cause = e;
        } catch (IOException | AivmException e) {
          if (cancelled) {
            break;
          }
          failures++;
          if (tooMany(failures, e)) {
            return;
          }
          cause = e;
        } catch (InterruptedException e) {
          break;
        } finally {
          OpenStream stream = open.getAndSet(null);
          if (stream != null) {
            stream.response().close();
          }
        }
        if (cancelled) {
          break;
        }
        if (delivered) {
          backoff = options.firstBackoff();
        }
        Duration wait = jitter(backoff);
        options.connectionListener().disconnected(cause, wait);
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException e) {
          break;
        }
        backoff = backoff.multipliedBy(2).compareTo(options.maxBackoff()) > 0 ? options.maxBackoff()
            : backoff.multipliedBy(2);
        log.debug("metrics feed reconnecting after {}", lastId);
      }
      if (badRequest != null) {
        subscriber.onError(badRequest);
      }
    }

    private boolean tooMany(int failures, Exception e) {
      int max = options.maxReconnects();
      if (max >= 0 && failures > max) {
        finish(e);
        return true;
      }
      log.debug("metrics feed connection failed ({}), reconnecting: {}", failures, e.toString());
      return false;
    }

    private void finish(Throwable e) {
      if (!cancelled) {
        cancelled = true;
        subscriber.onError(e);
      }
    }

    private ApiRequest request() {
      ApiRequest.Builder b = ApiRequest.get("v1", "metrics", "events").accept("text/event-stream");
      filter.model().ifPresent(m -> b.query("model", m.toString()));
      filter.version().ifPresent(v -> b.query("version", v.text()));
      filter.deployment().ifPresent(d -> b.query("deployment", d));
      filter.node().ifPresent(n -> b.query("node", n.toString()));
      filter.kinds().stream().map(MetricsEvent.Kind::wireName).sorted().forEach(k -> b.query("kind", k));
      if (lastId != null) {
        b.lastEventId(lastId);
      }
      return b.build();
    }

    /** Reads events until the stream ends; true when at least one was delivered. */
    private boolean read(OpenStream stream) throws IOException, InterruptedException {
      EventStreamReader events = new EventStreamReader(stream.response().body().source(),
          line -> log.warn("metrics feed: skipped a line the event-stream format does not define: {}", clip(line)));
      boolean delivered = false;
      EventFastPath fast = this.fast;
      while (!cancelled) {
        awaitDemand();
        if (cancelled) {
          break;
        }
        EventStreamReader.RawEvent e = events.nextRaw();
        if (e == null) {
          break; // the gateway ended the stream: reconnect
        }
        MetricsEvent event = fast.read(e.type(), e.data());
        try {
          if (event == null) {
            event = MetricsJson.event(e.type(), e.text(), clock.instant());
          }
        } catch (JsonDataException | IOException | IllegalArgumentException | NullPointerException bad) {
          log.warn("metrics feed: skipped a malformed {} event{}: {}", clip(e.type()),
              e.id() == null ? "" : " (id " + clip(e.id()) + ")", bad.getMessage());
          if (e.id() != null) {
            lastId = e.id();
          }
          continue;
        }
        if (e.id() != null) {
          lastId = e.id();
        }
        demand.decrementAndGet();
        try {
          subscriber.onNext(event);
        } catch (RuntimeException thrown) {
          // §2.13: a subscriber that throws is taken as cancelled; the feed stops and says why
          log.warn("metrics feed: the subscriber threw from onNext; the feed is cancelled", thrown);
          cancel();
          break;
        }
        delivered = true;
      }
      return delivered;
    }

    private void awaitDemand() throws InterruptedException {
      if (demand.get() > 0) {
        return;
      }
      lock.lock();
      try {
        while (demand.get() == 0 && !cancelled) {
          demanded.await();
        }
      } finally {
        lock.unlock();
      }
    }

    private Duration jitter(Duration d) {
      double f = 0.8 + 0.4 * random.nextDouble();
      return Duration.ofNanos((long) (d.toNanos() * f));
    }
  }

  private static String clip(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
