package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one inference: the output consensus chose, every node's receipt, the gateway's
 * consensus claim, usage and cost, and what the client verified.
 *
 * <pre>{@code
 * InferenceResult r = client.inference().infer(deployment.id(), InferenceInput.text("a happy day"));
 * Tensor logits = r.tensorOutput().tensor("logits");
 * r.verification().agreeing();   // the nodes whose signed receipts bind this output
 * r.usage().total();             // what it cost
 * }</pre>
 *
 * @since 0.1.0
 */
public final class InferenceResult {
  private final String id;
  private final String deployment;
  private final ModelId model;
  private final Semver version;
  private final InferenceOutput output;
  private final List<Receipt> receipts;
  private final ConsensusOutcome consensus;
  private final Usage usage;
  private final Instant startedAt;
  private final Instant completedAt;
  private final VerificationReport verification;

  private InferenceResult(Builder b) {
    this.id = Objects.requireNonNull(b.id, "id");
    this.deployment = Objects.requireNonNull(b.deployment, "deployment");
    this.model = Objects.requireNonNull(b.model, "model");
    this.version = Objects.requireNonNull(b.version, "version");
    this.output = Objects.requireNonNull(b.output, "output");
    this.receipts = List.copyOf(Objects.requireNonNull(b.receipts, "receipts"));
    this.consensus = Objects.requireNonNull(b.consensus, "consensus");
    this.usage = Objects.requireNonNull(b.usage, "usage");
    this.startedAt = Objects.requireNonNull(b.startedAt, "startedAt");
    this.completedAt = Objects.requireNonNull(b.completedAt, "completedAt");
    this.verification = b.verification;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().id(id).deployment(deployment).model(model).version(version).output(output)
        .receipts(receipts).consensus(consensus).usage(usage).startedAt(startedAt).completedAt(completedAt)
        .verification(verification);
  }

  /** The inference's id, which every receipt names. */
  public String id() {
    return id;
  }

  /** The deployment's id. */
  public String deployment() {
    return deployment;
  }

  public ModelId model() {
    return model;
  }

  public Semver version() {
    return version;
  }

  public InferenceOutput output() {
    return output;
  }

  /**
   * The output as tensors.
   *
   * @throws IllegalStateException when the output is text
   */
  public TensorOutput tensorOutput() {
    if (output instanceof TensorOutput t) {
      return t;
    }
    throw new IllegalStateException("inference " + id + " gave text, not tensors");
  }

  /**
   * The output's text.
   *
   * @throws IllegalStateException when the output is tensors
   */
  public String text() {
    if (output instanceof TextOutput t) {
      return t.text();
    }
    throw new IllegalStateException("inference " + id + " gave tensors, not text");
  }

  /** One receipt per node that answered, dissenters included; empty when receipts were not required. */
  public List<Receipt> receipts() {
    return receipts;
  }

  /** The gateway's account of the consensus; {@link #verification()} is the client's. */
  public ConsensusOutcome consensus() {
    return consensus;
  }

  public Usage usage() {
    return usage;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Instant completedAt() {
    return completedAt;
  }

  /**
   * What the client checked. Every result {@link InferenceClient} returns has one; a result read
   * with no client (a builder, a stored result) has none until {@link InferenceClient#verify}.
   */
  public Optional<VerificationReport> verificationReport() {
    return Optional.ofNullable(verification);
  }

  /**
   * What the client checked.
   *
   * @throws IllegalStateException when this result was never verified
   */
  public VerificationReport verification() {
    if (verification == null) {
      throw new IllegalStateException("inference " + id + " has not been verified: use InferenceClient.verify");
    }
    return verification;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InferenceResult r && id.equals(r.id) && deployment.equals(r.deployment)
        && model.equals(r.model) && version.equals(r.version) && output.equals(r.output)
        && receipts.equals(r.receipts) && consensus.equals(r.consensus) && usage.equals(r.usage)
        && startedAt.equals(r.startedAt) && completedAt.equals(r.completedAt)
        && Objects.equals(verification, r.verification);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, output, receipts);
  }

  @Override
  public String toString() {
    return "InferenceResult{" + id + ", " + model + "@" + version.text() + ", " + output + ", " + receipts.size()
        + " receipts" + (verification == null ? "" : verification.verified() ? ", verified" : ", not verified") + "}";
  }

  /** Builds an {@link InferenceResult}; for codecs and tests. */
  public static final class Builder {
    private String id;
    private String deployment;
    private ModelId model;
    private Semver version;
    private InferenceOutput output;
    private List<Receipt> receipts = List.of();
    private ConsensusOutcome consensus;
    private Usage usage;
    private Instant startedAt;
    private Instant completedAt;
    private VerificationReport verification;

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder deployment(String deployment) {
      this.deployment = deployment;
      return this;
    }

    public Builder model(ModelId model) {
      this.model = model;
      return this;
    }

    public Builder version(Semver version) {
      this.version = version;
      return this;
    }

    public Builder output(InferenceOutput output) {
      this.output = output;
      return this;
    }

    public Builder receipts(List<Receipt> receipts) {
      this.receipts = receipts;
      return this;
    }

    public Builder consensus(ConsensusOutcome consensus) {
      this.consensus = consensus;
      return this;
    }

    public Builder usage(Usage usage) {
      this.usage = usage;
      return this;
    }

    public Builder startedAt(Instant startedAt) {
      this.startedAt = startedAt;
      return this;
    }

    public Builder completedAt(Instant completedAt) {
      this.completedAt = completedAt;
      return this;
    }

    public Builder verification(VerificationReport verification) {
      this.verification = verification;
      return this;
    }

    /**
     * @throws NullPointerException naming a required field that is missing
     */
    public InferenceResult build() {
      return new InferenceResult(this);
    }
  }
}
