package ai.nesa.aivm.sdk.internal.models;

import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Page;
import ai.nesa.aivm.sdk.AsyncPagedIterable;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.internal.http.GatewayTransport;
import ai.nesa.aivm.sdk.ledger.ReviewRecord;
import ai.nesa.aivm.sdk.models.Benchmark;
import ai.nesa.aivm.sdk.models.Example;
import ai.nesa.aivm.sdk.models.ModelDetails;
import ai.nesa.aivm.sdk.models.ModelListParams;
import ai.nesa.aivm.sdk.models.ModelRegistry;
import ai.nesa.aivm.sdk.models.ModelRegistryAsync;
import ai.nesa.aivm.sdk.models.ModelSummary;
import ai.nesa.aivm.sdk.models.ModelVersion;
import ai.nesa.aivm.sdk.models.NewReview;
import ai.nesa.aivm.sdk.models.Review;
import ai.nesa.aivm.sdk.models.ReviewListParams;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.Objects;

/** {@link ModelRegistryAsync} over the gateway's catalog resources. */
public final class DefaultModelRegistryAsync implements ModelRegistryAsync {
  private final GatewayTransport transport;
  private final ModelRegistry sync;
  private final Executor executor;

  /** Gateway reads through {@code transport}; reviews run {@code sync}'s on {@code executor}. */
  public DefaultModelRegistryAsync(GatewayTransport transport, ModelRegistry sync, Executor executor) {
    this.transport = transport;
    this.sync = sync;
    this.executor = executor;
  }

  @Override
  public CompletableFuture<ReviewRecord> review(NewReview review) {
    Objects.requireNonNull(review, "review");
    return CompletableFuture.supplyAsync(() -> sync.review(review), executor);
  }

  @Override
  public CompletableFuture<Page<ModelSummary>> list(ModelListParams params) {
    return transport.executeAsync(ModelCalls.list(params, params.cursor().orElse(null)), ModelCalls.MODEL_PAGE);
  }

  @Override
  public AsyncPagedIterable<ModelSummary> listAll(ModelListParams params) {
    Objects.requireNonNull(params, "params");
    String first = params.cursor().orElse(null);
    return AsyncPagedIterable.of(cursor ->
        transport.executeAsync(ModelCalls.list(params, cursor == null ? first : cursor), ModelCalls.MODEL_PAGE));
  }

  @Override
  public CompletableFuture<ModelDetails> get(ModelId model) {
    return transport.executeAsync(ModelCalls.get(model), ModelCalls.MODEL_DETAILS);
  }

  @Override
  public CompletableFuture<List<ModelVersion>> versions(ModelId model) {
    return transport.executeAsync(ModelCalls.versions(model), ModelCalls.VERSIONS);
  }

  @Override
  public CompletableFuture<ModelVersion> version(ModelId model, Semver version) {
    return transport.executeAsync(ModelCalls.version(model, version), ModelCalls.VERSION);
  }

  @Override
  public CompletableFuture<List<Benchmark>> benchmarks(ModelId model) {
    return transport.executeAsync(ModelCalls.benchmarks(model, null), ModelCalls.BENCHMARKS);
  }

  @Override
  public CompletableFuture<List<Benchmark>> benchmarks(ModelId model, Semver version) {
    return transport.executeAsync(ModelCalls.benchmarks(model, Objects.requireNonNull(version, "version")),
        ModelCalls.BENCHMARKS);
  }

  @Override
  public CompletableFuture<Page<Review>> reviews(ModelId model, ReviewListParams params) {
    return transport.executeAsync(ModelCalls.reviews(model, params, params.cursor().orElse(null)), ModelCalls.REVIEW_PAGE);
  }

  @Override
  public AsyncPagedIterable<Review> reviewsAll(ModelId model, ReviewListParams params) {
    Objects.requireNonNull(model, "model");
    String first = params.cursor().orElse(null);
    return AsyncPagedIterable.of(cursor ->
        transport.executeAsync(ModelCalls.reviews(model, params, cursor == null ? first : cursor), ModelCalls.REVIEW_PAGE));
  }

  @Override
  public CompletableFuture<List<Example>> examples(ModelId model) {
    return transport.executeAsync(ModelCalls.examples(model, null), ModelCalls.EXAMPLES);
  }

  @Override
  public CompletableFuture<List<Example>> examples(ModelId model, Semver version) {
    return transport.executeAsync(ModelCalls.examples(model, Objects.requireNonNull(version, "version")),
        ModelCalls.EXAMPLES);
  }
}
