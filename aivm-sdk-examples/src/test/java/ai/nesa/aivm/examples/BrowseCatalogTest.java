package ai.nesa.aivm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.sdk.TestClients;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** BrowseCatalog runs against a gateway and prints what it found, or says what was wrong. */
class BrowseCatalogTest {
  @StartStop
  private final MockWebServer server = new MockWebServer();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private String gateway() {
    return "http://" + server.getHostName() + ":" + server.getPort() + "/";
  }

  private int run(String... args) {
    return BrowseCatalog.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void printsAFilteredSearchAsATable() throws Exception {
    server.enqueue(TestClients.fixture("catalog/model-page.json"));
    server.enqueue(TestClients.fixture("catalog/model-page-last.json"));

    int code = run(gateway(), "task=text-classification", "min=accuracy:0.9", "sort=rating", "tag=english");

    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    String table = out.toString(StandardCharsets.UTF_8);
    assertTrue(table.lines().findFirst().orElseThrow().startsWith("MODEL"), table);
    assertTrue(table.contains("acme/sentiment-small") && table.contains("4,200,000") && table.contains("4.5 (12)"), table);
    assertTrue(table.contains("gamma/embedder"), table);
    assertTrue(table.contains("3 models from"), table);
    String target = server.takeRequest().getTarget();
    assertTrue(target.startsWith("/v1/models?"), target);
    assertTrue(target.contains("task=text-classification"), target);
    assertTrue(target.contains("minBenchmark=accuracy%3A0.9"), target);
    assertTrue(target.contains("sort=rating"), target);
  }

  @Test
  void aBadSearchIsExplainedAndNothingIsSent() {
    int code = run(gateway(), "params=100..1", "sort=stars");

    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("sort"), err.toString(StandardCharsets.UTF_8));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void maxStopsThePagerEarly() throws Exception {
    server.enqueue(TestClients.fixture("catalog/model-page.json"));

    assertEquals(0, run(gateway(), "max=1"));

    assertEquals(1, server.getRequestCount());
    RecordedRequest only = server.takeRequest();
    assertTrue(only.getTarget().startsWith("/v1/models?"), only.getTarget());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("1 model from"));
  }
}
