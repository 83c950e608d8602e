package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.Keccak256;
import ai.nesa.aivm.sdk.Fixtures;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.contract.GatewayContract;
import ai.nesa.aivm.sdk.internal.inference.InferenceJson;
import ai.nesa.aivm.sdk.ledger.LedgerDomain;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A gateway in memory for the inference client's tests: one model, one deployment, three nodes
 * with real keys that sign real receipts, and switches that make nodes lie, signatures break,
 * streams cut and answers fail. Every JSON answer it gives is checked against the gateway
 * document; {@link #violations()} lists what broke it.
 */
final class FakeInferenceGateway extends Dispatcher {
  static final ModelId MODEL = ModelId.of("acme/sentiment-small");
  static final Semver VERSION = Semver.of("1.0.0");
  static final Hash32 MANIFEST = Keccak256.hash("manifest".getBytes(StandardCharsets.UTF_8));
  static final LedgerDomain DOMAIN = new LedgerDomain(31337, Address.of("0x00000000000000000000000000000000000a1b2c"));
  static final List<EthPrivateKey> NODES = List.of(
      key("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"),
      key("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"),
      key("0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6"));
  static final EthPrivateKey STRANGER = key("0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a");
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);

  private final GatewayContract contract = GatewayContract.get();
  final List<String> violations = new CopyOnWriteArrayList<>();
  final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger runs = new AtomicInteger();

  // switches
  volatile Map<String, Object> consensus = Map.of("policy", "majority");
  volatile List<EthPrivateKey> deploymentNodes = NODES;
  volatile List<EthPrivateKey> answering = NODES;
  volatile Set<Address> registered = new HashSet<>(NODES.stream().map(EthPrivateKey::address).toList());
  volatile Set<Address> granted = new HashSet<>();
  volatile boolean isPrivate;
  /** Nodes whose output differs: the value is how much they add to the first logit. */
  final Map<Address, Float> liars = new ConcurrentHashMap<>();
  volatile Address brokenSignature;
  volatile Function<Map<String, Object>, Map<String, Object>> receiptEdit = r -> r;
  volatile boolean omitReceipts;
  /** Statuses to answer inference POSTs with before running anything. */
  final List<Integer> failFirst = new CopyOnWriteArrayList<>();
  volatile boolean consensusFailedError;
  volatile int cutAfterChunks = -1;
  volatile boolean completedAfterCut;
  volatile String streamError;
  volatile List<String> textTokens = List.of();
  volatile String deploymentStatus = "ready";
  final List<String> statusesToServe = new CopyOnWriteArrayList<>();
  final Map<String, Map<String, Object>> byIdempotencyKey = new ConcurrentHashMap<>();
  final List<String> cancelled = new CopyOnWriteArrayList<>();
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger ids = new AtomicInteger();

  private static EthPrivateKey key(String hex) {
    return EthPrivateKey.fromBytes(Hex.decode(hex));
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  /** The logits every honest node computes for any input. */
  static Tensor honestLogits() {
    return Tensor.ofFloats("logits", new long[] {1, 2}, -0.25f, 1.5f);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    requests.add(request);
    String path = request.getUrl().encodedPath();
    String method = request.getMethod();
    try {
      if (path.equals("/v1/ledger/domain")) {
        return answer(method, "/v1/ledger/domain", 200, Map.of("name", "AIVM", "version", "1",
            "chainId", DOMAIN.chainId(), "verifyingContract", DOMAIN.verifyingContract().toString()));
      }
      if (path.startsWith("/v1/nodes/")) {
        Address node = Address.of(path.substring("/v1/nodes/".length()));
        return registered.contains(node) ? answer(method, "/v1/nodes/{address}", 200, node(node))
            : error(method, "/v1/nodes/{address}", 404, "node_not_found", "no node " + node);
      }
      if (path.equals("/v1/models/acme/sentiment-small")) {
        String details = Fixtures.read("catalog/model-details.json")
            .replace("\"access\": \"public\"", "\"access\": \"" + (isPrivate ? "private" : "public") + "\"");
        return raw(method, "/v1/models/{org}/{name}", details);
      }
      if (path.equals("/v1/models/acme/sentiment-small/versions/1.0.0")) {
        String version = Fixtures.read("catalog/version.json").replace("1.1.0-rc.1", VERSION.text())
            .replace("0x0000000000000000000000000000000000000000000000000000000000000001", MANIFEST.hex());
        return raw(method, "/v1/models/{org}/{name}/versions/{version}", version);
      }
      if (path.startsWith("/v1/models/acme/sentiment-small/grants/")) {
        Address node = Address.of(path.substring(path.lastIndexOf('/') + 1));
        String template = "/v1/models/{org}/{name}/grants/{node}";
        if (!granted.contains(node)) {
          return error(method, template, 404, "grant_not_found", "no grant for " + node);
        }
        return answer(method, template, 200, Map.of("node", node.toString(), "epoch", 0, "wrappedKey", "0x00",
            "scheme", "ecies-secp256k1", "grantedAt", "2026-11-25T11:00:00Z"));
      }
      if (path.equals("/v1/deployments") && method.equals("POST")) {
        return answer(method, "/v1/deployments", 201, deployment("dep-1"));
      }
      if (path.equals("/v1/deployments") && method.equals("GET")) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("data", List.of(deployment("dep-1")));
        return answer(method, "/v1/deployments", 200, page);
      }
      if (path.equals("/v1/deployments/dep-1")) {
        if (method.equals("DELETE")) {
          deploymentStatus = "deleted";
        } else if (!statusesToServe.isEmpty()) {
          deploymentStatus = statusesToServe.remove(0);
        }
        return answer(method, "/v1/deployments/{id}", 200, deployment("dep-1"));
      }
      if (path.equals("/v1/deployments/dep-1/inferences")) {
        return infer(request);
      }
      if (path.startsWith("/v1/inferences/")) {
        String id = path.substring("/v1/inferences/".length());
        if (method.equals("DELETE")) {
          cancelled.add(id);
        }
        return answer(method, "/v1/inferences/{id}", 200, state(id, method.equals("DELETE")));
      }
      return error(method, path, 404, "not_found", "the fake serves no " + path);
    } catch (IOException | RuntimeException e) {
      violations.add("the fake failed on " + method + " " + path + ": " + e);
      return new MockResponse.Builder().code(500).build();
    }
  }

  private MockResponse infer(RecordedRequest request) throws IOException {
    if (!failFirst.isEmpty()) {
      int status = failFirst.remove(0);
      return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
          .addHeader("X-Request-Id", "gw-fail").addHeader("Retry-After", "0")
          .body(JSON.toJson(Map.of("error", Map.of("code", status == 429 ? "rate_limited" : "unavailable",
              "message", "try again", "requestId", "gw-fail")))).build();
    }
    String body = request.getBody().utf8();
    String key = request.getHeaders().get("Idempotency-Key");
    List<String> schema = contract.schemaViolations("InferenceRequest", body);
    violations.addAll(schema);
    Map<String, Object> parsed = parse(body);
    InferenceInput input = InferenceInput.fromJson(JSON.toJson(parsed.get("input")));
    boolean stream = Boolean.TRUE.equals(parsed.get("stream"))
        || String.valueOf(request.getHeaders().get("Accept")).contains("text/event-stream");
    if (input instanceof TensorInput t && t.tensors().get(0).name().equals("fail")) {
      return error("POST", "/v1/deployments/{id}/inferences", 400, "invalid_request", "the fake refuses this input");
    }
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      Thread.sleep(5); // long enough for concurrent callers to overlap
      if (consensusFailedError) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", "consensus_failed");
        error.put("message", "no output met majority");
        error.put("requestId", "gw-1");
        List<Object> details = new ArrayList<>();
        for (EthPrivateKey n : answering) {
          details.add(Map.of("path", n.address().toString(), "rule", "output_hash", "message",
              output(n.address(), input).hash().hex()));
        }
        error.put("details", details);
        return answer("POST", "/v1/deployments/{id}/inferences", 422, Map.of("error", error));
      }
      Map<String, Object> result = key == null ? null : byIdempotencyKey.get(key);
      if (result == null) {
        runs.incrementAndGet();
        result = result("inf-" + ids.incrementAndGet(), input);
        if (key != null) {
          byIdempotencyKey.put(key, result);
        }
      }
      return stream ? stream(result) : answer("POST", "/v1/deployments/{id}/inferences", 200, result);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /** The output node {@code node} gives: the honest one, or a lie. */
  InferenceOutput output(Address node, InferenceInput input) {
    if (input instanceof TextInput) {
      if (!textTokens.isEmpty()) {
        return new TextOutput(String.join("", textTokens) + (liars.containsKey(node) ? "?" : ""), "length");
      }
    }
    float[] v = honestLogits().asFloats();
    v[0] += liars.getOrDefault(node, 0f);
    return new TensorOutput(List.of(Tensor.ofFloats("logits", new long[] {1, 2}, v)));
  }

  private Map<String, Object> result(String id, InferenceInput input) {
    Map<Hash32, Integer> votes = new LinkedHashMap<>();
    Map<Address, InferenceOutput> outputs = new LinkedHashMap<>();
    List<Object> receipts = new ArrayList<>();
    Instant at = Instant.parse("2026-11-25T12:00:01Z");
    for (EthPrivateKey n : answering) {
      InferenceOutput out = output(n.address(), input);
      outputs.put(n.address(), out);
      votes.merge(out.hash(), 1, Integer::sum);
      Receipt signed = Receipt.sign(EthSigner.of(n), DOMAIN, id, MODEL, VERSION, MANIFEST, input.hash(), out.hash(), at);
      Map<String, Object> r = new LinkedHashMap<>(InferenceJson.tree(signed));
      if (n.address().equals(brokenSignature)) {
        r.put("outputHash", Keccak256.hash(new byte[] {1}).hex());
      }
      receipts.add(receiptEdit.apply(r));
    }
    Hash32 chosen = votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    InferenceOutput output = outputs.values().stream().filter(o -> o.hash().equals(chosen)).findFirst().orElseThrow();
    List<Object> dissenters = new ArrayList<>();
    outputs.forEach((a, o) -> {
      if (!o.hash().equals(chosen)) {
        dissenters.add(a.toString());
      }
    });
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("deployment", "dep-1");
    m.put("model", MODEL.toString());
    m.put("version", VERSION.text());
    m.put("output", InferenceJson.tree(output));
    m.put("receipts", omitReceipts ? List.of() : receipts);
    m.put("consensus", Map.of("policy", consensus.get("policy"), "agreeing", votes.get(chosen),
        "total", outputs.size(), "dissenters", dissenters));
    m.put("usage", Map.of("unitsIn", 3, "unitsOut", 2, "pricePerUnit", "0.000001", "total", "0.000015",
        "lockRemaining", "9.999985"));
    m.put("startedAt", "2026-11-25T12:00:00Z");
    m.put("completedAt", "2026-11-25T12:00:01Z");
    return m;
  }

  private MockResponse stream(Map<String, Object> result) {
    StringBuilder sse = new StringBuilder(": keep-alive\n\n");
    Map<String, Object> ack = new LinkedHashMap<>();
    ack.put("id", result.get("id"));
    ack.put("deployment", "dep-1");
    ack.put("nodes", answering.stream().map(n -> n.address().toString()).toList());
    ack.put("startedAt", "2026-11-25T12:00:00Z");
    event(sse, "ack", "InferenceAck", ack);
    List<String> tokens = textTokens.isEmpty() ? List.of("x") : textTokens;
    for (int i = 0; i < tokens.size(); i++) {
      if (i == cutAfterChunks) {
        return sse(sse);
      }
      event(sse, "chunk", "InferenceChunk", Map.of("index", i, "text", tokens.get(i)));
    }
    if (cutAfterChunks >= tokens.size()) {
      return sse(sse);
    }
    sse.append("event: future-kind\ndata: {}\n\n");
    if (streamError != null) {
      event(sse, "error", "ErrorResponse", Map.of("error", Map.of("code", streamError, "message", "it failed",
          "requestId", "gw-2")));
    } else {
      event(sse, "done", "InferenceDone", result);
    }
    return sse(sse);
  }

  private void event(StringBuilder sse, String name, String schema, Object data) {
    String json = JSON.toJson(data);
    violations.addAll(contract.schemaViolations(schema, json));
    sse.append("event: ").append(name).append("\ndata: ").append(json).append("\n\n");
  }

  private static MockResponse sse(StringBuilder body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
        .addHeader("X-Request-Id", "gw-sse").body(body.toString()).build();
  }

  private Map<String, Object> state(String id, boolean cancel) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("deployment", "dep-1");
    m.put("model", MODEL.toString());
    m.put("version", VERSION.text());
    m.put("startedAt", "2026-11-25T12:00:00Z");
    Map<String, Object> done = byIdempotencyKey.values().stream().filter(r -> r.get("id").equals(id)).findFirst()
        .orElse(null);
    if (completedAfterCut && done != null && !cancel) {
      m.put("status", "completed");
      m.put("completedAt", "2026-11-25T12:00:01Z");
      m.put("result", done);
    } else {
      m.put("status", "cancelled");
      m.put("completedAt", "2026-11-25T12:00:01Z");
    }
    return m;
  }

  Map<String, Object> deployment(String id) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("model", MODEL.toString());
    m.put("version", VERSION.text());
    m.put("status", deploymentStatus);
    m.put("inferenceType", "single_node");
    m.put("nodes", deploymentNodes.stream().map(n -> n.address().toString()).toList());
    m.put("consensus", consensus);
    m.put("pricing", Map.of("maxPricePerUnit", "0.00001", "lockAmount", "10"));
    m.put("createdAt", "2026-11-25T11:59:00Z");
    if (deploymentStatus.equals("failed")) {
      m.put("failure", Map.of("code", "kernel_load_failed", "message", "the weights would not load",
          "requestId", "gw-3"));
    }
    return m;
  }

  private Map<String, Object> node(Address node) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("address", node.toString());
    m.put("encryptionPublicKey", "0x04" + "11".repeat(64));
    m.put("endpoint", "https://node.example");
    m.put("capabilities", Map.of("runtimes", List.of("onnx"), "cpuCores", 2, "memoryBytes", 1 << 30));
    m.put("status", "online");
    m.put("registeredAt", "2026-11-25T10:00:00Z");
    m.put("registrationSignature", "0x" + "22".repeat(65));
    return m;
  }

  private MockResponse answer(String method, String template, int status, Object body) {
    String json = JSON.toJson(body);
    violations.addAll(contract.responseViolations(method, template, status, json));
    return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
        .addHeader("X-Request-Id", "gw-" + status).body(json).build();
  }

  private MockResponse raw(String method, String template, String json) {
    violations.addAll(contract.responseViolations(method, template, 200, json));
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .addHeader("X-Request-Id", "gw-200").body(json).build();
  }

  private MockResponse error(String method, String template, int status, String code, String message) {
    return answer(method, template, status, Map.of("error", Map.of("code", code, "message", message,
        "requestId", "gw-" + status)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String json) throws IOException {
    return new LinkedHashMap<>((Map<String, Object>) JSON.fromJson(new Buffer().writeUtf8(json)));
  }
}
