package ai.nesa.aivm.devnet.internal;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.devnet.DevnetNode;
import ai.nesa.aivm.sdk.ModelId;
import com.squareup.moshi.JsonAdapter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * The gateway's inferences: {@code POST /v1/deployments/{id}/inferences} (one JSON result or an
 * event stream), {@code GET} and {@code DELETE /v1/inferences/{id}}, as the document says.
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>Ids are {@code inf-1}, {@code inf-2} and so on.
 *   <li>In order: a pending gateway fault answers first (before anything is read or run); then
 *       the body ({@code 400} {@code invalid_request}, every problem), the deployment ({@code 404}),
 *       the {@code Idempotency-Key} (a key used before on this deployment answers for its first
 *       inference, waiting for it to end, and runs nothing; the body of the repeat is not compared),
 *       the deployment's status ({@code 409} {@code deployment_not_ready}), the lock ({@code 402}
 *       {@code lock_exhausted} when what is left cannot pay the units in on every node).
 *   <li>An inference cancelled ({@code DELETE}, its stream's client going away, its deployment
 *       deleted) answers a {@code 409} with code {@code cancelled}, or that {@code error} event.
 *   <li>Streams: {@code ack}, the first node's {@code chunk}s, then {@code done} or {@code error};
 *       a {@code : keep-alive} comment after each second without an event. A repeat with an
 *       {@code Idempotency-Key} streams {@code ack} then {@code done} or {@code error}.
 *   <li>A gateway fault "after the run" makes a JSON answer a {@code 503} and ends a stream without
 *       {@code done}, once the outcome is stored under the key.
 * </ul>
 */
public final class Inferences {
  private static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final String TEMPLATE = "/v1/deployments/{id}/inferences";
  private static final long KEEP_ALIVE_MS = 1000;
  /** How much longer than the deployment's total timeout a repeat waits for the first inference. */
  private static final long GRACE_MS = 10_000;

  private final Deployments deployments;
  private final Map<Address, DevnetNode> nodes;
  private final InferenceRunner runner;
  private final Clock clock;
  private final JsonAdapter<Object> json;
  private final IntSupplier failBeforeRun;
  private final BooleanSupplier failAfterRun;
  private final Function<ModelId, Set<Address>> mayRun;
  private final Consumer<InferenceRecord> onEnd;
  private final Map<String, InferenceRecord> byId = new ConcurrentHashMap<>();
  private final Map<String, InferenceRecord> byKey = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  /**
   * @param failBeforeRun the status to answer the next POST with before anything runs, or 0
   * @param failAfterRun whether to answer the next POST with 503 after its inference ended
   * @param mayRun the nodes that may run a model now (the granted ones, for a private model)
   * @param onEnd who is told when an inference ends
   */
  public Inferences(Deployments deployments, Map<Address, DevnetNode> nodes,
      InferenceRunner runner, Clock clock, JsonAdapter<Object> json, IntSupplier failBeforeRun,
      BooleanSupplier failAfterRun, Function<ModelId, Set<Address>> mayRun, Consumer<InferenceRecord> onEnd) {
    this.mayRun = mayRun;
    this.onEnd = onEnd;
    this.deployments = deployments;
    this.nodes = nodes;
    this.runner = runner;
    this.clock = clock;
    this.json = json;
    this.failBeforeRun = failBeforeRun;
    this.failAfterRun = failAfterRun;
  }

  /**
   * {@code POST /v1/deployments/{id}/inferences}; null when the answer was a stream, written here.
   */
  public Answer create(HttpExchange exchange, String deploymentId, byte[] body, String requestId)
      throws IOException {
    int fault = failBeforeRun.getAsInt();
    if (fault != 0) {
      return Answer.error(fault, fault == 429 ? "rate_limited" : "unavailable", "the devnet gateway was told to answer "
          + fault + " (a gateway fault)", requestId, List.of()).withHeader("Retry-After", "0");
    }
    JsonFields fields = new JsonFields();
    InferenceRequest request = InferenceRequest.read(body, fields);
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    if (key != null && (key.isEmpty() || key.length() > 255)) {
      fields.problem("Idempotency-Key", "maxLength", "1 to 255 characters");
    }
    if (!fields.problems().isEmpty()) {
      return Answer.error(400, "invalid_request", "the inference request has " + fields.problems().size()
          + " problem(s)", requestId, fields.problems());
    }
    Optional<Deployment> found = RESOURCE_ID.matcher(deploymentId).matches() ? deployments.get(deploymentId)
        : Optional.empty();
    if (found.isEmpty()) {
      return Deployments.notFound(deploymentId, requestId);
    }
    Deployment deployment = found.get();
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    boolean stream = request.stream() || AcceptHeader.prefersEventStream(accept);
    String scoped = key == null ? null : deployment.id() + "\n" + key;
    InferenceRecord first = scoped == null ? null : byKey.get(scoped);
    if (first != null) {
      return repeat(exchange, first, stream);
    }
    if (deployment.status() != Deployment.Status.READY) {
      return Answer.error(409, "deployment_not_ready", "deployment " + deployment.id() + " is "
          + deployment.status().wireName() + ", not ready", requestId, List.of());
    }
    Set<Address> allowed = mayRun.apply(deployment.model());
    List<Map<String, Object>> unauthorized = deployment.nodes().stream().filter(a -> !allowed.contains(a))
        .map(a -> Query.problem(a.toString(), "grant", a + " holds no grant of " + deployment.model()
            + " in its current key epoch"))
        .toList();
    if (!unauthorized.isEmpty()) {
      return Answer.error(403, "node_not_authorized", unauthorized.size() + " node(s) of deployment " + deployment.id()
          + " may no longer run " + deployment.model() + ": nothing was sent to any node; deploy again on "
          + "authorized nodes", requestId, unauthorized);
    }
    long unitsIn = request.unitsIn();
    BigDecimal upFront = Deployments.PRICE_PER_UNIT.multiply(BigDecimal.valueOf(unitsIn))
        .multiply(BigDecimal.valueOf(deployment.nodes().size()));
    if (deployment.lockRemaining().compareTo(upFront) < 0) {
      return Answer.error(402, "lock_exhausted", "the deployment's lock has " + JsonFields.plain(
          deployment.lockRemaining()) + " left, less than the " + JsonFields.plain(upFront) + " the units in cost on "
          + deployment.nodes().size() + " node(s)", requestId, List.of());
    }
    InferenceRecord record = new InferenceRecord("inf-" + ids.incrementAndGet(), deployment, clock.instant(),
        requestId);
    record.onEnd(onEnd);
    if (scoped != null) {
      InferenceRecord raced = byKey.putIfAbsent(scoped, record);
      if (raced != null) {
        return repeat(exchange, raced, stream);
      }
    }
    byId.put(record.id(), record);
    boolean receipts = request.receiptsRequired() == null ? deployment.spec().receiptsRequired()
        : request.receiptsRequired();
    runner.start(record, request.input(), unitsIn, receipts);
    if (stream) {
      stream(exchange, record, true);
      return null;
    }
    Answer answer = awaitAnswer(record);
    return failAfterRun.getAsBoolean() ? afterRunFault(requestId) : answer;
  }

