package ai.nesa.aivm.sdk;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Clients and answers for MockWebServer tests: no real sleeping, a fixed clock, fixed jitter. */
public final class TestClients {
  /** The instant the fixed test clock shows. */
  public static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private TestClients() {}

  public static AivmClient.Builder builder(MockWebServer server, RecordingSleeper sleeper) {
    return AivmClient.builder()
        .gateway(server.url("/").uri())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .sleeper(sleeper)
        .random(new Random(42));
  }

  public static MockResponse json(int status, String body) {
    return new MockResponse.Builder()
        .code(status)
        .addHeader("Content-Type", "application/json")
        .addHeader("X-Request-Id", "req_" + status)
        .body(body)
        .build();
  }

  public static MockResponse fixture(String name) {
    return json(200, Fixtures.read(name));
  }
}
