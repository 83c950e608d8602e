package ai.nesa.aivm.sdk.models;

import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.AivmServiceException;
import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.NotFoundException;
import ai.nesa.aivm.sdk.Page;
import ai.nesa.aivm.sdk.PagedIterable;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.ledger.ReviewRecord;
import java.util.List;
import java.util.function.Consumer;

/**
 * The model catalog: search and filter models, read a model's details, versions, benchmarks,
 * reviews and example outputs, and post reviews on the ledger. Reached through {@code client.models()}; its asynchronous twin,
 * {@link ModelRegistryAsync}, has the same methods.
 *
 * <pre>{@code
 * for (ModelSummary m : client.models().listAll(p -> p.task(Task.TEXT_CLASSIFICATION).sort(ModelSort.RATING))) {
 *   System.out.println(m.id() + " " + m.rating().map(RatingSummary::average).orElse(0.0));
 * }
 * ModelDetails details = client.models().get(ModelId.of("acme/sentiment-small"));
 * }</pre>
 *
 * <h2>Errors</h2>
 * Every method throws {@link AivmValidationException} for bad parameters (before sending),
 * {@link NotFoundException} for an unknown model or version, another {@link AivmServiceException}
 * for other error answers, and {@link AivmIoException} when the gateway cannot be reached after
 * the client's retries.
 *
 * <h2>Threading</h2>
 * Thread-safe, like the client it comes from.
 *
 * @since 0.1.0
 */
public interface ModelRegistry {

  /** One page of a catalog search. */
  Page<ModelSummary> list(ModelListParams params);

  /** One page of a catalog search built in place: {@code list(p -> p.query("bert").limit(10))}. */
  default Page<ModelSummary> list(Consumer<ModelListParams.Builder> params) {
    ModelListParams.Builder b = ModelListParams.builder();
    params.accept(b);
    return list(b.build());
  }

  /**
   * Every model a search finds, fetched page by page as iteration goes: only the current page is
   * held in memory. The {@code cursor} in {@code params}, if any, is where iteration starts.
   */
  PagedIterable<ModelSummary> listAll(ModelListParams params);

  /** Every model a search built in place finds; see {@link #listAll(ModelListParams)}. */
  default PagedIterable<ModelSummary> listAll(Consumer<ModelListParams.Builder> params) {
    ModelListParams.Builder b = ModelListParams.builder();
    params.accept(b);
    return listAll(b.build());
  }

  /** A model's details: authors, owner, description, versions, benchmarks, rating and usage. */
  ModelDetails get(ModelId model);

  /** Every version of a model, newest first. */
  List<ModelVersion> versions(ModelId model);

  /** One version of a model. */
  ModelVersion version(ModelId model, Semver version);

  /** The benchmarks of a model's latest version. */
  List<Benchmark> benchmarks(ModelId model);

  /** The benchmarks of one version of a model. */
  List<Benchmark> benchmarks(ModelId model, Semver version);

  /** One page of a model's reviews, newest first. */
  Page<Review> reviews(ModelId model, ReviewListParams params);

  /** Every review that {@code params} selects, fetched page by page as iteration goes. */
  PagedIterable<Review> reviewsAll(ModelId model, ReviewListParams params);

  /** Example inputs of a model's latest version and the outputs it gave. */
  List<Example> examples(ModelId model);

  /** Example inputs of one version and the outputs it gave. */
  List<Example> examples(ModelId model, Semver version);

  /**
   * Posts a review on the ledger as the client's wallet: the rating and the CID of its text (text
   * given as text is stored in the client's store first). A later review of the same version by the
   * same wallet replaces the earlier one.
   *
   * @return the review as the ledger records it
   * @throws IllegalStateException when the client has no ledger and wallet, or is given text but
   *     has no store to keep it in
   * @throws ai.nesa.aivm.sdk.ledger.LedgerRejectedException when the ledger refuses it (the version
   *     is not published: {@code NOT_FOUND})
   * @since 0.1.0
   */
  ReviewRecord review(NewReview review);

  /** {@link #review(NewReview)} with the review built in place. */
  default ReviewRecord review(Consumer<NewReview.Builder> review) {
    NewReview.Builder b = NewReview.builder();
    review.accept(b);
    return review(b.build());
  }
}
