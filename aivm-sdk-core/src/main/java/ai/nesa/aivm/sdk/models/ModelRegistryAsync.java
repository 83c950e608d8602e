package ai.nesa.aivm.sdk.models;

import ai.nesa.aivm.sdk.AsyncPagedIterable;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Page;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.ledger.ReviewRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The asynchronous twin of {@link ModelRegistry}: the same methods, returning futures that
 * complete on the client's HTTP threads. Reached through {@code client.async().models()}.
 *
 * <p>Invalid parameters throw {@link ai.nesa.aivm.sdk.AivmValidationException} at once, before a
 * future exists; failures after sending complete the future exceptionally with the exception the
 * synchronous twin would throw. Cancelling a future cancels its HTTP call.
 *
 * @since 0.1.0
 */
public interface ModelRegistryAsync {

  CompletableFuture<Page<ModelSummary>> list(ModelListParams params);

  default CompletableFuture<Page<ModelSummary>> list(Consumer<ModelListParams.Builder> params) {
    ModelListParams.Builder b = ModelListParams.builder();
    params.accept(b);
    return list(b.build());
  }

  AsyncPagedIterable<ModelSummary> listAll(ModelListParams params);

  default AsyncPagedIterable<ModelSummary> listAll(Consumer<ModelListParams.Builder> params) {
    ModelListParams.Builder b = ModelListParams.builder();
    params.accept(b);
    return listAll(b.build());
  }

  CompletableFuture<ModelDetails> get(ModelId model);

  CompletableFuture<List<ModelVersion>> versions(ModelId model);

  CompletableFuture<ModelVersion> version(ModelId model, Semver version);

  CompletableFuture<List<Benchmark>> benchmarks(ModelId model);

  CompletableFuture<List<Benchmark>> benchmarks(ModelId model, Semver version);

  CompletableFuture<Page<Review>> reviews(ModelId model, ReviewListParams params);

  AsyncPagedIterable<Review> reviewsAll(ModelId model, ReviewListParams params);

  CompletableFuture<List<Example>> examples(ModelId model);

  CompletableFuture<List<Example>> examples(ModelId model, Semver version);

  /** See {@link ModelRegistry#review(NewReview)}; runs on the client's threads. */
  CompletableFuture<ReviewRecord> review(NewReview review);

  /** See {@link ModelRegistry#review(Consumer)}. */
  default CompletableFuture<ReviewRecord> review(Consumer<NewReview.Builder> review) {
    NewReview.Builder b = NewReview.builder();
    review.accept(b);
    return review(b.build());
  }
}
