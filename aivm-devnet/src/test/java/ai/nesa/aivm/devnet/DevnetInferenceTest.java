package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.devnet.GatewayCalls.Event;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.inference.InferenceOutput;
import ai.nesa.aivm.sdk.inference.Receipt;
import ai.nesa.aivm.sdk.inference.TensorOutput;
import ai.nesa.aivm.sdk.inference.TextOutput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** Inference on the devnet gateway: JSON results, event streams, receipts and usage, held to the document. */
@ExtendWith(ContractTap.class)
class DevnetInferenceTest {
  private static final String HAPPY = "a wonderful happy result";

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

  private static String text(String text) {
    return "{\"input\":{\"type\":\"text\",\"text\":\"" + text + "\"}}";
  }

  private JsonNode infer(String deployment, String body) throws Exception {
    return gateway.post("/v1/deployments/" + deployment + "/inferences", body, 200);
  }

  @Test
  void aClassifierAnswersWhatOnnxRuntimeGivesWithAVerifiedReceiptFromEveryNode() throws Exception {
    String dep = gateway.deployReady("{\"model\":\"acme/sentiment\",\"preset\":\"verified\"}");
    JsonNode result = infer(dep, text(HAPPY));

    InferenceOutput output = InferenceAnswers.output(result);
    TensorOutput tensors = (TensorOutput) output;
    assertEquals("logits", tensors.tensors().get(0).name());
    assertArrayEquals(new long[] {1, 2}, tensors.tensors().get(0).shape());
    assertArrayEquals(InferenceAnswers.classifierLogits(HAPPY), tensors.tensors().get(0).asFloats(), "bit for bit");
    assertEquals(1, tensors.tensors().get(0).argmaxOfLastRow(), "positive");

    List<Receipt> receipts = InferenceAnswers.receipts(result);
    assertEquals(3, receipts.size());
    var published = devnet.ledger().version(ModelId.of("acme/sentiment"), Semver.of("0.1.0")).orElseThrow();
    List<String> signers = new ArrayList<>();
    for (Receipt r : receipts) {
      assertTrue(r.isSignedBy(devnet.ledger().domain()), r.toString());
      assertEquals(result.get("id").asString(), r.requestId());
      assertEquals(output.hash(), r.outputHash());
      assertEquals(InferenceInput.text(HAPPY).hash(), r.inputHash());
      assertEquals(published.manifestHash(), r.manifestHash());
      signers.add(r.node().toString());
    }
    assertEquals(InferenceAnswers.strings(gateway.get("/v1/deployments/" + dep, 200).get("nodes")), signers);

    JsonNode consensus = result.get("consensus");
    assertEquals("majority", consensus.get("policy").asString());
    assertEquals(3, consensus.get("agreeing").asInt());
    assertEquals(3, consensus.get("total").asInt());
    assertEquals(0, consensus.get("dissenters").size());

    JsonNode stored = gateway.get("/v1/inferences/" + result.get("id").asString(), 200);
    assertEquals("completed", stored.get("status").asString());
    assertEquals(result, stored.get("result"));
  }

  @Test
  void usageIsUnitsTimesPriceTimesNodesTakenFromTheLock() throws Exception {
    String dep = gateway.deployReady("{\"model\":\"acme/sentiment\",\"preset\":\"verified\"}");
    JsonNode usage = infer(dep, text("hello")).get("usage");
    assertEquals(5, usage.get("unitsIn").asLong(), "the text's UTF-8 bytes");
    assertEquals(2, usage.get("unitsOut").asLong(), "the logits' elements");
    assertEquals("0.000001", usage.get("pricePerUnit").asString());
    assertEquals("0.000021", usage.get("total").asString(), "(5 + 2) units x 0.000001 x 3 nodes");
    assertEquals("9.999979", usage.get("lockRemaining").asString());
    assertEquals("9.999958", infer(dep, text("hello")).get("usage").get("lockRemaining").asString());
  }

  @Test
  void anInferenceTheLockCannotPayForIsRefusedBeforeAnythingRuns() throws Exception {
    String dep = gateway.deployReady("{\"model\":\"acme/sentiment\",\"pricing\":{\"lockAmount\":\"0.00001\"}}");
    assertEquals("0.000006", infer(dep, text("hi")).get("usage").get("lockRemaining").asString(), "10 - (2 + 2) units");
    long runs = devnet.nodes().get(0).inferencesRun();
    JsonNode refused = gateway.post("/v1/deployments/" + dep + "/inferences", text("sevenxx"), 402);
    assertEquals("lock_exhausted", refused.get("error").get("code").asString());
    assertEquals(runs, devnet.nodes().get(0).inferencesRun(), "nothing ran");
    assertEquals("0", infer(dep, text("hello")).get("usage").get("lockRemaining").asString(),
        "5 units in are paid for; the units out take the lock down to zero, no further");
  }

