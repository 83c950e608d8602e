package ai.nesa.aivm.sdk.internal.models;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Page;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.internal.http.ApiRequest;
import ai.nesa.aivm.sdk.internal.http.ResponseDecoder;
import ai.nesa.aivm.sdk.internal.json.JsonCodec;
import ai.nesa.aivm.sdk.models.Benchmark;
import ai.nesa.aivm.sdk.models.BenchmarkThreshold;
import ai.nesa.aivm.sdk.models.Example;
import ai.nesa.aivm.sdk.models.ModelDetails;
import ai.nesa.aivm.sdk.models.ModelListParams;
import ai.nesa.aivm.sdk.models.ModelSummary;
import ai.nesa.aivm.sdk.models.ModelVersion;
import ai.nesa.aivm.sdk.models.Review;
import ai.nesa.aivm.sdk.models.ReviewListParams;
import java.util.List;
import java.util.Objects;

/**
 * The catalog's calls as requests and decoders, written once for the synchronous and the
 * asynchronous registry.
 */
final class ModelCalls {
  static final ResponseDecoder<Page<ModelSummary>> MODEL_PAGE =
      r -> JsonCodec.readPage(r, CatalogJson::readModelSummary);
  static final ResponseDecoder<ModelDetails> MODEL_DETAILS = CatalogJson::readModelDetails;
  static final ResponseDecoder<List<ModelVersion>> VERSIONS =
      r -> JsonCodec.readDataList(r, CatalogJson::readModelVersion);
  static final ResponseDecoder<ModelVersion> VERSION = CatalogJson::readModelVersion;
  static final ResponseDecoder<List<Benchmark>> BENCHMARKS =
      r -> JsonCodec.readDataList(r, CatalogJson::readBenchmark);
  static final ResponseDecoder<Page<Review>> REVIEW_PAGE = r -> JsonCodec.readPage(r, CatalogJson::readReview);
  static final ResponseDecoder<List<Example>> EXAMPLES = r -> JsonCodec.readDataList(r, CatalogJson::readExample);

  private ModelCalls() {}

  static ApiRequest list(ModelListParams p, String cursor) {
    ApiRequest.Builder b = ApiRequest.get("v1", "models")
        .query("q", p.query().orElse(null))
        .query("task", p.task().orElse(null))
        .query("architecture", p.architecture().orElse(null))
        .query("runtime", p.runtime().orElse(null))
        .query("minParameters", p.minParameters().isPresent() ? p.minParameters().getAsLong() : null)
        .query("maxParameters", p.maxParameters().isPresent() ? p.maxParameters().getAsLong() : null);
    for (BenchmarkThreshold t : p.minBenchmarks()) {
      b.query("minBenchmark", t.wireValue());
    }
    b.query("owner", p.owner().map(Address::hex).orElse(null)).query("author", p.author().orElse(null));
    for (String tag : p.tags()) {
      b.query("tag", tag);
    }
    return b.query("license", p.license().orElse(null))
        .query("access", p.access().map(a -> a.wireName()).orElse(null))
        .query("sort", p.sort().map(s -> s.wireValue()).orElse(null))
        .query("order", p.order().map(o -> o.wireName()).orElse(null))
        .query("limit", p.limit().orElse(null))
        .query("cursor", cursor)
        .build();
  }

  static ApiRequest get(ModelId model) {
    return model(model).build();
  }

  static ApiRequest versions(ModelId model) {
    return model(model, "versions").build();
  }

  static ApiRequest version(ModelId model, Semver version) {
    Objects.requireNonNull(version, "version");
    return model(model, "versions", version.text()).build();
  }

  /** A {@code null} version means the latest. */
  static ApiRequest benchmarks(ModelId model, Semver version) {
    return model(model, "benchmarks").query("version", version).build();
  }

  static ApiRequest reviews(ModelId model, ReviewListParams p, String cursor) {
    return model(model, "reviews")
        .query("version", p.version().orElse(null))
        .query("limit", p.limit().orElse(null))
        .query("cursor", cursor)
        .build();
  }

  /** A {@code null} version means the latest. */
  static ApiRequest examples(ModelId model, Semver version) {
    return model(model, "examples").query("version", version).build();
  }

  private static ApiRequest.Builder model(ModelId model, String... more) {
    Objects.requireNonNull(model, "model");
    String[] segments = new String[4 + more.length];
    segments[0] = "v1";
    segments[1] = "models";
    segments[2] = model.org();
    segments[3] = model.name();
    System.arraycopy(more, 0, segments, 4, more.length);
    return ApiRequest.get(segments);
  }
}
