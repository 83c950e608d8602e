package ai.nesa.aivm.sdk.inference;

import java.util.Iterator;

/**
 * A streamed inference as it runs: {@link InferenceEvent.Ack}, then {@link InferenceEvent.Chunk}s
 * as the nodes make them, then one {@link InferenceEvent.Done} with the verified result.
 *
 * <pre>{@code
 * try (InferenceStream stream = client.inference().stream(deployment.id(), InferenceInput.text("Once"))) {
 *   for (InferenceEvent event : stream) {
 *     if (event instanceof InferenceEvent.Chunk chunk) {
 *       System.out.print(chunk.text());
 *     }
 *   }
 * }
 * }</pre>
 *
 * <h2>Ending</h2>
 * The iteration ends after {@code Done}. A failure reported by the gateway ({@code error} event)
 * is thrown from {@code next()} as the same typed exception a synchronous call throws; a cut
 * connection is an {@link InferenceStreamException} (or, when the gateway had already completed
 * the inference, its {@code Done}): a stream never ends short without saying so.
 *
 * <h2>Closing cancels</h2>
 * Closing the stream before {@code Done} cancels the inference on the gateway and releases the
 * connection. Always close it (try-with-resources).
 *
 * <p>One consumer thread; {@link #close()} may be called from any thread.
 *
 * @since 0.1.0
 */
public interface InferenceStream extends Iterable<InferenceEvent>, AutoCloseable {

  /**
   * The events; iterate once.
   *
   * @throws IllegalStateException on a second call
   */
  @Override
  Iterator<InferenceEvent> iterator();

  /**
   * Reads the rest of the stream and returns its result.
   *
   * @throws VerificationException when the result fails verification
   * @throws InferenceStreamException when the stream was cut
   */
  InferenceResult result();

  /** Cancels the inference unless it is done, and releases the connection. Idempotent. */
  @Override
  void close();
}