  @Test
  void generatedTextStreamedTokenByTokenIsTheJsonAnswersText() throws Exception {
    String dep = gateway.deployReady("{\"model\":\"acme/bigram\"}");
    String body = "{\"input\":{\"type\":\"text\",\"text\":\"the node\",\"maxTokens\":12}}";
    JsonNode json = infer(dep, body);
    TextOutput text = (TextOutput) InferenceAnswers.output(json);
    assertEquals(" the the the", text.text(), "the bigram's likeliest bytes");
    assertEquals("length", text.finishReason());
    assertEquals(12, json.get("usage").get("unitsOut").asLong());

    List<Event> events = gateway.stream("/v1/deployments/" + dep + "/inferences", body);
    assertEquals("ack", events.get(0).name());
    assertEquals(List.of(devnet.nodes().get(0).address().toString()), InferenceAnswers.strings(events.get(0).data()
        .get("nodes")));
    StringBuilder streamed = new StringBuilder();
    for (int i = 1; i < events.size() - 1; i++) {
      assertEquals("chunk", events.get(i).name());
      assertEquals(i - 1, events.get(i).data().get("index").asLong(), "indexes count from 0 without gaps");
      streamed.append(events.get(i).data().get("text").asString());
    }
    assertEquals(12, events.size() - 2, "one chunk per token");
    Event done = events.get(events.size() - 1);
    assertEquals("done", done.name());
    assertEquals(text.text(), streamed.toString());
    assertEquals(json.get("output"), done.data().get("output"));
    assertEquals(events.get(0).data().get("id"), done.data().get("id"));
  }

  @Test
  void streamTrueInTheBodyAsksForTheStreamAndATensorModelSendsOneChunk() throws Exception {
    String dep = gateway.deployReady("{\"model\":\"acme/sentiment\"}");
    var response = gateway.send("POST", "/v1/deployments/" + dep + "/inferences",
        "{\"input\":{\"type\":\"text\",\"text\":\"" + HAPPY + "\"},\"stream\":true}");
    assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElse(""));
    List<Event> events = gateway.stream("/v1/deployments/" + dep + "/inferences", text(HAPPY));
    assertEquals(List.of("ack", "chunk", "done"), events.stream().map(Event::name).toList());
    assertEquals("logits", events.get(1).data().get("tensor").get("name").asString());
    assertEquals(events.get(2).data().get("output").get("tensors").get(0), events.get(1).data().get("tensor"));
  }

  @Test
  void aSampledGenerationIsTheSameOnEveryNode() throws Exception {
    String dep = gateway.deployReady("{\"model\":\"acme/bigram\",\"preset\":\"verified\"}");
    String sampled = "{\"input\":{\"type\":\"text\",\"text\":\"the\",\"maxTokens\":24,\"temperature\":1.5}}";
    JsonNode result = infer(dep, sampled);
    assertEquals(3, result.get("consensus").get("agreeing").asInt(), "seeded by the input's hash on every node");
    JsonNode again = infer(dep, sampled);
    assertEquals(result.get("output"), again.get("output"));
  }

  @Test
  void tensorsRunByInputNameAsTextDoes() throws Exception {
    String dep = gateway.deployReady("{\"model\":\"acme/sentiment\"}");
    String tensors = "{\"input\":{\"type\":\"tensor\",\"tensors\":["
        + "{\"name\":\"input_ids\",\"dtype\":\"int64\",\"shape\":[1,2],\"data\":[104,105]},"
        + "{\"name\":\"attention_mask\",\"dtype\":\"int64\",\"shape\":[1,2],\"data\":[1,1]}]}}";
    JsonNode byTensors = infer(dep, tensors);
    assertEquals(infer(dep, text("hi")).get("output"), byTensors.get("output"));
    assertEquals(4, byTensors.get("usage").get("unitsIn").asLong(), "a tensor input's elements");
  }

  @Test
  void badInputsAreEachNamed() throws Exception {
    String dep = gateway.deployReady("{\"model\":\"acme/sentiment\"}");
    String path = "/v1/deployments/" + dep + "/inferences";
    JsonNode unknown = gateway.post(path, "{\"input\":{\"type\":\"tensor\",\"tensors\":["
        + "{\"name\":\"pixels\",\"dtype\":\"int64\",\"shape\":[1,1],\"data\":[1]}]}}", 400);
    List<String> paths = new ArrayList<>();
    unknown.get("error").get("details").forEach(d -> paths.add(d.get("path").asString()));
    assertEquals(List.of("$.input.tensors[0].name", "$.input.tensors", "$.input.tensors"), paths);
    assertEquals("$.input.text", gateway.post(path, text(""), 400).get("error").get("details").get(0).get("path")
        .asString());
    assertEquals("$.input", gateway.post(path, "{}", 400).get("error").get("details").get(0).get("path").asString());
    assertEquals("$.colour", gateway.post(path, "{\"input\":{\"type\":\"text\",\"text\":\"x\"},\"colour\":1}", 400)
        .get("error").get("details").get(0).get("path").asString());
    assertEquals("invalid_request", gateway.post(path, "{\"input\":{\"type\":\"text\"}}", 400)
        .get("error").get("code").asString());
    assertEquals("deployment_not_found", gateway.post("/v1/deployments/dep-9/inferences", text("x"), 404)
        .get("error").get("code").asString());
    assertEquals("inference_not_found", gateway.get("/v1/inferences/inf-99", 404).get("error").get("code").asString());
  }

  @Test
  void receiptsAreLeftOutWhenNotRequired() throws Exception {
    String dep = gateway.deployReady("{\"model\":\"acme/sentiment\",\"output\":{\"receiptsRequired\":false}}");
    assertEquals(0, infer(dep, text("hi")).get("receipts").size());
    assertEquals(1, infer(dep, "{\"input\":{\"type\":\"text\",\"text\":\"hi\"},\"receiptsRequired\":true}")
        .get("receipts").size(), "the request overrides the deployment");
  }

  @Test
  void aDeletedDeploymentTakesNoInference() throws Exception {
    String dep = gateway.deployReady("{\"model\":\"acme/sentiment\"}");
    gateway.delete("/v1/deployments/" + dep, 200);
    assertEquals("deployment_not_ready", gateway.post("/v1/deployments/" + dep + "/inferences", text("hi"), 409)
        .get("error").get("code").asString());
  }
}
