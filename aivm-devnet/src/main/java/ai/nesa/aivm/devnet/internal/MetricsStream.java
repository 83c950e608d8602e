package ai.nesa.aivm.devnet.internal;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/metrics/events}: the live event log as a {@code text/event-stream}, filtered, from
 * now or after a {@code Last-Event-ID}. Each event is {@code id:}, {@code event:} (its kind) and
 * one {@code data:} line; a {@code gap} event (no id, data {@code {"from","to"}}) comes first when
 * the events after the client's id are no longer held, or when the reader falls behind the ring
 * while it streams, so a slow client costs the gateway no memory. Events are written as they come
 * and flushed when no more are waiting; a {@code : keep-alive} comment follows each idle second.
 * The stream ends when the client goes away or the gateway closes.
 */
public final class MetricsStream {
  static final String TEMPLATE = "/v1/metrics/events";
  private static final Set<String> QUERY = Set.of("model", "version", "deployment", "node", "kind");
  private static final Set<String> KINDS = Set.of("inference_started", "inference_completed", "inference_failed",
      "deployment_changed", "version_published", "access_granted", "access_revoked");
  private static final int BATCH = 512;
  private static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final MetricsLog log;
  private final IntSupplier dropEvery;
  private volatile boolean closed;

  /** @param dropEvery after how many events a connection is dropped (a fault switch); 0 for never */
  public MetricsStream(MetricsLog log, IntSupplier dropEvery) {
    this.log = log;
    this.dropEvery = dropEvery;
  }

  /** Ends every stream at its next wait. */
  public void close() {
    closed = true;
  }

  /** Serves one stream; an answer for a bad request, null once a stream was written. */
  public Answer serve(HttpExchange exchange, String requestId) throws IOException {
    Map<String, List<String>> query = Query.parse(exchange.getRequestURI().getRawQuery());
    List<Map<String, Object>> problems = new ArrayList<>();
    for (String name : query.keySet()) {
      if (!QUERY.contains(name)) {
        problems.add(Query.problem(name, "unknown", "not a parameter of GET " + TEMPLATE));
      }
    }
    String model = valid(query, "model", ModelId::of, "org/model", problems);
    String version = valid(query, "version", Semver::of, "a semver version", problems);
    String node = valid(query, "node", Address::of, "0x and 40 hex digits", problems);
    String deployment = valid(query, "deployment", d -> {
      if (!RESOURCE_ID.matcher(d).matches()) {
        throw new IllegalArgumentException(d);
      }
      return d;
    }, "a deployment id (1 to 64 letters, digits, '_' or '-')", problems);
    List<String> kinds = query.getOrDefault("kind", List.of());
    for (String kind : kinds) {
      if (!KINDS.contains(kind)) {
        problems.add(Query.problem("kind", "enum", "'" + kind + "' is not an event kind: " + String.join(", ",
            KINDS.stream().sorted().toList())));
      }
    }
    String last = exchange.getRequestHeaders().getFirst("Last-Event-ID");
    long position = log.now();
    if (last != null) {
      try {
        position = log.positionAfter(last.trim());
      } catch (IllegalArgumentException e) {
        problems.add(Query.problem("Last-Event-ID", "id", e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      return Answer.error(400, "invalid_parameter", "GET " + TEMPLATE + ": " + problems.size() + " bad parameter(s)",
          requestId, problems);
    }
    Filter filter = new Filter(model, version, deployment, node, Set.copyOf(kinds));
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
      stream(out, filter, position, last);
    } catch (IOException e) {
      // the client went away: the stream ends
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  private void stream(OutputStream out, Filter filter, long position, String lastSent)
      throws IOException, InterruptedException {
    String last = lastSent;
    boolean first = true;
    int sent = 0;
    long idleSince = System.nanoTime();
    while (!closed) {
      MetricsLog.Batch batch = log.read(position, BATCH, first ? 0 : 1000);
      first = false;
      if (batch.gap() && (last != null || position >= 0)) {
        // the next event this client is sent: the first after the gap that passes its filter
        String to = batch.entries().stream().filter(filter::matches).map(MetricsLog.Entry::id).findFirst()
            .orElse(null);
        String data = log.gapJson(last == null ? log.idOf(position) : last, to);
        GatewayTap.streamed("GET", TEMPLATE, "gap", data);
        out.write(("event: gap\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
      }
      position = batch.position();
      for (MetricsLog.Entry e : batch.entries()) {
        last = e.id();
        if (filter.matches(e)) {
          GatewayTap.streamed("GET", TEMPLATE, e.kind(), e.json());
          out.write(e.frame());
          int drop = dropEvery.getAsInt();
          if (drop > 0 && ++sent >= drop) {
            out.flush();
            return; // the fault: the connection ends here, after this event
          }
        }
      }
      if (batch.entries().isEmpty()) {
        if (System.nanoTime() - idleSince >= 1_000_000_000L) {
          out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
          idleSince = System.nanoTime();
        }
        out.flush();
      } else {
        idleSince = System.nanoTime();
        if (batch.entries().size() < BATCH) {
          out.flush(); // caught up: send what is written
        }
      }
    }
  }

  private static String valid(Map<String, List<String>> query, String name, Function<String, ?> parse,
      String what, List<Map<String, Object>> problems) {
    String value = Query.one(query, name);
    if (value == null) {
      return null;
    }
    try {
      return parse.apply(value).toString();
    } catch (RuntimeException e) {
      problems.add(Query.problem(name, "pattern", "'" + value + "' is not " + what));
      return null;
    }
  }

  private record Filter(String model, String version, String deployment, String node, Set<String> kinds) {
    boolean matches(MetricsLog.Entry e) {
      return (model == null || model.equals(e.model())) && (version == null || version.equals(e.version()))
          && (deployment == null || deployment.equals(e.deployment()))
          && (node == null || node.equalsIgnoreCase(e.node() == null ? "" : e.node()))
          && (kinds.isEmpty() || kinds.contains(e.kind()));
    }
  }
}
