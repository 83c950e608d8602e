package ai.nesa.aivm.sdk.internal.inference;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.ServiceError;
import ai.nesa.aivm.sdk.inference.ConsensusOutcome;
import ai.nesa.aivm.sdk.inference.Deployment;
import ai.nesa.aivm.sdk.inference.DeploymentFailure;
import ai.nesa.aivm.sdk.inference.DeploymentSpec;
import ai.nesa.aivm.sdk.inference.DeploymentStatus;
import ai.nesa.aivm.sdk.inference.InferenceEvent;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.inference.InferenceOptions;
import ai.nesa.aivm.sdk.inference.InferenceResult;
import ai.nesa.aivm.sdk.inference.InferenceState;
import ai.nesa.aivm.sdk.inference.InferenceStatus;
import ai.nesa.aivm.sdk.inference.Usage;
import ai.nesa.aivm.sdk.internal.http.ErrorBodies;
import ai.nesa.aivm.sdk.internal.json.JsonCodec;
import ai.nesa.aivm.sdk.kernels.Consensus;
import ai.nesa.aivm.sdk.kernels.InferenceMode;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * Reads and writes deployments, inference results, inference states and stream events as the
 * gateway document defines them. Unknown fields are skipped and unknown enum values read as
 * {@code UNKNOWN} (or null for a consensus policy), so a newer gateway never breaks an older client.
 */
public final class DeploymentJson extends JsonCodec {
  private DeploymentJson() {}

  // ---------------------------------------------------------------- requests

