package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.AivmValidationException;
import java.util.Objects;

/**
 * How to run a batch: how many inferences run at once, and the options each one runs with (each
 * gets its own idempotency key).
 *
 * @since 0.1.0
 */
public final class BatchOptions {
  /** The most inferences a batch runs at once. */
  public static final int MAX_CONCURRENCY = 64;
  private static final BatchOptions DEFAULTS = new Builder().build();

  private final int concurrency;
  private final InferenceOptions inference;

  private BatchOptions(Builder b) {
    this.concurrency = b.concurrency;
    this.inference = b.inference;
  }

  /** Four at once, verified. */
  public static BatchOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How many inferences run at once. */
  public int concurrency() {
    return concurrency;
  }

  /** The options every item runs with. */
  public InferenceOptions inference() {
    return inference;
  }

  @Override
  public String toString() {
    return "BatchOptions{concurrency=" + concurrency + ", " + inference + "}";
  }

  /**
   * Builds {@link BatchOptions}.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private int concurrency = 4;
    private InferenceOptions inference = InferenceOptions.defaults();

    private Builder() {}

    /** From 1 to {@value BatchOptions#MAX_CONCURRENCY}; 4 by default. */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
        throw AivmValidationException.of("concurrency", "range", concurrency,
            "from 1 to " + MAX_CONCURRENCY + ", was " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /**
     * The options of every item.
     *
     * @throws AivmValidationException when they carry an idempotency key, which would make every
     *     item the first one's repeat
     */
    public Builder inference(InferenceOptions options) {
      Objects.requireNonNull(options, "options");
      if (options.idempotencyKey().isPresent()) {
        throw AivmValidationException.of("inference.idempotencyKey", "batch",
            "a batch gives each item its own idempotency key; one key for all would run only the first");
      }
      this.inference = options;
      return this;
    }

    public BatchOptions build() {
      return new BatchOptions(this);
    }
  }
}
