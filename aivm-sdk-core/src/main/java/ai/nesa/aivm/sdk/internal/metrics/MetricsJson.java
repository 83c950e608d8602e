package ai.nesa.aivm.sdk.internal.metrics;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.inference.DeploymentStatus;
import ai.nesa.aivm.sdk.internal.json.JsonCodec;
import ai.nesa.aivm.sdk.internal.json.Timestamps;
import ai.nesa.aivm.sdk.metrics.MetricsEvent;
import ai.nesa.aivm.sdk.metrics.UsagePoint;
import ai.nesa.aivm.sdk.metrics.UsageQuery;
import ai.nesa.aivm.sdk.metrics.UsageSeries;
import ai.nesa.aivm.sdk.metrics.UsageStats;
import ai.nesa.aivm.sdk.metrics.UsageSummary;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import okio.Buffer;

/** The metrics documents: {@code MetricsEvent}, {@code MetricsGap}, {@code UsageSeries}, {@code UsageSummary}. */
final class MetricsJson extends JsonCodec {
  private MetricsJson() {}

  /**
   * The event an event-stream event of type {@code type} holds.
   *
   * @throws JsonDataException naming what is wrong when the data is not a {@code MetricsEvent} of
   *     that kind
   */
  static MetricsEvent event(String type, String data, Instant receivedAt) throws IOException {
    JsonReader r = JsonReader.of(new Buffer().writeUtf8(data));
    if (type.equals("gap")) {
      Map<String, Object> f = readFields(r, (name, v) -> switch (name) {
        case "from", "to" -> v.nextString();
        default -> SKIP;
      });
      return built("$", () -> new MetricsEvent.Gap((String) f.get("from"), Optional.ofNullable((String) f.get("to")),
          receivedAt));
    }
    MetricsEvent.Kind kind = MetricsEvent.Kind.fromWire(type);
    if (kind == null) {
      throw new JsonDataException("'" + type + "' is not an event kind");
    }
    Map<String, Object> f = readFields(r, (name, v) -> switch (name) {
      case "id", "kind", "deployment", "inference" -> v.nextString();
      case "time" -> instant(v);
      case "model" -> ModelId.of(v.nextString());
      case "version" -> Semver.of(v.nextString());
      case "node" -> Address.of(v.nextString());
      case "deploymentStatus" -> DeploymentStatus.fromWire(v.nextString()); // UNKNOWN for a newer status
      case "latencyMs" -> v.nextDouble();
      case "unitsIn", "unitsOut" -> v.nextLong();
      case "cost" -> new BigDecimal(v.nextString());
      case "error" -> readFields(v, (n, e) -> n.equals("code") || n.equals("message") ? e.nextString() : SKIP);
      default -> SKIP;
    });
    if (!type.equals(f.get("kind"))) {
      throw new JsonDataException("the event is named " + type + " but its kind is " + f.get("kind"));
    }
    return built("$", () -> {
      String id = (String) required(f, "id");
      Instant time = (Instant) required(f, "time");
      return switch (kind) {
        case INFERENCE_STARTED -> new MetricsEvent.InferenceStarted(id, time, ref(f));
        case INFERENCE_COMPLETED -> new MetricsEvent.InferenceCompleted(id, time, ref(f),
            (Double) required(f, "latencyMs"), (Long) required(f, "unitsIn"), (Long) required(f, "unitsOut"),
            (BigDecimal) required(f, "cost"));
        case INFERENCE_FAILED -> {
          @SuppressWarnings("unchecked")
          Map<String, Object> error = (Map<String, Object>) required(f, "error");
          yield new MetricsEvent.InferenceFailed(id, time, ref(f), (Double) required(f, "latencyMs"),
              (String) required(error, "code"), (String) required(error, "message"));
        }
        case DEPLOYMENT_CHANGED -> new MetricsEvent.DeploymentChanged(id, time, (ModelId) required(f, "model"),
            (Semver) required(f, "version"), (String) required(f, "deployment"),
            (DeploymentStatus) required(f, "deploymentStatus"));
        case VERSION_PUBLISHED -> new MetricsEvent.VersionPublished(id, time, (ModelId) required(f, "model"),
            (Semver) required(f, "version"));
        case ACCESS_GRANTED -> new MetricsEvent.AccessGranted(id, time, (ModelId) required(f, "model"),
            Optional.ofNullable((Semver) f.get("version")), (Address) required(f, "node"));
        case ACCESS_REVOKED -> new MetricsEvent.AccessRevoked(id, time, (ModelId) required(f, "model"),
            (Address) required(f, "node"));
        case GAP -> throw new IllegalStateException("a gap is read above");
      };
    });
  }

