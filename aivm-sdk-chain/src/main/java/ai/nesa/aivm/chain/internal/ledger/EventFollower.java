package ai.nesa.aivm.chain.internal.ledger;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.chain.ChainCheckpoint;
import ai.nesa.aivm.chain.ChainEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber following the ledger's events from a checkpoint: first every event already there,
 * then each new one as the index sees it, exactly once and in order, as far as the subscriber asks.
 *
 * <h2>How</h2>
 *
 * <p>A thread of the follower's own wakes every poll interval (at once when the subscriber asks for
 * more), has the index catch up with the chain, and hands over the events after its checkpoint. The
 * checkpoint moves only past what was handed over, so a failed catch-up (the node unreachable, a
 * dropped connection) hands over nothing and the next attempt, after a backoff doubling up to {@value
 * #MAX_BACKOFF_SECONDS} s, goes on from the same place: no gap, no event twice.
 *
 * <h2>Reorganisations</h2>
 *
 * <p>The follower remembers the last {@value #REMEMBERED} events it handed over. When the index no
 * longer holds the last of them at its place, a reorganisation took it back: the follower hands
 * over each taken event again with {@code removed} set, newest first, moves its checkpoint back to
 * the newest event still standing, and goes on from there. A reorganisation deeper than what it
 * remembers ends the subscription with an error.
 *
 * <h2>Ending</h2>
 *
 * <p>{@link #cancel()} stops the thread; when the ledger closes, the subscriber gets {@code
 * onComplete}. A subscriber that throws from {@code onNext} is cancelled.
 */
public final class EventFollower implements Flow.Subscription {
  /** How many handed-over events are remembered for noticing reorganisations. */
  public static final int REMEMBERED = 1024;
  static final long MAX_BACKOFF_SECONDS = 30;
  private static final Logger log = LoggerFactory.getLogger(EventFollower.class);
  private static final AtomicLong THREADS = new AtomicLong();
  private static final int PAGE = 256;

  private final ChainIndex index;
  private final Flow.Subscriber<? super ChainEvent> subscriber;
  private final Duration pollInterval;
  private final BooleanSupplier ledgerClosed;
  private final ScheduledExecutorService thread;
  private final AtomicLong demand = new AtomicLong();
  // Touched only on the follower's thread.
  private ChainCheckpoint checkpoint;
  private final Deque<ChainEvent> handedOver = new ArrayDeque<>();
  /** Whether handed-over events were forgotten to keep {@link #REMEMBERED}. */
  private boolean forgotten;
  private Duration backoff;
  private volatile boolean done;

  private EventFollower(ChainIndex index, Flow.Subscriber<? super ChainEvent> subscriber, ChainCheckpoint from,
      Duration pollInterval, BooleanSupplier ledgerClosed) {
    this.index = index;
    this.subscriber = subscriber;
    this.checkpoint = from;
    this.pollInterval = pollInterval;
    this.backoff = pollInterval;
    this.ledgerClosed = ledgerClosed;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "aivm-ledger-follow-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts following for {@code subscriber}: {@code onSubscribe} first, on the follower's thread. */
  public static void start(ChainIndex index, Flow.Subscriber<? super ChainEvent> subscriber, ChainCheckpoint from,
      Duration pollInterval, BooleanSupplier ledgerClosed) {
    Objects.requireNonNull(subscriber, "subscriber");
    EventFollower follower = new EventFollower(index, subscriber, from, pollInterval, ledgerClosed);
    follower.thread.execute(() -> {
      try {
        subscriber.onSubscribe(follower);
      } catch (RuntimeException e) {
        log.warn("a ledger event subscriber threw from onSubscribe; cancelled", e);
        follower.stop();
        return;
      }
      follower.schedule(Duration.ZERO);
    });
  }

  @Override
  public void request(long n) {
    if (done) {
      return;
    }
    if (n <= 0) {
      IllegalArgumentException wrong = new IllegalArgumentException("a subscriber requests a positive number of events, not "
          + n);
      try {
        thread.execute(() -> fail(wrong)); // signals go out on the follower's thread only
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // stopped meanwhile
      }
      return;
    }
    long before = demand.getAndAccumulate(n, (d, add) -> d + add < 0 ? Long.MAX_VALUE : d + add);
    if (before == 0) {
      schedule(Duration.ZERO);
    }
  }

  @Override
  public void cancel() {
    stop();
  }

  private void schedule(Duration after) {
    if (!done) {
      try {
        thread.schedule(this::tick, after.toNanos(), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // stopped meanwhile
      }
    }
  }

  private void tick() {
    if (done) {
      return;
    }
    if (ledgerClosed.getAsBoolean()) {
      stop();
      subscriber.onComplete();
      return;
    }
    if (demand.get() == 0) {
      return; // request() schedules the next tick
    }
    try {
      index.sync(System.nanoTime());
    } catch (RuntimeException e) {
      if (ledgerClosed.getAsBoolean()) {
        stop();
        subscriber.onComplete();
        return;
      }
      log.debug("following the ledger's events: catching up failed ({}); again in {}", e.getMessage(), backoff);
      Duration wait = backoff;
      backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(MAX_BACKOFF_SECONDS)) > 0
          ? Duration.ofSeconds(MAX_BACKOFF_SECONDS) : backoff.multipliedBy(2);
      schedule(wait);
      return;
    }
    backoff = pollInterval;
    try {
      boolean more = handOverRemovals() && handOverNew();
      schedule(more ? Duration.ZERO : pollInterval);
    } catch (Stop stop) {
      // the subscriber cancelled, threw, or the follower failed: nothing more to do
    }
  }

  /**
   * Hands over, as removed, what a reorganisation took back of what was handed over; false when the
   * subscriber's demand ran out before all of it was.
   */
  private boolean handOverRemovals() {
    if (handedOver.isEmpty() || standing(handedOver.peekLast())) {
      return true;
    }
    List<ChainEvent> taken = new ArrayList<>();
    Iterator<ChainEvent> newestFirst = handedOver.descendingIterator();
    ChainEvent stillThere = null;
    while (newestFirst.hasNext()) {
      ChainEvent e = newestFirst.next();
      if (standing(e)) {
        stillThere = e;
        break;
      }
      taken.add(e);
    }
    if (stillThere == null && forgotten) {
      fail(new AivmException("a reorganisation took back all of the last " + REMEMBERED
          + " events this follower handed over, and it remembers no more; follow again from a checkpoint before block "
          + taken.get(taken.size() - 1).blockNumber()));
      throw new Stop();
    }
    for (ChainEvent e : taken) {
      if (demand.get() == 0) {
        return false;
      }
      handedOver.pollLast();
      deliver(e.asRemoved());
      checkpoint = e.asRemoved().checkpoint();
    }
    if (stillThere != null) {
      checkpoint = stillThere.checkpoint();
    }
    return true;
  }

  /** Hands over new events while there is demand; true when a full page went (there may be more). */
  private boolean handOverNew() {
    boolean pageFull = false;
    while (demand.get() > 0) {
      List<ChainEvent> page = index.eventsSeenAfter(checkpoint, (int) Math.min(PAGE, demand.get()));
      if (page.isEmpty()) {
        return false;
      }
      for (ChainEvent e : page) {
        deliver(e);
        checkpoint = e.checkpoint();
        handedOver.addLast(e);
        if (handedOver.size() > REMEMBERED) {
          handedOver.pollFirst();
          forgotten = true;
        }
      }
      pageFull = page.size() == PAGE;
      if (!pageFull) {
        return false;
      }
    }
    return pageFull;
  }

  private boolean standing(ChainEvent delivered) {
    return index.eventSeen(delivered.event().sequence()).map(e -> e.samePlaceAs(delivered)).orElse(false);
  }

  private void deliver(ChainEvent e) {
    if (done) {
      throw new Stop();
    }
    demand.decrementAndGet();
    try {
      subscriber.onNext(e);
    } catch (RuntimeException thrown) {
      log.warn("a ledger event subscriber threw from onNext; cancelled", thrown);
      stop();
      throw new Stop();
    }
  }

  private void fail(Throwable error) {
    if (!done) {
      stop();
      subscriber.onError(error);
    }
  }

  private void stop() {
    done = true;
    thread.shutdown();
  }

  /** Control flow out of a delivery loop once the subscription ended. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }
}
