package ai.nesa.aivm.sdk.models;

import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Page;
import ai.nesa.aivm.sdk.PagedIterable;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.ledger.ReviewRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The async registry seen through the sync interface, so one test body checks both twins: each
 * call waits for its future and rethrows what completed it exceptionally, unwrapped.
 */
final class AsyncAsSync implements ModelRegistry {
  private final ModelRegistryAsync async;

  AsyncAsSync(ModelRegistryAsync async) {
    this.async = async;
  }

  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new AssertionError(e);
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public Page<ModelSummary> list(ModelListParams params) {
    return await(async.list(params));
  }

  @Override
  public PagedIterable<ModelSummary> listAll(ModelListParams params) {
    List<ModelSummary> all = new ArrayList<>();
    await(async.listAll(params).forEach(all::add));
    return PagedIterable.of(cursor -> Page.of(all, null));
  }

  @Override
  public ModelDetails get(ModelId model) {
    return await(async.get(model));
  }

  @Override
  public List<ModelVersion> versions(ModelId model) {
    return await(async.versions(model));
  }

  @Override
  public ModelVersion version(ModelId model, Semver version) {
    return await(async.version(model, version));
  }

  @Override
  public List<Benchmark> benchmarks(ModelId model) {
    return await(async.benchmarks(model));
  }

  @Override
  public List<Benchmark> benchmarks(ModelId model, Semver version) {
    return await(async.benchmarks(model, version));
  }

  @Override
  public Page<Review> reviews(ModelId model, ReviewListParams params) {
    return await(async.reviews(model, params));
  }

  @Override
  public PagedIterable<Review> reviewsAll(ModelId model, ReviewListParams params) {
    List<Review> all = new ArrayList<>();
    await(async.reviewsAll(model, params).forEach(all::add));
    return PagedIterable.of(cursor -> Page.of(all, null));
  }

  @Override
  public List<Example> examples(ModelId model) {
    return await(async.examples(model));
  }

  @Override
  public List<Example> examples(ModelId model, Semver version) {
    return await(async.examples(model, version));
  }

  @Override
  public ReviewRecord review(NewReview review) {
    return await(async.review(review));
  }
}
