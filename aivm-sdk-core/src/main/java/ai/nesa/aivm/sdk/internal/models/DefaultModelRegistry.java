package ai.nesa.aivm.sdk.internal.models;

import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Page;
import ai.nesa.aivm.sdk.PagedIterable;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.internal.http.GatewayTransport;
import ai.nesa.aivm.sdk.ledger.ReviewRecord;
import ai.nesa.aivm.sdk.models.Benchmark;
import ai.nesa.aivm.sdk.models.Example;
import ai.nesa.aivm.sdk.models.ModelDetails;
import ai.nesa.aivm.sdk.models.ModelListParams;
import ai.nesa.aivm.sdk.models.ModelRegistry;
import ai.nesa.aivm.sdk.models.ModelSummary;
import ai.nesa.aivm.sdk.models.ModelVersion;
import ai.nesa.aivm.sdk.models.NewReview;
import ai.nesa.aivm.sdk.models.Review;
import ai.nesa.aivm.sdk.models.ReviewListParams;
import java.util.List;
import java.util.Objects;

/** {@link ModelRegistry} over the gateway's catalog resources, and reviews posted on the ledger. */
public final class DefaultModelRegistry implements ModelRegistry {
  private final GatewayTransport transport;
  private final ReviewPoster reviews;

  /** A registry reading from the gateway, posting reviews with {@code reviews} (null: it cannot). */
  public DefaultModelRegistry(GatewayTransport transport, ReviewPoster reviews) {
    this.transport = transport;
    this.reviews = reviews;
  }

  @Override
  public ReviewRecord review(NewReview review) {
    Objects.requireNonNull(review, "review");
    if (reviews == null) {
      throw new IllegalStateException("reviews are posted on the ledger as the client's wallet: build the client with "
          + "ledger(...) and wallet(...)");
    }
    return reviews.post(review);
  }

  @Override
  public Page<ModelSummary> list(ModelListParams params) {
    return transport.execute(ModelCalls.list(params, params.cursor().orElse(null)), ModelCalls.MODEL_PAGE);
  }

  @Override
  public PagedIterable<ModelSummary> listAll(ModelListParams params) {
    Objects.requireNonNull(params, "params");
    String first = params.cursor().orElse(null);
    return PagedIterable.of(cursor ->
        transport.execute(ModelCalls.list(params, cursor == null ? first : cursor), ModelCalls.MODEL_PAGE));
  }

  @Override
  public ModelDetails get(ModelId model) {
    return transport.execute(ModelCalls.get(model), ModelCalls.MODEL_DETAILS);
  }

  @Override
  public List<ModelVersion> versions(ModelId model) {
    return transport.execute(ModelCalls.versions(model), ModelCalls.VERSIONS);
  }

  @Override
  public ModelVersion version(ModelId model, Semver version) {
    return transport.execute(ModelCalls.version(model, version), ModelCalls.VERSION);
  }

  @Override
  public List<Benchmark> benchmarks(ModelId model) {
    return transport.execute(ModelCalls.benchmarks(model, null), ModelCalls.BENCHMARKS);
  }

  @Override
  public List<Benchmark> benchmarks(ModelId model, Semver version) {
    return transport.execute(ModelCalls.benchmarks(model, Objects.requireNonNull(version, "version")),
        ModelCalls.BENCHMARKS);
  }

  @Override
  public Page<Review> reviews(ModelId model, ReviewListParams params) {
    return transport.execute(ModelCalls.reviews(model, params, params.cursor().orElse(null)), ModelCalls.REVIEW_PAGE);
  }

  @Override
  public PagedIterable<Review> reviewsAll(ModelId model, ReviewListParams params) {
    Objects.requireNonNull(model, "model");
    String first = params.cursor().orElse(null);
    return PagedIterable.of(cursor ->
        transport.execute(ModelCalls.reviews(model, params, cursor == null ? first : cursor), ModelCalls.REVIEW_PAGE));
  }

  @Override
  public List<Example> examples(ModelId model) {
    return transport.execute(ModelCalls.examples(model, null), ModelCalls.EXAMPLES);
  }

  @Override
  public List<Example> examples(ModelId model, Semver version) {
    return transport.execute(ModelCalls.examples(model, Objects.requireNonNull(version, "version")),
        ModelCalls.EXAMPLES);
  }
}
