package ai.nesa.aivm.devnet;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The fault switches of a {@link DevnetGateway}'s inference endpoint ({@code POST
 * /v1/deployments/{id}/inferences}), for tests of a client's retries: each answers the next N
 * inference requests, then turns itself off; and of its live metrics stream, which {@link
 * #dropMetricsStreamsEvery} cuts every N events until turned off.
 *
 * <pre>{@code
 * devnet.faults().failBeforeRun(2, 429);   // the next two POSTs: 429, nothing checked or run
 * devnet.faults().failAfterRun(1);         // the next POST runs, stores its outcome, answers 503
 * }</pre>
 *
 * <h2>The switches</h2>
 *
 * <ul>
 *   <li>{@link #failBeforeRun(int, int)}: the next {@code count} inference POSTs are answered with
 *       {@code status} (429 code {@code rate_limited}, or 503 code {@code unavailable}) and {@code
 *       Retry-After: 0}, before the request is checked: no inference is made, no node runs.
 *   <li>{@link #failAfterRun(int)}: the next {@code count} inference POSTs that run (not those
 *       answered for an earlier {@code Idempotency-Key}) run to their end and store their outcome
 *       under their key; then a JSON answer is a 503 {@code unavailable} with {@code Retry-After:
 *       0}, and a stream ends without {@code done} or {@code error}. A retry with the same key gets
 *       the stored outcome and runs nothing.
 * </ul>
 *
 * <p>Switches queue: {@code failBeforeRun(1, 429)} then {@code failBeforeRun(1, 503)} answers 429,
 * then 503. Thread-safe.
 *
 * @since 0.1.0
 */
public final class GatewayFaults {
  private final Deque<Integer> beforeRun = new ArrayDeque<>();
  private int afterRun;
  private volatile int dropMetricsEvery;

  GatewayFaults() {}

  /**
   * Makes every live metrics stream ({@code GET /v1/metrics/events}) drop its connection after
   * each {@code events} events it sends (counted per connection), until set to 0: the client must
   * resume with {@code Last-Event-ID}.
   *
   * @throws IllegalArgumentException when negative
   */
  public GatewayFaults dropMetricsStreamsEvery(int events) {
    if (events < 0) {
      throw new IllegalArgumentException("a count is not negative: " + events);
    }
    dropMetricsEvery = events;
    return this;
  }

  /** After how many events a metrics stream drops its connection; 0 for never. */
  int dropMetricsEvery() {
    return dropMetricsEvery;
  }

  /**
   * Answers the next {@code count} inference POSTs with {@code status} before anything runs.
   *
   * @throws IllegalArgumentException when {@code count} is negative or {@code status} is not 429 or 503
   */
  public synchronized GatewayFaults failBeforeRun(int count, int status) {
    if (count < 0) {
      throw new IllegalArgumentException("a count is not negative: " + count);
    }
    if (status != 429 && status != 503) {
      throw new IllegalArgumentException("a gateway fault answers 429 or 503, not " + status);
    }
    for (int i = 0; i < count; i++) {
      beforeRun.add(status);
    }
    return this;
  }

  /**
   * Answers the next {@code count} inference POSTs that run with 503 after their outcome is stored.
   *
   * @throws IllegalArgumentException when negative
   */
  public synchronized GatewayFaults failAfterRun(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("a count is not negative: " + count);
    }
    afterRun += count;
    return this;
  }

  /** Turns every switch off. */
  public synchronized GatewayFaults clear() {
    beforeRun.clear();
    afterRun = 0;
    dropMetricsEvery = 0;
    return this;
  }

  /** The status the next POST gets before running, taken off the queue; 0 for none. */
  synchronized int takeBeforeRun() {
    Integer status = beforeRun.poll();
    return status == null ? 0 : status;
  }

  /** Whether the next POST that ran gets a 503, taken off the count. */
  synchronized boolean takeAfterRun() {
    if (afterRun == 0) {
      return false;
    }
    afterRun--;
    return true;
  }

  @Override
  public synchronized String toString() {
    return "GatewayFaults{beforeRun=" + beforeRun + ", afterRun=" + afterRun + ", dropMetricsEvery="
        + dropMetricsEvery + "}";
  }
}
