package ai.nesa.aivm.devnet.internal;

import ai.nesa.aivm.devnet.RunControl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One inference of the devnet gateway: its state ({@code running}, then {@code completed}, {@code
 * failed} or {@code cancelled}, each final), the answer it ended with, and the chunks its first
 * node made, queued for the one event stream that reads them. Thread-safe.
 */
public final class InferenceRecord {
  /** The statuses, by their wire names. */
  public enum Status {
    RUNNING, COMPLETED, FAILED, CANCELLED;

    /** The document's name. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Put on {@link #events()} once the inference has ended: no chunk follows. */
  public static final Object END = new Object();

  private final String id;
  private final Deployment deployment;
  private final Instant startedAt;
  private final String requestId;
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private final CountDownLatch ended = new CountDownLatch(1);
  private final CountDownLatch firstChunk = new CountDownLatch(1);
  private final List<RunControl> controls = new ArrayList<>();
  private Status status = Status.RUNNING;
  private Instant completedAt;
  private Map<String, Object> result;
  private Map<String, Object> error;
  private Answer answer;
  private volatile Consumer<InferenceRecord> onEnd = r -> {};

  public InferenceRecord(String id, Deployment deployment, Instant startedAt, String requestId) {
    this.id = Objects.requireNonNull(id, "id");
    this.deployment = Objects.requireNonNull(deployment, "deployment");
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    this.requestId = Objects.requireNonNull(requestId, "requestId");
  }

  public String id() {
    return id;
  }

  public Deployment deployment() {
    return deployment;
  }

  public Instant startedAt() {
    return startedAt;
  }

  /** The id of the gateway request that started it, which its errors carry. */
  public String requestId() {
    return requestId;
  }

  public synchronized Status status() {
    return status;
  }

  /** The chunks of the first node ({@code InferenceChunk} bodies without their index), then {@link #END}. */
  public BlockingQueue<Object> events() {
    return events;
  }

  /** Adds the node runs' controls, cancelled with the inference. */
  public synchronized void controls(List<RunControl> runs) {
    controls.addAll(runs);
    if (status == Status.CANCELLED) {
      runs.forEach(RunControl::cancel);
    }
  }

  /** Queues one chunk body while running, and counts the first chunk. */
  public void chunk(Map<String, Object> body) {
    synchronized (this) {
      if (status != Status.RUNNING) {
        return;
      }
      events.add(body);
    }
    firstChunk.countDown();
  }

  /** Counts the first chunk as made without queueing one: its node ended without a chunk. */
  public void firstChunkOrNone() {
    firstChunk.countDown();
  }

  /** Waits up to {@code millis} for the first chunk; false when it did not come. */
  public boolean awaitFirstChunk(long millis) throws InterruptedException {
    return firstChunk.await(millis, TimeUnit.MILLISECONDS);
  }

  /** Completes it with {@code result} (an {@code InferenceResult}), unless it has ended. */
  public synchronized void complete(Map<String, Object> result, Instant at) {
    if (status == Status.RUNNING) {
      status = Status.COMPLETED;
      this.result = result;
      end(new Answer(200, result), at);
    }
  }

  /** Fails it with {@code error} (an {@code ErrorResponse} answer), unless it has ended. */
  @SuppressWarnings("unchecked")
  public synchronized void fail(Answer error, Instant at) {
    if (status == Status.RUNNING) {
      status = Status.FAILED;
      this.error = (Map<String, Object>) ((Map<String, Object>) error.body()).get("error");
      end(error, at);
    }
  }

  /**
   * Cancels it, and its node runs, unless it has ended; its answer is a {@code 409} with code
   * {@code cancelled}. True when this call cancelled it.
   */
  public synchronized boolean cancel(Instant at) {
    if (status != Status.RUNNING) {
      return false;
    }
    status = Status.CANCELLED;
    controls.forEach(RunControl::cancel);
    end(Answer.error(409, "cancelled", "inference " + id + " was cancelled", requestId, List.of()), at);
    return true;
  }

  private void end(Answer answer, Instant at) {
    this.answer = answer;
    this.completedAt = at;
    events.add(END);
    ended.countDown();
    firstChunk.countDown();
    onEnd.accept(this);
  }

  /** Who is told when it ends (completed, failed or cancelled), once, under its lock. */
  public void onEnd(Consumer<InferenceRecord> listener) {
    this.onEnd = Objects.requireNonNull(listener, "listener");
  }

  /** When it ended; null while running. */
  public synchronized Instant completedAt() {
    return completedAt;
  }

  /** Its result (an {@code InferenceResult}) once completed; null otherwise. */
  public synchronized Map<String, Object> result() {
    return result;
  }

  /** Its error (an {@code Error}) once failed or cancelled; null otherwise. */
  public synchronized Map<String, Object> error() {
    if (error == null && answer != null && status == Status.CANCELLED) {
      @SuppressWarnings("unchecked")
      Map<String, Object> e = (Map<String, Object>) ((Map<String, Object>) answer.body()).get("error");
      return e;
    }
    return error;
  }

  /** Waits up to {@code millis} for it to end; true when it has. */
  public boolean awaitEnd(long millis) throws InterruptedException {
    return ended.await(millis, TimeUnit.MILLISECONDS);
  }

  /** The answer it ended with, null while running: the result, or an {@code ErrorResponse}. */
  public synchronized Answer answer() {
    return answer;
  }

  /** The document's {@code Inference}. */
  public synchronized Map<String, Object> toJson() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("deployment", deployment.id());
    body.put("model", deployment.model().toString());
    body.put("version", deployment.version().text());
    body.put("status", status.wireName());
    body.put("startedAt", startedAt.toString());
    if (completedAt != null) {
      body.put("completedAt", completedAt.toString());
    }
    if (result != null) {
      body.put("result", result);
    }
    if (error != null) {
      body.put("error", error);
    }
    return body;
  }

  @Override
  public String toString() {
    return "InferenceRecord{" + id + ", " + deployment.id() + ", " + status() + "}";
  }
}