  /** An RFC 3339 time, as the general codec reads it. */
  static Instant time(String text) {
    return Timestamps.parse(text);
  }

  private static MetricsEvent.InferenceRef ref(Map<String, Object> f) {
    return new MetricsEvent.InferenceRef((ModelId) required(f, "model"), (Semver) required(f, "version"),
        (String) required(f, "deployment"), (String) required(f, "inference"), (Address) required(f, "node"));
  }

  private static Object required(Map<String, Object> f, String name) {
    Object v = f.get(name);
    if (v == null) {
      throw new NullPointerException(name);
    }
    return v;
  }

  /** {@code UsageSeries}. */
  static UsageSeries series(JsonReader r) throws IOException {
    Map<String, Object> f = readFields(r, (name, v) -> switch (name) {
      case "bucket" -> v.nextString();
      case "from", "to" -> instant(v);
      case "series" -> readList(v, MetricsJson::oneSeries);
      default -> SKIP;
    });
    return built("$", () -> {
      UsageQuery.Bucket bucket = UsageQuery.Bucket.fromWire((String) required(f, "bucket"));
      if (bucket == null) {
        throw new IllegalArgumentException("'" + f.get("bucket") + "' is not a bucket");
      }
      @SuppressWarnings("unchecked")
      List<UsageSeries.Series> series = (List<UsageSeries.Series>) required(f, "series");
      return new UsageSeries(bucket, (Instant) required(f, "from"), (Instant) required(f, "to"), series);
    });
  }

  private static UsageSeries.Series oneSeries(JsonReader r) throws IOException {
    Map<String, Object> f = readFields(r, (name, v) -> switch (name) {
      case "key" -> v.nextString();
      case "points" -> readList(v, MetricsJson::point);
      default -> SKIP;
    });
    @SuppressWarnings("unchecked")
    List<UsagePoint> points = (List<UsagePoint>) f.get("points");
    return built("$.series[]", () -> new UsageSeries.Series(Optional.ofNullable((String) f.get("key")),
        Objects.requireNonNull(points, "points")));
  }

  private static UsagePoint point(JsonReader r) throws IOException {
    Map<String, Object> f = statsFields(r);
    return built("$.series[].points[]", () -> new UsagePoint((Instant) required(f, "start"), stats(f)));
  }

  /** {@code UsageSummary}. */
  static UsageSummary summary(JsonReader r) throws IOException {
    Map<String, Object> f = statsFields(r);
    return built("$", () -> new UsageSummary(Optional.ofNullable((ModelId) f.get("model")),
        Optional.ofNullable((String) f.get("deployment")), (Instant) required(f, "from"), (Instant) required(f, "to"),
        stats(f)));
  }

  private static Map<String, Object> statsFields(JsonReader r) throws IOException {
    return readFields(r, (name, v) -> switch (name) {
      case "start", "from", "to" -> instant(v);
      case "model" -> ModelId.of(v.nextString());
      case "deployment" -> v.nextString();
      case "requests", "errors", "unitsIn", "unitsOut" -> v.nextLong();
      case "errorRate" -> v.nextDouble();
      case "cost" -> new BigDecimal(v.nextString());
      case "latencyMs" -> readLatency(v);
      default -> SKIP;
    });
  }

  private static OptionalDouble[] readLatency(JsonReader r) throws IOException {
    OptionalDouble[] p = {OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty()};
    r.beginObject();
    while (r.hasNext()) {
      String name = r.nextName();
      int i = switch (name) {
        case "p50" -> 0;
        case "p95" -> 1;
        case "p99" -> 2;
        default -> -1;
      };
      if (i < 0 || r.peek() == JsonReader.Token.NULL) {
        r.skipValue();
      } else {
        p[i] = OptionalDouble.of(r.nextDouble());
      }
    }
    r.endObject();
    return p;
  }

  private static UsageStats stats(Map<String, Object> f) {
    OptionalDouble[] p = (OptionalDouble[]) required(f, "latencyMs");
    return new UsageStats((Long) required(f, "requests"), (Long) required(f, "errors"),
        (Double) required(f, "errorRate"), p[0], p[1], p[2], (Long) required(f, "unitsIn"),
        (Long) required(f, "unitsOut"), (BigDecimal) required(f, "cost"));
  }
}
