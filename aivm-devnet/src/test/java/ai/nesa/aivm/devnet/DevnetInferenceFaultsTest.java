package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.devnet.GatewayCalls.Event;
import ai.nesa.aivm.devnet.GatewayCalls.EventReader;
import ai.nesa.aivm.sdk.inference.Receipt;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** What the devnet gateway does when nodes lie, stall, cut streams, or the gateway itself is told to fail. */
@ExtendWith(ContractTap.class)
class DevnetInferenceFaultsTest {
  private static final String HAPPY = "{\"input\":{\"type\":\"text\",\"text\":\"a wonderful happy result\"}}";
  private static final String LONG = "{\"input\":{\"type\":\"text\",\"text\":\"the node\",\"maxTokens\":256}}";

  private LocalAivmNetwork devnet;
  private GatewayCalls gateway;

  @BeforeEach
  void setUp() {
    devnet = LocalAivmNetwork.builder().nodes(3).start();
    gateway = new GatewayCalls(devnet);
    TinyKernels.classifier(devnet, "acme/sentiment");
    TinyKernels.generator(devnet, "acme/bigram");
  }

  @AfterEach
  void tearDown() {
    devnet.close();
  }

  private DevnetNode node(int i) {
    return devnet.nodes().get(i);
  }

  private String inferences(String dep) {
    return "/v1/deployments/" + dep + "/inferences";
  }

  private List<Long> runs() {
    return devnet.nodes().stream().map(DevnetNode::inferencesRun).toList();
  }

  /** Polls until no node runs an inference: their runs have ended, cancelled or not. */
  private void awaitNodesIdle() {
    GatewayCalls.awaitTrue(() -> devnet.nodes().stream().allMatch(n -> n.runningInferences() == 0), "idle nodes");
  }

  @Test
  void oneLiarOfThreeIsOutvotedAndNamedAsADissenter() throws Exception {
    String dep = gateway.deployReady("{\"model\":\"acme/sentiment\",\"preset\":\"verified\"}");
    JsonNode honest = gateway.post(inferences(dep), HAPPY, 200);
    node(2).faults().lie();
    JsonNode result = gateway.post(inferences(dep), HAPPY, 200);
    assertEquals(honest.get("output"), result.get("output"), "the majority's output");
    assertEquals(2, result.get("consensus").get("agreeing").asInt());
    assertEquals(3, result.get("consensus").get("total").asInt());
    assertEquals(List.of(node(2).address().toString()), InferenceAnswers.strings(result.get("consensus")
        .get("dissenters")));
    List<Receipt> receipts = InferenceAnswers.receipts(result);
    assertEquals(3, receipts.size(), "the dissenter's receipt too");
    assertNotEquals(receipts.get(0).outputHash(), receipts.get(2).outputHash(), "the liar signed its lie");
    assertTrue(receipts.get(2).isSignedBy(devnet.ledger().domain()));
  }

  @Test
  void threeDifferentOutputsFailConsensusNamingEveryNodesHash() throws Exception {
    String dep = gateway.deployReady("{\"model\":\"acme/sentiment\",\"preset\":\"verified\"}");
    node(1).faults().lie(1);
    node(2).faults().lie(2);
    JsonNode failed = gateway.post(inferences(dep), HAPPY, 422);
    assertEquals("consensus_failed", failed.get("error").get("code").asString());
    JsonNode details = failed.get("error").get("details");
    assertEquals(3, details.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(node(i).address().toString(), details.get(i).get("path").asString());
      assertEquals("output_hash", details.get(i).get("rule").asString());
    }
    JsonNode stored = gateway.get("/v1/inferences/inf-1", 200);
    assertEquals("failed", stored.get("status").asString());
    assertEquals("consensus_failed", stored.get("error").get("code").asString());
  }

  @Test
  void kOfNFailsWhenFewerThanKAgree() throws Exception {
    String dep = gateway.deployReady(
        "{\"model\":\"acme/bigram\",\"consensus\":{\"policy\":\"k_of_n\",\"k\":3,\"n\":3}}");
    node(0).faults().lie();
    assertEquals("consensus_failed", gateway.post(inferences(dep), LONG.replace("256", "4"), 422)
        .get("error").get("code").asString());
    node(0).faults().clear();
    assertEquals(3, gateway.post(inferences(dep), LONG.replace("256", "4"), 200).get("consensus").get("agreeing")
        .asInt());
  }

