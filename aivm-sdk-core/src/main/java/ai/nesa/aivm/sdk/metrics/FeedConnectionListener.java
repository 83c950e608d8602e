package ai.nesa.aivm.sdk.metrics;

import java.time.Duration;
import java.util.Optional;

/**
 * Told when a live feed's connection opens and when it is lost, for a dashboard's "reconnecting"
 * line or for knowing that a feed started "from now" is listening ({@link
 * FeedOptions.Builder#connectionListener}). Called on the feed's own thread, which waits while it
 * runs: keep it short. Both methods do nothing by default.
 *
 * @since 0.1.0
 */
public interface FeedConnectionListener {
  /**
   * The gateway accepted the stream: events from here on will be delivered.
   *
   * @param resumedAfter the event id it resumed after; empty for a feed starting from now
   */
  default void connected(Optional<String> resumedAfter) {}

  /**
   * The connection ended or could not be made; the feed reconnects after {@code retryIn}.
   *
   * @param cause why: the stream's end (an {@link java.io.EOFException}), a network failure, or the
   *     gateway's answer
   */
  default void disconnected(Throwable cause, Duration retryIn) {}
}