  private Answer repeat(HttpExchange exchange, InferenceRecord first, boolean stream) throws IOException {
    if (stream) {
      stream(exchange, first, false);
      return null;
    }
    return awaitAnswer(first);
  }

  private Answer awaitAnswer(InferenceRecord record) {
    try {
      if (!record.awaitEnd(record.deployment().spec().totalMs() + GRACE_MS)) {
        return Answer.error(504, "timeout", "inference " + record.id() + " has not ended", record.requestId(),
            List.of());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Answer.error(503, "unavailable", "the devnet gateway is stopping", record.requestId(), List.of());
    }
    return record.answer();
  }

  private static Answer afterRunFault(String requestId) {
    return Answer.error(503, "unavailable", "the devnet gateway was told to answer 503 after the inference ran "
        + "(a gateway fault); its outcome is kept under the Idempotency-Key", requestId, List.of())
        .withHeader("Retry-After", "0");
  }

  /** Streams {@code record}: {@code ack}, its chunks when {@code live}, then {@code done} or {@code error}. */
  private void stream(HttpExchange exchange, InferenceRecord record, boolean live) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    Deployment deployment = record.deployment();
    OptionalInt dropAfter = nodes.get(deployment.nodes().get(0)).faults().dropsStreamAfter();
    try (OutputStream out = exchange.getResponseBody()) {
      EventStream events = new EventStream(out, json, "POST", TEMPLATE);
      events.event("ack", ack(record));
      long index = 0;
      while (live) {
        if (dropAfter.isPresent() && index >= dropAfter.getAsInt()) {
          return;
        }
        Object next = record.events().poll(KEEP_ALIVE_MS, TimeUnit.MILLISECONDS);
        if (next == null) {
          events.keepAlive();
        } else if (next == InferenceRecord.END) {
          break;
        } else {
          @SuppressWarnings("unchecked")
          Map<String, Object> chunk = new LinkedHashMap<>((Map<String, Object>) next);
          chunk.put("index", index++);
          events.event("chunk", chunk);
        }
      }
      while (!record.awaitEnd(KEEP_ALIVE_MS)) {
        events.keepAlive();
      }
      if (live && failAfterRun.getAsBoolean()) {
        return;
      }
      Answer answer = record.answer();
      events.event(answer.status() == 200 ? "done" : "error", answer.body());
    } catch (IOException e) {
      record.cancel(clock.instant());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      record.cancel(clock.instant());
    }
  }

  private static Map<String, Object> ack(InferenceRecord record) {
    Map<String, Object> ack = new LinkedHashMap<>();
    ack.put("id", record.id());
    ack.put("deployment", record.deployment().id());
    ack.put("model", record.deployment().model().toString());
    ack.put("version", record.deployment().version().text());
    ack.put("nodes", record.deployment().nodes().stream().map(Object::toString).toList());
    ack.put("startedAt", record.startedAt().toString());
    return ack;
  }

  /** {@code GET /v1/inferences/{id}}. */
  public Answer read(String id, String requestId) {
    return find(id).map(r -> new Answer(200, r.toJson())).orElseGet(() -> notFound(id, requestId));
  }

  /** {@code DELETE /v1/inferences/{id}}: cancelled, or unchanged when it had ended. */
  public Answer cancel(String id, String requestId) {
    Optional<InferenceRecord> record = find(id);
    record.ifPresent(r -> r.cancel(clock.instant()));
    return record.map(r -> new Answer(200, r.toJson())).orElseGet(() -> notFound(id, requestId));
  }

  /** Cancels every running inference of deployment {@code deploymentId}. */
  public void cancelAll(String deploymentId) {
    byId.values().stream().filter(r -> r.deployment().id().equals(deploymentId))
        .forEach(r -> r.cancel(clock.instant()));
  }

  private Optional<InferenceRecord> find(String id) {
    return RESOURCE_ID.matcher(id).matches() ? Optional.ofNullable(byId.get(id)) : Optional.empty();
  }

  private static Answer notFound(String id, String requestId) {
    return Answer.error(404, "inference_not_found", "no inference '" + id + "'", requestId, List.of());
  }
}