  @Test
  void aNodeSlowerThanTotalMsIsATimeoutAndItsRunIsCancelled() throws Exception {
    String dep = gateway.deployReady("{\"model\":\"acme/sentiment\",\"preset\":\"verified\","
        + "\"timeouts\":{\"totalMs\":200}}");
    node(2).faults().slow(Duration.ofSeconds(30));
    long started = System.nanoTime();
    JsonNode timeout = gateway.post(inferences(dep), HAPPY, 504);
    assertEquals("timeout", timeout.get("error").get("code").asString());
    assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10), "not the slow node's 30 s");
    awaitNodesIdle();
    assertEquals("failed", gateway.get("/v1/inferences/inf-1", 200).get("status").asString());
  }

  @Test
  void aStreamCutByItsNodeEndsWithoutDoneAndTheInferenceStillCompletes() throws Exception {
    String dep = gateway.deployReady("{\"model\":\"acme/bigram\"}");
    node(0).faults().dropStreamAfter(2);
    List<Event> events = gateway.stream(inferences(dep), LONG.replace("256", "8"));
    assertEquals(List.of("ack", "chunk", "chunk"), events.stream().map(Event::name).toList());
    JsonNode completed = gateway.await("/v1/inferences/" + events.get(0).data().get("id").asString(),
        i -> !i.get("status").asString().equals("running"));
    assertEquals("completed", completed.get("status").asString());
    assertEquals(" the the", completed.get("result").get("output").get("text").asString());
  }

  @Test
  void deletingAnInferenceCancelsItsGenerationAndEndsItsStreamWithAnError() throws Exception {
    String dep = gateway.deployReady("{\"model\":\"acme/bigram\"}");
    node(0).faults().slow(Duration.ofMillis(20));
    HttpResponse<InputStream> response = gateway.openStream(inferences(dep), LONG);
    try (EventReader events = new EventReader(response.body())) {
      String id = events.next().data().get("id").asString();
      assertEquals("chunk", events.next().name());
      assertEquals("cancelled", gateway.delete("/v1/inferences/" + id, 200).get("status").asString());
      Event last = events.next();
      while (last.name().equals("chunk")) {
        last = events.next();
      }
      assertEquals("error", last.name());
      assertEquals("cancelled", last.data().get("error").get("code").asString());
      assertNull(events.next(), "error is the last event");
      assertEquals("cancelled", gateway.delete("/v1/inferences/" + id, 200).get("status").asString(), "unchanged");
    }
    awaitNodesIdle();
    assertTrue(node(0).tokensGenerated() < 256, "generation stopped after " + node(0).tokensGenerated() + " tokens");
  }

  @Test
  void aClientThatGoesAwayMidStreamCancelsTheInference() throws Exception {
    String dep = gateway.deployReady("{\"model\":\"acme/bigram\"}");
    node(0).faults().slow(Duration.ofMillis(20));
    URI uri = devnet.gateway();
    byte[] body = LONG.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + inferences(dep) + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nAccept: text/event-stream\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      for (String line = in.readLine(); !"event: chunk".equals(line); line = in.readLine()) {
        assertTrue(line != null, "the stream ended before its first chunk");
      }
    }
    JsonNode cancelled = gateway.await("/v1/inferences/inf-1", i -> !i.get("status").asString().equals("running"));
    assertEquals("cancelled", cancelled.get("status").asString());
    awaitNodesIdle();
    assertTrue(node(0).tokensGenerated() < 256, "generation stopped after " + node(0).tokensGenerated() + " tokens");
  }

  @Test
  void deletingADeploymentCancelsItsRunningInference() throws Exception {
    String dep = gateway.deployReady("{\"model\":\"acme/bigram\"}");
    node(0).faults().slow(Duration.ofMillis(20));
    CompletableFuture<JsonNode> running = CompletableFuture.supplyAsync(() -> {
      try {
        return gateway.post(inferences(dep), LONG, 409);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    GatewayCalls.awaitTrue(() -> node(0).runningInferences() == 1, "the inference to run");
    gateway.delete("/v1/deployments/" + dep, 200);
    assertEquals("cancelled", running.get(20, TimeUnit.SECONDS).get("error").get("code").asString());
    assertEquals("cancelled", gateway.get("/v1/inferences/inf-1", 200).get("status").asString());
  }

  @Test
  void aRepeatedIdempotencyKeyAnswersTheFirstInferenceAndRunsNothing() throws Exception {
    String dep = gateway.deployReady("{\"model\":\"acme/sentiment\",\"preset\":\"verified\"}");
    JsonNode first = gateway.post(inferences(dep), HAPPY, 200, "Idempotency-Key", "key-1");
    List<Long> after = runs();
    assertEquals(List.of(1L, 1L, 1L), after);
    assertEquals(first, gateway.post(inferences(dep), HAPPY, 200, "Idempotency-Key", "key-1"));
    List<Event> replay = gateway.stream(inferences(dep), HAPPY, "Idempotency-Key", "key-1");
    assertEquals(List.of("ack", "done"), replay.stream().map(Event::name).toList());
    assertEquals(first, replay.get(1).data());
    assertEquals(after, runs(), "no node ran again");
    assertNotEquals(first.get("id"), gateway.post(inferences(dep), HAPPY, 200, "Idempotency-Key", "key-2").get("id"));
  }

  @Test
  void a503AfterTheRunIsRetriedWithItsKeyToTheStoredOutcome() throws Exception {
    String dep = gateway.deployReady("{\"model\":\"acme/sentiment\"}");
    devnet.faults().failAfterRun(1);
    HttpResponse<String> lost = gateway.send("POST", inferences(dep), HAPPY, "Idempotency-Key", "retry-me");
    assertEquals(503, lost.statusCode());
    assertEquals("0", lost.headers().firstValue("Retry-After").orElse(""));
    assertEquals(1, node(0).inferencesRun());
    JsonNode retried = gateway.post(inferences(dep), HAPPY, 200, "Idempotency-Key", "retry-me");
    assertEquals("inf-1", retried.get("id").asString());
    assertEquals(1, node(0).inferencesRun(), "the node did not run twice");
  }

  @Test
  void a429BeforeTheRunRunsNothing() throws Exception {
    String dep = gateway.deployReady("{\"model\":\"acme/sentiment\",\"preset\":\"verified\"}");
    devnet.faults().failBeforeRun(1, 429).failBeforeRun(1, 503);
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> refused = gateway.send("POST", inferences(dep), HAPPY, "Idempotency-Key", "k");
      statuses.add(refused.statusCode());
      assertEquals("0", refused.headers().firstValue("Retry-After").orElse(""));
    }
    assertEquals(List.of(429, 503), statuses);
    assertEquals(List.of(0L, 0L, 0L), runs(), "nothing ran");
    assertEquals("inf-1", gateway.post(inferences(dep), HAPPY, 200, "Idempotency-Key", "k").get("id").asString());
  }
}
