package ai.nesa.aivm.devnet;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The fault switches of one {@link DevnetNode}, for tests of what a client does when a node
 * misbehaves. Every switch is off until set, and stays set until changed or {@link #clear()}ed.
 *
 * <pre>{@code
 * devnet.nodes().get(2).faults().lie();                          // its outputs differ
 * devnet.nodes().get(0).faults().slow(Duration.ofMillis(50));    // 50 ms before each model run
 * devnet.nodes().get(0).faults().dropStreamAfter(2);             // its stream is cut after 2 chunks
 * }</pre>
 *
 * <h2>The switches</h2>
 *
 * <ul>
 *   <li>{@link #lie(int)}: the node's output differs from the true one, and it signs the lie. A
 *       tensor output gets {@code variant} added to the first value of its first float32 tensor; a
 *       text output has its last character {@code c} replaced by {@code c ^ variant} (an empty text
 *       becomes the digit {@code variant}). Two liars with different variants disagree with each
 *       other too. Tokens it streams are the true ones: chunks are provisional.
 *   <li>{@link #slow(Duration)}: the node waits this long before every model run: once for a
 *       tensor or classifier inference, once per token for text generation. A cancelled inference
 *       stops waiting at once.
 *   <li>{@link #dropStreamAfter(int)}: when the node is the one whose tokens a gateway streams (the
 *       deployment's first), the gateway ends the event stream after that many {@code chunk}
 *       events, without {@code done} or {@code error}. The inference itself runs on to its end.
 * </ul>
 *
 * <p>Thread-safe: switches may be flipped while inferences run; each run reads them as it goes.
 *
 * @since 0.1.0
 */
public final class NodeFaults {
  private volatile int lie;
  private volatile Duration delay = Duration.ZERO;
  private volatile int dropStreamAfter = -1;

  NodeFaults() {}

  /** Makes the node lie with variant 1; see {@link #lie(int)}. */
  public NodeFaults lie() {
    return lie(1);
  }

  /**
   * Makes the node's outputs differ from the true ones, by {@code variant}.
   *
   * @throws IllegalArgumentException when {@code variant} is not from 1 to 127
   */
  public NodeFaults lie(int variant) {
    if (variant < 1 || variant > 127) {
      throw new IllegalArgumentException("a lie's variant is from 1 to 127, not " + variant);
    }
    this.lie = variant;
    return this;
  }

  /** The lie's variant, or 0 when the node tells the truth. */
  public int lying() {
    return lie;
  }

  /**
   * Makes the node wait {@code delay} before each model run; {@link Duration#ZERO} turns it off.
   *
   * @throws IllegalArgumentException when negative
   */
  public NodeFaults slow(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("a delay is not negative: " + delay);
    }
    this.delay = delay;
    return this;
  }

  /** The wait before each model run; zero when the node is not slow. */
  public Duration delay() {
    return delay;
  }

  /**
   * Makes a gateway streaming this node's tokens end the stream after {@code chunks} chunk events.
   *
   * @throws IllegalArgumentException when negative
   */
  public NodeFaults dropStreamAfter(int chunks) {
    if (chunks < 0) {
      throw new IllegalArgumentException("a chunk count is not negative: " + chunks);
    }
    this.dropStreamAfter = chunks;
    return this;
  }

  /** After how many chunks a stream of this node's tokens is cut; empty when it is not. */
  public OptionalInt dropsStreamAfter() {
    int n = dropStreamAfter;
    return n < 0 ? OptionalInt.empty() : OptionalInt.of(n);
  }

  /** Turns every switch off. */
  public NodeFaults clear() {
    lie = 0;
    delay = Duration.ZERO;
    dropStreamAfter = -1;
    return this;
  }

  @Override
  public String toString() {
    return "NodeFaults{lie=" + lie + ", delay=" + delay + ", dropStreamAfter=" + dropStreamAfter + "}";
  }
}
