package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.KernelRuntime;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.models.Access;
import ai.nesa.aivm.sdk.models.Engine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** The devnet gateway's deployments: presets, node choice, refusals, list, get and delete. */
@ExtendWith(ContractTap.class)
class DevnetDeploymentsTest {
  private LocalAivmNetwork devnet;
  private GatewayCalls gateway;

  @BeforeEach
  void setUp() {
    devnet = LocalAivmNetwork.builder().nodes(4).start();
    gateway = new GatewayCalls(devnet);
    TinyKernels.classifier(devnet, "acme/sentiment");
  }

  @AfterEach
  void tearDown() {
    devnet.close();
  }

  private String node(int i) {
    return devnet.nodes().get(i).address().toString();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  private static List<String> paths(JsonNode error) {
    List<String> out = new ArrayList<>();
    error.get("error").get("details").forEach(d -> out.add(d.get("path").asString()));
    return out;
  }

  @Test
  void withoutAPresetADeploymentIsFastOnOneNodeAndBecomesReady() throws Exception {
    JsonNode created = gateway.post("/v1/deployments", "{\"model\":\"acme/sentiment\"}", 201);
    assertEquals("dep-1", created.get("id").asString());
    assertEquals("pending", created.get("status").asString(), "pending while its nodes load the kernel");
    assertEquals("0.1.0", created.get("version").asString(), "the latest version");
    assertEquals("none", created.get("consensus").get("policy").asString());
    assertEquals(List.of(node(0)), strings(created.get("nodes")));
    assertEquals("10", created.get("pricing").get("lockAmount").asString());
    assertTrue(created.get("output").get("receiptsRequired").asBoolean());
    assertFalse(created.has("readyAt"));

    JsonNode ready = gateway.awaitDeployment("dep-1", d -> !d.get("status").asString().equals("pending"));
    assertEquals("ready", ready.get("status").asString(), ready.toString());
    assertTrue(ready.has("readyAt"));
    assertEquals(created.get("createdAt"), ready.get("createdAt"));
  }

  @Test
  void verifiedRunsOnThreeNodesByMajorityAndFieldsOverrideThePreset() throws Exception {
    JsonNode verified = gateway.post("/v1/deployments", "{\"model\":\"acme/sentiment\",\"preset\":\"verified\"}", 201);
    assertEquals("majority", verified.get("consensus").get("policy").asString());
    assertEquals(List.of(node(0), node(1), node(2)), strings(verified.get("nodes")));

    JsonNode named = gateway.post("/v1/deployments", "{\"model\":\"acme/sentiment\",\"preset\":\"verified\","
        + "\"nodes\":{\"addresses\":[\"" + node(3) + "\"],\"minimum\":4},\"timeouts\":{\"totalMs\":5000},"
        + "\"pricing\":{\"maxPricePerUnit\":\"0.01\",\"lockAmount\":\"2.5\"}}", 201);
    assertEquals(List.of(node(3), node(0), node(1), node(2)), strings(named.get("nodes")),
        "the named node first, then the others, up to the minimum asked");
    assertEquals(5000, named.get("timeouts").get("totalMs").asLong());
    assertEquals("2.5", named.get("pricing").get("lockAmount").asString());

    JsonNode kOfN = gateway.post("/v1/deployments", "{\"model\":\"acme/sentiment\","
        + "\"consensus\":{\"policy\":\"k_of_n\",\"k\":2,\"n\":2}}", 201);
    assertEquals(2, kOfN.get("nodes").size(), "k_of_n runs on n");
    assertEquals(2, kOfN.get("consensus").get("k").asInt());
  }

  @Test
  void deploymentsAreListedNewestFirstFilteredAndPaged() throws Exception {
    TinyKernels.generator(devnet, "acme/bigram");
    gateway.deployReady("{\"model\":\"acme/sentiment\"}");
    gateway.deployReady("{\"model\":\"acme/bigram\"}");
    gateway.deployReady("{\"model\":\"acme/sentiment\",\"preset\":\"verified\"}");
    gateway.delete("/v1/deployments/dep-1", 200);

    JsonNode all = gateway.get("/v1/deployments", 200);
    List<String> ids = new ArrayList<>();
    all.get("data").forEach(d -> ids.add(d.get("id").asString()));
    assertEquals(List.of("dep-3", "dep-2", "dep-1"), ids);
    assertEquals(2, gateway.get("/v1/deployments?model=acme/sentiment", 200).get("data").size());
    assertEquals("dep-3", gateway.get("/v1/deployments?model=acme/sentiment&status=ready", 200)
        .get("data").get(0).get("id").asString());
    assertEquals("dep-1", gateway.get("/v1/deployments?status=deleted", 200).get("data").get(0).get("id").asString());
    JsonNode page = gateway.get("/v1/deployments?limit=2", 200);
    assertEquals(2, page.get("data").size());
    JsonNode next = gateway.get("/v1/deployments?limit=2&cursor=" + page.get("nextCursor").asString(), 200);
    assertEquals("dep-1", next.get("data").get(0).get("id").asString());
    assertEquals(List.of("status", "limit"), paths(gateway.get("/v1/deployments?status=asleep&limit=0", 400)));
  }

  @Test
  void deletingIsIdempotentAndAnUnknownDeploymentIsNotFound() throws Exception {
    String id = gateway.deployReady("{\"model\":\"acme/sentiment\"}");
    assertEquals("deleted", gateway.delete("/v1/deployments/" + id, 200).get("status").asString());
    assertEquals("deleted", gateway.delete("/v1/deployments/" + id, 200).get("status").asString(), "again");
    assertEquals("deleted", gateway.get("/v1/deployments/" + id, 200).get("status").asString());
    assertEquals("deployment_not_found", gateway.get("/v1/deployments/dep-99", 404).get("error").get("code")
        .asString());
    assertEquals("deployment_not_found", gateway.delete("/v1/deployments/dep-99", 404).get("error").get("code")
        .asString());
  }

  @Test
  void everyBadFieldIsNamedInOneAnswer() throws Exception {
    JsonNode bad = gateway.post("/v1/deployments", "{\"model\":\"Acme/Sentiment\",\"version\":\"v1\","
        + "\"preset\":\"turbo\",\"consensus\":{\"policy\":\"k_of_n\",\"k\":3,\"n\":2},"
        + "\"nodes\":{\"addresses\":[\"0x12\"],\"minimum\":0},\"timeouts\":{\"totalMs\":-1},"
        + "\"pricing\":{\"lockAmount\":\"ten\"},\"output\":{\"receiptsRequired\":\"yes\"},\"colour\":\"red\"}", 400);
    assertEquals("invalid_request", bad.get("error").get("code").asString());
    List<String> paths = paths(bad);
    for (String path : List.of("$.colour", "$.model", "$.version", "$.preset", "$.consensus.k",
        "$.nodes.addresses[0]", "$.nodes.minimum", "$.timeouts.totalMs", "$.pricing.lockAmount",
        "$.output.receiptsRequired")) {
      assertTrue(paths.contains(path), path + " in " + paths);
    }
    assertEquals(List.of("$.model"), paths(gateway.post("/v1/deployments", "{}", 400)));
    assertEquals(List.of("$.consensus.n"), paths(gateway.post("/v1/deployments",
        "{\"model\":\"acme/sentiment\",\"consensus\":{\"policy\":\"k_of_n\",\"k\":1}}", 400)));
    assertEquals(List.of("$.nodes.addresses[0]"), paths(gateway.post("/v1/deployments",
        "{\"model\":\"acme/sentiment\",\"nodes\":{\"addresses\":[\"0x0000000000000000000000000000000000000001\"]}}",
        400)), "not a node of this devnet");
    assertEquals("$", paths(gateway.post("/v1/deployments", "[1]", 400)).get(0));
  }

  @Test
  void refusalsNameTheirCause() throws Exception {
    assertEquals("model_not_found", gateway.post("/v1/deployments", "{\"model\":\"acme/nothing\"}", 404)
        .get("error").get("code").asString());
    assertEquals("version_not_found", gateway.post("/v1/deployments",
        "{\"model\":\"acme/sentiment\",\"version\":\"9.9.9\"}", 404).get("error").get("code").asString());
    assertEquals("price_limit", gateway.post("/v1/deployments",
        "{\"model\":\"acme/sentiment\",\"pricing\":{\"maxPricePerUnit\":\"0.0000001\"}}", 422)
        .get("error").get("code").asString());
    assertEquals("not_enough_nodes", gateway.post("/v1/deployments",
        "{\"model\":\"acme/sentiment\",\"consensus\":{\"policy\":\"k_of_n\",\"k\":3,\"n\":5}}", 422)
        .get("error").get("code").asString());
    assertEquals("unsupported", gateway.post("/v1/deployments",
        "{\"model\":\"acme/sentiment\",\"inferenceType\":\"distributed\"}", 422).get("error").get("code").asString());
  }

  @Test
  void aPrivateModelIsDeployedOnlyOnNodesHoldingAGrant() throws Exception {
    TinyKernels.privateClassifier(devnet, "acme/secret", List.of(devnet.nodes().get(1), devnet.nodes().get(3)));
    JsonNode two = gateway.post("/v1/deployments", "{\"model\":\"acme/secret\",\"nodes\":{\"minimum\":2}}", 201);
    assertEquals(List.of(node(1), node(3)), strings(two.get("nodes")));
    assertEquals("not_enough_nodes", gateway.post("/v1/deployments",
        "{\"model\":\"acme/secret\",\"preset\":\"verified\"}", 422).get("error").get("code").asString());
    JsonNode ungranted = gateway.post("/v1/deployments",
        "{\"model\":\"acme/secret\",\"nodes\":{\"addresses\":[\"" + node(0) + "\"]}}", 400);
    assertEquals("grant", ungranted.get("error").get("details").get(0).get("rule").asString());
    assertEquals("ready", gateway.awaitDeployment(two.get("id").asString(),
        d -> !d.get("status").asString().equals("pending")).get("status").asString(), "the granted nodes decrypt it");
  }

  @Test
  void aKernelTheNodesCannotRunFailsTheDeploymentNamingWhy() throws Exception {
    AivmConfig config = Presets.onnxClassifier("acme/scripted", "model.onnx").toBuilder()
        .runtime(KernelRuntime.builder().engine(Engine.PYTHON).entrypoint("infer.py").build())
        .build();
    PublishedKernel published = devnet.kernels().upload(KernelBundle.builder().config(config)
        .file("model.onnx", TinyModel.BYTE_PAIR_SENTIMENT.bytes())
        .file("infer.py", "def infer(x):\n    return x\n".getBytes(StandardCharsets.UTF_8))
        .build());
    TinyKernels.apply(devnet, new LedgerAction.RegisterModel(config.name(), Access.PUBLIC));
    TinyKernels.apply(devnet, new LedgerAction.PublishVersion(config.name(), config.version(), published.manifestCid(),
        published.manifest().hash()));
    String id = gateway.post("/v1/deployments", "{\"model\":\"acme/scripted\"}", 201).get("id").asString();
    JsonNode ended = gateway.awaitDeployment(id, d -> !d.get("status").asString().equals("pending"));
    assertEquals("failed", ended.get("status").asString());
    assertEquals("unsupported_runtime", ended.get("failure").get("code").asString());
    assertTrue(ended.get("failure").get("message").asString().contains("python"), ended.toString());
    assertEquals("deployment_not_ready", gateway.post("/v1/deployments/" + id + "/inferences",
        "{\"input\":{\"type\":\"text\",\"text\":\"hi\"}}", 409).get("error").get("code").asString());
  }

  @Test
  void aRepeatedIdempotencyKeyCreatesNothingMore() throws Exception {
    JsonNode first = gateway.post("/v1/deployments", "{\"model\":\"acme/sentiment\"}", 201, "Idempotency-Key", "k-1");
    JsonNode again = gateway.post("/v1/deployments", "{\"model\":\"acme/sentiment\"}", 201, "Idempotency-Key", "k-1");
    assertEquals(first, again);
    assertEquals(1, gateway.get("/v1/deployments", 200).get("data").size());
  }
}