  /** The body of {@code POST /v1/deployments}. */
  public static byte[] deploymentRequest(DeploymentSpec spec) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", spec.model().toString());
    spec.version().ifPresent(v -> m.put("version", v.text()));
    spec.preset().ifPresent(p -> m.put("preset", p.wireName()));
    spec.inferenceType().ifPresent(t -> m.put("inferenceType", t.wireName()));
    spec.consensus().ifPresent(c -> m.put("consensus", consensus(c)));
    Map<String, Object> nodes = new LinkedHashMap<>();
    if (!spec.nodes().isEmpty()) {
      nodes.put("addresses", spec.nodes().stream().map(Address::toString).toList());
    }
    spec.minimumNodes().ifPresent(n -> nodes.put("minimum", (long) n));
    putIfAny(m, "nodes", nodes);
    Map<String, Object> timeouts = new LinkedHashMap<>();
    spec.firstChunkTimeout().ifPresent(d -> timeouts.put("firstChunkMs", d.toMillis()));
    spec.totalTimeout().ifPresent(d -> timeouts.put("totalMs", d.toMillis()));
    putIfAny(m, "timeouts", timeouts);
    Map<String, Object> pricing = new LinkedHashMap<>();
    spec.maxPricePerUnit().ifPresent(p -> pricing.put("maxPricePerUnit", p.toPlainString()));
    spec.lockAmount().ifPresent(p -> pricing.put("lockAmount", p.toPlainString()));
    putIfAny(m, "pricing", pricing);
    Map<String, Object> output = new LinkedHashMap<>();
    spec.outputFormat().ifPresent(f -> output.put("format", f.wireName()));
    spec.receiptsRequired().ifPresent(r -> output.put("receiptsRequired", r));
    putIfAny(m, "output", output);
    return bytes(m);
  }

  /** The body of {@code POST /v1/deployments/{id}/inferences}. */
  public static byte[] inferenceRequest(InferenceInput input, InferenceOptions options, boolean stream) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("input", InferenceJson.tree(input));
    if (stream) {
      m.put("stream", true);
    }
    options.receiptsRequired().ifPresent(r -> m.put("receiptsRequired", r));
    return bytes(m);
  }

  private static Map<String, Object> consensus(Consensus c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", c.kind().wireName());
    if (c.kind() == Consensus.Kind.K_OF_N) {
      m.put("k", (long) c.k());
      m.put("n", (long) c.n());
    }
    return m;
  }

  private static void putIfAny(Map<String, Object> m, String name, Map<String, Object> part) {
    if (!part.isEmpty()) {
      m.put(name, part);
    }
  }

  private static byte[] bytes(Object tree) {
    Buffer out = new Buffer();
    try (JsonWriter w = JsonWriter.of(out)) {
      InferenceJson.writeTree(w, tree);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
    return out.readByteArray();
  }

  // ---------------------------------------------------------------- deployments

  public static Deployment readDeployment(JsonReader r) throws IOException {
    Deployment.Builder b = Deployment.builder();
    String path = r.getPath();
    r.beginObject();
    while (r.hasNext()) {
      String field = r.nextName();
      if (r.peek() == JsonReader.Token.NULL) {
        r.skipValue();
        continue;
      }
      try {
        switch (field) {
          case "id" -> b.id(r.nextString());
          case "model" -> b.model(ModelId.of(r.nextString()));
          case "version" -> b.version(Semver.of(r.nextString()));
          case "status" -> b.status(DeploymentStatus.fromWire(r.nextString()));
          case "inferenceType" -> b.inferenceType(InferenceMode.fromWire(r.nextString()));
          case "nodes" -> b.nodes(readList(r, x -> Address.of(x.nextString())));
          case "consensus" -> b.consensus(readConsensus(r));
          case "timeouts" -> readTimeouts(r, b);
          case "pricing" -> readPricing(r, b);
          case "output" -> readOutputOptions(r, b);
          case "createdAt" -> b.createdAt(instant(r));
          case "readyAt" -> b.readyAt(instant(r));
          case "failure" -> b.failure(readFailure(r));
          default -> r.skipValue();
        }
      } catch (RuntimeException e) {
        throw invalid(r, e);
      }
    }
    r.endObject();
    return built(path, b::build);
  }

  /**
   * A consensus. A policy this SDK does not know is an error, not "unknown": results are held to
   * the policy, and one the client cannot apply is one it cannot verify.
   */
  static Consensus readConsensus(JsonReader r) throws IOException {
    String policy = null;
    int k = 0;
    int n = 0;
    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextName()) {
        case "policy" -> policy = r.nextString();
        case "k" -> k = r.nextInt();
        case "n" -> n = r.nextInt();
        default -> r.skipValue();
      }
    }
    r.endObject();
    Consensus.Kind kind = Consensus.Kind.fromWire(policy);
    if (kind == null) {
      throw new JsonDataException("unknown consensus policy '" + policy + "'");
    }
    return kind == Consensus.Kind.K_OF_N ? Consensus.kOfN(k, n) : new Consensus(kind, 0, 0);
  }

  private static void readTimeouts(JsonReader r, Deployment.Builder b) throws IOException {
    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextName()) {
        case "firstChunkMs" -> b.firstChunkTimeout(Duration.ofMillis(r.nextLong()));
        case "totalMs" -> b.totalTimeout(Duration.ofMillis(r.nextLong()));
        default -> r.skipValue();
      }
    }
    r.endObject();
  }

  private static void readPricing(JsonReader r, Deployment.Builder b) throws IOException {
    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextName()) {
        case "maxPricePerUnit" -> b.maxPricePerUnit(decimal(r));
        case "lockAmount" -> b.lockAmount(decimal(r));
        default -> r.skipValue();
      }
    }
    r.endObject();
  }

  private static void readOutputOptions(JsonReader r, Deployment.Builder b) throws IOException {
    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextName()) {
        case "format" -> b.outputFormat(r.nextString());
        case "receiptsRequired" -> b.receiptsRequired(r.nextBoolean());
        default -> r.skipValue();
      }
    }
    r.endObject();
  }

  private static DeploymentFailure readFailure(JsonReader r) throws IOException {
    ServiceError e = readError(r, 0);
    return new DeploymentFailure(e.code(), e.message());
  }

  /** An {@code Error} object (not wrapped in {@code {"error": ...}}). */
  public static ServiceError readError(JsonReader r, int status) throws IOException {
    return ErrorBodies.readError(r, status, null);
  }

  private static BigDecimal decimal(JsonReader r) throws IOException {
    String text = r.nextString();
    if (!text.matches("(0|[1-9][0-9]{0,77})(\\.[0-9]{1,78})?")) {
      throw new JsonDataException("'" + text + "' is not a decimal amount at " + r.getPath());
    }
    return new BigDecimal(text);
  }

  // ---------------------------------------------------------------- results

  public static InferenceResult readResult(JsonReader r) throws IOException {
    InferenceResult.Builder b = InferenceResult.builder();
    String path = r.getPath();
    r.beginObject();
    while (r.hasNext()) {
      String field = r.nextName();
      if (r.peek() == JsonReader.Token.NULL) {
        r.skipValue();
        continue;
      }
      try {
        switch (field) {
          case "id" -> b.id(r.nextString());
          case "deployment" -> b.deployment(r.nextString());
          case "model" -> b.model(ModelId.of(r.nextString()));
          case "version" -> b.version(Semver.of(r.nextString()));
          case "output" -> b.output(InferenceJson.readOutput(r));
          case "receipts" -> b.receipts(readList(r, InferenceJson::readReceipt));
          case "consensus" -> b.consensus(readOutcome(r));
          case "usage" -> b.usage(readUsage(r));
          case "startedAt" -> b.startedAt(instant(r));
          case "completedAt" -> b.completedAt(instant(r));
          default -> r.skipValue();
        }
      } catch (RuntimeException e) {
        throw invalid(r, e);
      }
    }
    r.endObject();
    return built(path, b::build);
  }

  private static ConsensusOutcome readOutcome(JsonReader r) throws IOException {
    Consensus.Kind policy = null;
    Integer agreeing = null;
    Integer total = null;
    List<Address> dissenters = null;
    String path = r.getPath();
    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextName()) {
        case "policy" -> policy = Consensus.Kind.fromWire(r.nextString());
        case "agreeing" -> agreeing = r.nextInt();
        case "total" -> total = r.nextInt();
        case "dissenters" -> dissenters = readList(r, x -> Address.of(x.nextString()));
        default -> r.skipValue();
      }
    }
    r.endObject();
    Consensus.Kind p = policy;
    Integer a = agreeing;
    Integer t = total;
    List<Address> d = dissenters;
    return built(path, () -> new ConsensusOutcome(p, a, t, d));
  }

  private static Usage readUsage(JsonReader r) throws IOException {
    Long in = null;
    Long out = null;
    BigDecimal price = null;
    BigDecimal total = null;
    BigDecimal remaining = null;
    String path = r.getPath();
    r.beginObject();
    while (r.hasNext()) {
      switch (r.nextName()) {
        case "unitsIn" -> in = r.nextLong();
        case "unitsOut" -> out = r.nextLong();
        case "pricePerUnit" -> price = decimal(r);
        case "total" -> total = decimal(r);
        case "lockRemaining" -> remaining = decimal(r);
        default -> r.skipValue();
      }
    }
    r.endObject();
    Long i = in;
    Long o = out;
    BigDecimal p = price;
    BigDecimal t = total;
    BigDecimal l = remaining;
    return built(path, () -> new Usage(i, o, p, t, l));
  }

  public static InferenceState readState(JsonReader r) throws IOException {
    String path = r.getPath();
    Map<String, Object> f = readFields(r, (field, in) -> switch (field) {
      case "id", "deployment" -> in.nextString();
      case "model" -> ModelId.of(in.nextString());
      case "version" -> Semver.of(in.nextString());
      case "status" -> InferenceStatus.fromWire(in.nextString());
      case "startedAt", "completedAt" -> instant(in);
      case "result" -> readResult(in);
      case "error" -> readError(in, 0);
      default -> SKIP;
    });
    return built(path, () -> new InferenceState((String) f.get("id"), (String) f.get("deployment"),
        (ModelId) f.get("model"), (Semver) f.get("version"), (InferenceStatus) f.get("status"),
        (Instant) f.get("startedAt"), (Instant) f.get("completedAt"), (InferenceResult) f.get("result"),
        (ServiceError) f.get("error")));
  }

  // ---------------------------------------------------------------- stream events

  public static InferenceEvent.Ack readAck(JsonReader r) throws IOException {
    String path = r.getPath();
    Map<String, Object> f = readFields(r, (field, in) -> switch (field) {
      case "id", "deployment" -> in.nextString();
      case "model" -> ModelId.of(in.nextString());
      case "version" -> Semver.of(in.nextString());
      case "nodes" -> readList(in, x -> Address.of(x.nextString()));
      case "startedAt" -> instant(in);
      default -> SKIP;
    });
    @SuppressWarnings("unchecked")
    List<Address> nodes = (List<Address>) f.get("nodes");
    return built(path, () -> new InferenceEvent.Ack((String) f.get("id"), (String) f.get("deployment"),
        (ModelId) f.get("model"), (Semver) f.get("version"), nodes, (Instant) f.get("startedAt")));
  }

  public static InferenceEvent.Chunk readChunk(JsonReader r) throws IOException {
    Long index = null;
    String text = null;
    ai.nesa.aivm.sdk.inference.Tensor tensor = null;
    String path = r.getPath();
    r.beginObject();
    while (r.hasNext()) {
      String field = r.nextName();
      if (r.peek() == JsonReader.Token.NULL) {
        r.skipValue();
        continue;
      }
      switch (field) {
        case "index" -> index = r.nextLong();
        case "text" -> text = r.nextString();
        case "tensor" -> tensor = InferenceJson.readTensor(r);
        default -> r.skipValue();
      }
    }
    r.endObject();
    if (index == null) {
      throw new JsonDataException("required field 'index' is missing at " + path);
    }
    return new InferenceEvent.Chunk(index, text, tensor);
  }
}
