package ai.nesa.aivm.sdk.internal.inference;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.sdk.ServiceError;
import ai.nesa.aivm.sdk.UnexpectedResponseException;
import ai.nesa.aivm.sdk.inference.InferenceEvent;
import ai.nesa.aivm.sdk.inference.InferenceResult;
import ai.nesa.aivm.sdk.inference.InferenceStream;
import ai.nesa.aivm.sdk.internal.http.ErrorBodies;
import ai.nesa.aivm.sdk.internal.http.EventStreamReader;
import ai.nesa.aivm.sdk.internal.http.GatewayTransport.OpenStream;
import ai.nesa.aivm.sdk.internal.json.JsonCodec;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import okio.Buffer;

/**
 * An {@link InferenceStream} over an open {@code text/event-stream} answer, read on the consumer's
 * own thread as it iterates ({@link EventStreamReader}): nothing is read ahead, so a slow consumer
 * holds the connection back through TCP flow control and memory stays flat. {@link #close()} from
 * any thread cancels the call, which ends a blocked read at once.
 */
final class SseInferenceStream implements InferenceStream, Iterator<InferenceEvent> {

  /** What the client does with the ends of a stream: verify, recover after a cut, cancel. */
  interface Handler {
    InferenceResult verify(InferenceResult result);

    AivmException failure(ServiceError error);

    /** The result of an inference whose stream was cut, or the exception saying it is lost. */
    InferenceResult afterCut(String inferenceId, long chunks, Throwable cause);

    void cancel(String inferenceId);
  }

  private final OpenStream open;
  private final Handler handler;
  private final EventStreamReader reader;
  private final AtomicBoolean iterated = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile String inferenceId;
  private volatile boolean finished;
  /** Whether the gateway said the inference ended: done, error, or a completed one read back after a cut. */
  private volatile boolean ended;
  private long chunks;
  private InferenceResult result;

  private SseInferenceStream(OpenStream open, Handler handler) {
    this.open = open;
    this.handler = handler;
    this.reader = new EventStreamReader(open.response().body().source());
  }

  /**
   * The stream over {@code open}.
   *
   * @throws UnexpectedResponseException when the answer is not an event stream
   */
  static SseInferenceStream of(OpenStream open, Handler handler) {
    String type = open.response().header("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
      open.response().close();
      throw new UnexpectedResponseException("expected text/event-stream but got content type '" + type + "'",
          open.response().code(), open.response().header("X-Request-Id"), null);
    }
    return new SseInferenceStream(open, handler);
  }

  @Override
  public Iterator<InferenceEvent> iterator() {
    if (!iterated.compareAndSet(false, true)) {
      throw new IllegalStateException("an inference stream is iterated once");
    }
    return this;
  }

  @Override
  public boolean hasNext() {
    return !finished;
  }

  @Override
  public InferenceEvent next() {
    if (finished) {
      throw new NoSuchElementException(closed.get() ? "the stream was closed" : "the stream has ended");
    }
    while (true) {
      EventStreamReader.Event event;
      try {
        event = reader.next();
      } catch (IOException e) {
        return end(e);
      }
      if (event == null) {
        return end(null);
      }
      InferenceEvent parsed = parse(event);
      if (parsed != null) {
        return parsed;
      }
    }
  }

  /** The event for one server-sent event; null for one to skip (a kind this SDK does not know). */
  private InferenceEvent parse(EventStreamReader.Event event) {
    try {
      switch (event.type()) {
        case "chunk" -> {
          InferenceEvent.Chunk chunk = ChunkFastPath.read(event.data());
          chunks++;
          return chunk != null ? chunk : read(event.data(), DeploymentJson::readChunk);
        }
        case "ack" -> {
          InferenceEvent.Ack ack = read(event.data(), DeploymentJson::readAck);
          inferenceId = ack.id();
          return ack;
        }
        case "done" -> {
          InferenceResult raw = read(event.data(), DeploymentJson::readResult);
          ended = true;
          finish();
          result = handler.verify(raw);
          return new InferenceEvent.Done(result);
        }
        case "error" -> {
          ServiceError error = read(event.data(), SseInferenceStream::readErrorResponse);
          ended = true;
          finish();
          throw handler.failure(error);
        }
        default -> {
          return null;
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof AivmException aivm && finished) {
        throw aivm;
      }
      finish();
      throw new UnexpectedResponseException("malformed '" + event.type() + "' event in the inference stream: "
          + e.getMessage(), open.response().code(), open.response().header("X-Request-Id"), e);
    }
  }

  /** The stream ended without done or error: closed by the caller, or cut. */
  private InferenceEvent end(IOException cause) {
    finish();
    if (closed.get()) {
      throw new NoSuchElementException("the stream was closed");
    }
    result = handler.afterCut(inferenceId, chunks, cause);
    ended = true;
    return new InferenceEvent.Done(result);
  }

  private void finish() {
    finished = true;
    open.response().close();
  }

  @Override
  public InferenceResult result() {
    if (!iterated.get()) {
      iterator();
    }
    while (!finished) {
      next();
    }
    if (result == null) {
      throw new IllegalStateException("the stream ended without a result");
    }
    return result;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    finished = true;
    open.call().cancel();
    String id = inferenceId;
    if (!ended && id != null) {
      handler.cancel(id); // closed early, or after a cut while the gateway may still be running it
    }
  }

  @Override
  public String toString() {
    return "InferenceStream{" + (inferenceId == null ? "not acknowledged" : inferenceId) + ", " + chunks + " chunks"
        + (finished ? ", ended" : "") + "}";
  }

  private static <T> T read(String data, JsonCodec.ItemReader<T> codec) throws IOException {
    try (JsonReader r = JsonReader.of(new Buffer().writeUtf8(data))) {
      return codec.read(r);
    }
  }

  private static ServiceError readErrorResponse(JsonReader r) throws IOException {
    ServiceError error = ErrorBodies.readErrorResponse(r, 0, null);
    if (error == null) {
      throw new IOException("an error event without 'error'");
    }
    return error;
  }
}
