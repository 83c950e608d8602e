package ai.nesa.aivm.sdk.internal.inference;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.ServiceError;
import ai.nesa.aivm.sdk.UnexpectedResponseException;
import ai.nesa.aivm.sdk.inference.InferenceEvent;
import ai.nesa.aivm.sdk.inference.InferenceResult;
import ai.nesa.aivm.sdk.inference.InferenceStream;
import ai.nesa.aivm.sdk.internal.http.GatewayTransport.OpenStream;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import okio.Buffer;

/**
 * An {@link InferenceStream} over an open {@code text/event-stream} answer. okhttp-sse parses the
 * stream on a reader thread and this class hands each parsed event to the consumer through a
 * bounded queue: when the consumer lags, the reader blocks and TCP flow control slows the gateway,
 * so memory stays bounded.
 */
final class SseInferenceStream implements InferenceStream, Iterator<InferenceEvent> {
  /** Events parsed ahead of the consumer at most. */
  static final int BUFFER = 256;

  /** What the gateway's {@code done} carried, before verification. */
  private record RawDone(InferenceResult result) {}

  /** The gateway's {@code error} event. */
  private record ErrorEvent(ServiceError error) {}

  /** The stream ended: cleanly (cause null) or not, without {@code done} or {@code error}. */
  private record End(Throwable cause) {}

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
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BUFFER);
  private final AtomicBoolean iterated = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile String inferenceId;
  private long chunks;
  private boolean finished;
  private InferenceResult result;

  private SseInferenceStream(OpenStream open, Handler handler) {
    this.open = open;
    this.handler = handler;
  }

  /** Starts reading {@code open} on {@code executor}. */
  static SseInferenceStream start(OpenStream open, Handler handler, Executor executor) {
    SseInferenceStream stream = new SseInferenceStream(open, handler);
    try {
      executor.execute(() -> EventSources.processResponse(open.response(), stream.new Reader()));
    } catch (RuntimeException e) {
      open.response().close();
      throw new AivmIoException("could not start reading the inference stream: " + e, e);
    }
    return stream;
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
      throw new NoSuchElementException("the stream has ended");
    }
    Object item;
    try {
      item = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new AivmIoException("interrupted while waiting for the inference stream; it was cancelled", e);
    }
    if (item instanceof InferenceEvent.Ack ack) {
      inferenceId = ack.id();
      return ack;
    }
    if (item instanceof InferenceEvent.Chunk chunk) {
      chunks++;
      return chunk;
    }
    finished = true;
    if (item instanceof RawDone done) {
      result = handler.verify(done.result());
      return new InferenceEvent.Done(result);
    }
    if (item instanceof ErrorEvent error) {
      throw handler.failure(error.error());
    }
    if (item instanceof AivmException e) {
      close();
      throw e;
    }
    if (closed.get()) {
      throw new NoSuchElementException("the stream was closed");
    }
    result = handler.afterCut(inferenceId, chunks, ((End) item).cause());
    return new InferenceEvent.Done(result);
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
    String id = inferenceId;
    boolean cancel = result == null && id != null;
    open.call().cancel();
    queue.clear();
    queue.offer(new End(null)); // wakes a consumer blocked in next()
    if (cancel) {
      handler.cancel(id);
    }
  }

  @Override
  public String toString() {
    return "InferenceStream{" + (inferenceId == null ? "not acknowledged" : inferenceId) + ", " + chunks + " chunks"
        + (finished ? ", ended" : "") + "}";
  }

  /** Runs on the reader thread: parses each event and hands it over. */
  private final class Reader extends EventSourceListener {
    private boolean ended;

    @Override
    public void onEvent(EventSource source, String id, String type, String data) {
      if (ended) {
        return;
      }
      Object item;
      try {
        item = parse(type == null ? "message" : type, data);
      } catch (IOException | RuntimeException e) {
        item = new UnexpectedResponseException("malformed '" + type + "' event in the inference stream: "
            + e.getMessage(), 200, requestId(), e);
      }
      if (item == null) {
        return;
      }
      if (!(item instanceof InferenceEvent.Ack) && !(item instanceof InferenceEvent.Chunk)) {
        ended = true;
        source.cancel();
      }
      hand(item);
    }

    @Override
    public void onClosed(EventSource source) {
      end(null);
    }

    @Override
    public void onFailure(EventSource source, Throwable t, Response response) {
      if (response != null && !isEventStream(response)) {
        hand(new UnexpectedResponseException("expected text/event-stream but got content type '"
            + response.header("Content-Type") + "'", response.code(), response.header("X-Request-Id"), t));
        ended = true;
        return;
      }
      end(t);
    }

    private void end(Throwable cause) {
      if (!ended) {
        ended = true;
        hand(new End(cause));
      }
      open.response().close();
    }

    private void hand(Object item) {
      if (closed.get()) {
        return;
      }
      try {
        queue.put(item);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private String requestId() {
    return open.response().header("X-Request-Id");
  }

  private static boolean isEventStream(Response response) {
    String type = response.header("Content-Type");
    return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream");
  }

  /** The item for one event; null for an event type this SDK does not know (skipped). */
  private static Object parse(String type, String data) throws IOException {
    try (JsonReader r = JsonReader.of(new Buffer().writeUtf8(data))) {
      return switch (type) {
        case "ack" -> DeploymentJson.readAck(r);
        case "chunk" -> DeploymentJson.readChunk(r);
        case "done" -> new RawDone(DeploymentJson.readResult(r));
        case "error" -> new ErrorEvent(readErrorResponse(r));
        default -> null;
      };
    }
  }

  private static ServiceError readErrorResponse(JsonReader r) throws IOException {
    ServiceError error = null;
    r.beginObject();
    while (r.hasNext()) {
      if (r.nextName().equals("error")) {
        error = DeploymentJson.readError(r, 0);
      } else {
        r.skipValue();
      }
    }
    r.endObject();
    if (error == null) {
      throw new IOException("an error event without 'error'");
    }
    return error;
  }
}
