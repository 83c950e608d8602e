package ai.nesa.aivm.sdk.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.nesa.aivm.sdk.metrics.MetricsEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The feed's fast path gives what the general codec gives, or steps aside. */
class EventFastPathTest {
  private static final Instant RECEIVED = Instant.parse("2026-12-07T12:00:00Z");
  private static final String NODE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

  private static String completed(String id, String time, double latency, String cost) {
    return "{\"id\":\"" + id + "\",\"kind\":\"inference_completed\",\"time\":\"" + time + "\",\"model\":\"acme/m\","
        + "\"version\":\"1.2.0\",\"deployment\":\"dep-1\",\"inference\":\"inf-3\",\"node\":\"" + NODE
        + "\",\"latencyMs\":" + latency + ",\"unitsIn\":24,\"unitsOut\":3,\"cost\":\"" + cost + "\"}";
  }

  @Test
  void everyCompactKindIsReadFastAndAsTheCodecReadsIt() throws Exception {
    List<String[]> samples = List.of(
        new String[] {"inference_completed", completed("a-1", "2026-12-07T12:00:01.123456Z", 0.412, "0.000027")},
        new String[] {"inference_completed", completed("a-2", "2026-12-07T12:00:02Z", 12.0, "1")},
        new String[] {"inference_completed", completed("a-3", "2026-12-08T00:00:00.5Z", 3, "0.5")},
        new String[] {"inference_started", "{\"id\":\"a-4\",\"kind\":\"inference_started\",\"time\":\"2026-12-07T12:00:03Z\","
            + "\"model\":\"acme/m\",\"version\":\"1.2.0\",\"deployment\":\"dep-1\",\"inference\":\"inf-4\",\"node\":\""
            + NODE + "\"}"},
        new String[] {"deployment_changed", "{\"id\":\"a-5\",\"kind\":\"deployment_changed\",\"time\":\"2026-12-07T12:00:04Z\","
            + "\"model\":\"acme/m\",\"version\":\"1.2.0\",\"deployment\":\"dep-1\",\"deploymentStatus\":\"ready\"}"},
        new String[] {"version_published", "{\"kind\":\"version_published\",\"model\":\"acme/m\",\"version\":\"2.0.0-rc.1\","
            + "\"id\":\"a-6\",\"time\":\"2026-12-07T12:00:05Z\"}"},
        new String[] {"access_granted", "{\"id\":\"a-7\",\"kind\":\"access_granted\",\"time\":\"2026-12-07T12:00:06Z\","
            + "\"model\":\"acme/m\",\"node\":\"" + NODE + "\",\"extra\":\"ignored\",\"more\":12}"},
        new String[] {"access_revoked", "{\"id\":\"a-8\",\"kind\":\"access_revoked\",\"time\":\"2026-12-07T12:00:07Z\","
            + "\"model\":\"acme/m\",\"node\":\"" + NODE + "\"}"});
    EventFastPath fast = new EventFastPath();
    for (String[] s : samples) {
      MetricsEvent quick = fast.read(s[0], s[1].getBytes(StandardCharsets.UTF_8));
      assertNotNull(quick, s[1]);
      assertEquals(MetricsJson.event(s[0], s[1], RECEIVED), quick, s[1]);
    }
  }

  @Test
  void anythingElseIsLeftToTheCodec() {
    EventFastPath fast = new EventFastPath();
    String good = completed("a-1", "2026-12-07T12:00:01Z", 0.5, "0.1");
    List<String> others = List.of(
        good.replace("inf-3", "inf-\\u0033"),                      // an escape
        good.replace("{\"id\"", "{ \"id\""),                          // whitespace
        good.replace("\"unitsIn\":24", "\"unitsIn\":2.4e1"),          // not a plain integer
        good.replace("\"model\":\"acme/m\"", "\"modex\":\"acme/m\""),  // a key of a known length, unknown
        good.replace(NODE, "0x12"),                                   // a bad address
        good.replace("\"kind\":\"inference_completed\"", "\"kind\":\"inference_started\""),
        good.replace("}", ",\"error\":{\"code\":\"x\"}}"),             // a nested value
        good.replace("\"unitsOut\":3,", ""),                          // a required field gone
        good.substring(0, good.length() - 1));                        // cut off
    for (String data : others) {
      assertNull(fast.read("inference_completed", data.getBytes(StandardCharsets.UTF_8)), data);
    }
    String failed = "{\"id\":\"a-9\",\"kind\":\"inference_failed\",\"time\":\"2026-12-07T12:00:01Z\",\"model\":\"acme/m\","
        + "\"version\":\"1.2.0\",\"deployment\":\"dep-1\",\"inference\":\"inf-3\",\"node\":\"" + NODE
        + "\",\"latencyMs\":3,\"error\":{\"code\":\"node_failed\",\"message\":\"no\"}}";
    assertNull(fast.read("inference_failed", failed.getBytes(StandardCharsets.UTF_8)), "a failure is the codec's");
  }

  @Test
  void latenciesAreTheDoublesParseDoubleGivesAndValuesThatRepeatAreReadAfresh() throws Exception {
    EventFastPath fast = new EventFastPath();
    Random random = new Random(11);
    List<String> costs = new ArrayList<>(List.of("0.1", "0.2", "0.10"));
    for (int i = 0; i < 2_000; i++) {
      double latency = random.nextInt(10_000_000) / 1000.0;
      String cost = costs.get(i % costs.size());
      String data = completed("a-" + i, "2026-12-0" + (7 + i % 2) + "T12:00:01.5Z", latency, cost);
      MetricsEvent.InferenceCompleted c = (MetricsEvent.InferenceCompleted) fast.read("inference_completed",
          data.getBytes(StandardCharsets.UTF_8));
      assertEquals(Double.parseDouble(String.valueOf(latency)), c.latencyMs(), 0.0, data);
      assertEquals(cost, c.cost().toPlainString(), "0.1 and 0.10 are told apart");
      assertEquals(MetricsJson.event("inference_completed", data, RECEIVED), c, data);
    }
  }
}
