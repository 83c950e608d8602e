package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client of a devnet gateway for tests (not the SDK's): JSON calls that check the
 * status, and event streams read event by event. The contract is checked by {@link ContractTap}.
 */
final class GatewayCalls {
  static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration POLL = Duration.ofMillis(5);

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;

  GatewayCalls(LocalAivmNetwork devnet) {
    this.base = devnet.gateway();
  }

  /** One server-sent event. */
  record Event(String name, JsonNode data) {}

  HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(WAIT)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode call(String method, String path, String body, int status, String... headers) throws Exception {
    HttpResponse<String> response = send(method, path, body, headers);
    assertEquals(status, response.statusCode(), method + " " + path + ": " + response.body());
    return MAPPER.readTree(response.body());
  }

  JsonNode get(String path, int status) throws Exception {
    return call("GET", path, null, status);
  }

  JsonNode post(String path, String body, int status, String... headers) throws Exception {
    return call("POST", path, body, status, headers);
  }

  JsonNode delete(String path, int status) throws Exception {
    return call("DELETE", path, null, status);
  }

  /** Creates a deployment from {@code request} and waits until it is ready; its id. */
  String deployReady(String request) throws Exception {
    String id = post("/v1/deployments", request, 201).get("id").asString();
    awaitDeployment(id, d -> d.get("status").asString().equals("ready"));
    return id;
  }

  /** Polls the deployment until {@code done} holds; the last answer. */
  JsonNode awaitDeployment(String id, Predicate<JsonNode> done) throws Exception {
    return await("/v1/deployments/" + id, done);
  }

  /** Polls {@code path} until {@code done} holds on its answer, for up to 20 s; the last answer. */
  JsonNode await(String path, Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      JsonNode answer = get(path, 200);
      if (done.test(answer)) {
        return answer;
      }
      if (System.nanoTime() > deadline) {
        fail(path + " did not get there: " + answer);
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }

  /** Polls {@code condition} until it holds, for up to 20 s. */
  static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("waited 20 s for " + what);
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }

  /** POSTs {@code body} asking for a stream and reads it to its end; its events (keep-alives skipped). */
  List<Event> stream(String path, String body, String... headers) throws Exception {
    HttpResponse<InputStream> response = openStream(path, body, headers);
    try (EventReader events = new EventReader(response.body())) {
      List<Event> out = new ArrayList<>();
      for (Event e = events.next(); e != null; e = events.next()) {
        out.add(e);
      }
      return out;
    }
  }

  HttpResponse<InputStream> openStream(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(WAIT)
        .header("Accept", "text/event-stream").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    HttpResponse<InputStream> response = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElse(""));
    return response;
  }

  /** Reads server-sent events one by one. */
  static final class EventReader implements AutoCloseable {
    private final BufferedReader in;

    EventReader(InputStream in) {
      this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** The next event, or null at the stream's end. */
    Event next() throws IOException {
      String name = null;
      String data = null;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith(":")) {
          continue;
        }
        if (line.isEmpty()) {
          if (name != null) {
            return new Event(name, MAPPER.readTree(data));
          }
          continue;
        }
        if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          if (data != null) {
            throw new AssertionError("an event has more than one data line: " + data);
          }
          data = line.substring(6);
        } else {
          throw new AssertionError("not an event line: " + line);
        }
      }
      if (name != null) {
        throw new AssertionError("the stream ended inside event " + name);
      }
      return null;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
