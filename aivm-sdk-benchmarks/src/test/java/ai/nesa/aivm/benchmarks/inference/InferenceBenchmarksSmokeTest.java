package ai.nesa.aivm.benchmarks.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.sdk.contract.GatewayContract;
import ai.nesa.aivm.sdk.inference.InferenceOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The inference benchmarks' code paths with a handful of calls, so the figures they print at full
 * size mean something: the baselines send what the SDK sends, every answer is checked, the canned
 * stream is what the gateway document allows. No timing is asserted. A few seconds.
 */
class InferenceBenchmarksSmokeTest {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theRoundTripBenchmarkChecksEveryAnswerOfEverySide() throws Exception {
    InferRoundTripBenchmark.Result result = InferRoundTripBenchmark.run(5, 1, 0.2, 3, out);

    assertTrue(result.p50Sdk() > 0 && result.throughputSdk() > 0 && result.throughputSkip() > 0, printed());
    assertTrue(result.calls() >= 3 * (3 + 5), printed());
    assertTrue(printed().contains("p50 ratio sdk/raw "), printed());
    assertTrue(printed().contains("throughput ratio sdk/raw (16 callers)"), printed());
  }

  @Test
  void theRawBaselineSendsTheSdksBodyAndTheDevnetAnswersIt() throws Exception {
    try (ClassifierDevnet devnet = ClassifierDevnet.start()) {
      SdkRequestCapture.Captured sent = SdkRequestCapture.infer(devnet.deploymentId(), ClassifierDevnet.input(),
          InferenceOptions.defaults());
      String body = new String(sent.body(), StandardCharsets.UTF_8);

      assertEquals("/v1/deployments/" + devnet.deploymentId() + "/inferences", sent.path());
      assertEquals(List.of(), GatewayContract.get().schemaViolations("InferenceRequest", body), body);
      assertTrue(sent.header("idempotency-key") != null, "the SDK sends a key; the baseline sends a fresh one too");
      try (RawInferenceClient raw = new RawInferenceClient(devnet.gateway(), sent.path(), sent.body(),
          sent.header("user-agent"))) {
        long before = devnet.inferencesRun();
        Map<String, Object> result = raw.infer();
        assertEquals(1, RawInferenceClient.receipts(result));
        assertEquals(before + 1, devnet.inferencesRun(), "a fresh key runs the inference again");
      }
    }
  }

  @Test
  void theOnnxBenchmarksLogitsAreTheSdks() throws Exception {
    OnnxOverheadBenchmark.Result result = OnnxOverheadBenchmark.run(5, 1, 3, out);

    assertTrue(result.logitsAgree(), printed());
    assertTrue(result.ortP50Nanos() > 0 && result.sdkP50Nanos() > result.ortP50Nanos(), printed());
  }

  @Test
  void theStreamBenchmarkSeesEveryEventOnBothSides() throws Exception {
    StreamParseBenchmark.Result result = StreamParseBenchmark.run(1_000, 1, out);

    assertTrue(result.countsRight(), printed());
    assertTrue(printed().contains("events/s ratio sdk/raw = "), printed());
  }

  @Test
  void theCannedStreamsEventsAreWhatTheGatewayDocumentAllows() {
    GatewayContract contract = GatewayContract.get();

    assertEquals(List.of(), contract.schemaViolations("InferenceAck", CannedEventStream.ackData()));
    assertEquals(List.of(), contract.schemaViolations("InferenceChunk", CannedEventStream.chunkData(7)));
    assertEquals(List.of(), contract.schemaViolations("InferenceDone", CannedEventStream.doneData(3)));
    String stream = new String(CannedEventStream.bytes(2), StandardCharsets.UTF_8);
    assertEquals("event: ack\ndata: " + CannedEventStream.ackData() + "\n\n"
        + "event: chunk\ndata: {\"index\":0,\"text\":\"tok\"}\n\n"
        + "event: chunk\ndata: {\"index\":1,\"text\":\"tok\"}\n\n"
        + "event: done\ndata: " + CannedEventStream.doneData(2) + "\n\n", stream);
  }
}
