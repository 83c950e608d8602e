package ai.nesa.aivm.chain;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener following the ledger's events, from {@link Web3jLedger#follow(ChainCheckpoint,
 * Consumer)}: every event is handed to it once, in order, on the follower's own thread. Close it to
 * stop; store its {@link #checkpoint()} to follow again from there later.
 *
 * <pre>{@code
 * try (ChainFollower follower = ledger.follow(from, event -> handle(event))) {
 *   ...
 *   saved = follower.checkpoint().toString();
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ChainFollower implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChainFollower.class);

  private final Consumer<ChainEvent> listener;
  private volatile ChainCheckpoint checkpoint;
  private volatile Flow.Subscription subscription;
  private volatile Throwable failure;
  private volatile boolean closed;

  ChainFollower(ChainCheckpoint from, Consumer<ChainEvent> listener) {
    this.checkpoint = Objects.requireNonNull(from, "from");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** The subscriber that feeds the listener, asking for every event. */
  Flow.Subscriber<ChainEvent> subscriber() {
    return new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (closed) {
          s.cancel();
        } else {
          s.request(Long.MAX_VALUE);
        }
      }

      @Override
      public void onNext(ChainEvent event) {
        listener.accept(event);
        checkpoint = event.checkpoint();
      }

      @Override
      public void onError(Throwable error) {
        failure = error;
        log.warn("following ledger events stopped: {}", error.getMessage());
      }

      @Override
      public void onComplete() {
        closed = true;
      }
    };
  }

  /** After the last event the listener handled (the starting checkpoint before the first). */
  public ChainCheckpoint checkpoint() {
    return checkpoint;
  }

  /** Why following stopped, if it stopped on an error (a reorganisation deeper than it remembers). */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /** Stops following; the listener may still be in its last call. Closing twice does nothing. */
  @Override
  public void close() {
    closed = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }

  @Override
  public String toString() {
    return "ChainFollower[at " + checkpoint + (failure != null ? ", failed" : closed ? ", closed" : "") + "]";
  }
}
