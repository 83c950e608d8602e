package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.kernels.Consensus;
import ai.nesa.aivm.sdk.kernels.InferenceMode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A model version deployed with execution parameters: the nodes it runs on, how their results are
 * agreed on, its deadlines, prices and output options. Made by {@link InferenceClient#deploy}.
 *
 * @since 0.1.0
 */
public final class Deployment {
  private final String id;
  private final ModelId model;
  private final Semver version;
  private final DeploymentStatus status;
  private final InferenceMode inferenceType;
  private final List<Address> nodes;
  private final Consensus consensus;
  private final Duration firstChunkTimeout;
  private final Duration totalTimeout;
  private final BigDecimal maxPricePerUnit;
  private final BigDecimal lockAmount;
  private final String outputFormat;
  private final Boolean receiptsRequired;
  private final Instant createdAt;
  private final Instant readyAt;
  private final DeploymentFailure failure;

  private Deployment(Builder b) {
    this.id = Objects.requireNonNull(b.id, "id");
    this.model = Objects.requireNonNull(b.model, "model");
    this.version = Objects.requireNonNull(b.version, "version");
    this.status = Objects.requireNonNull(b.status, "status");
    this.nodes = List.copyOf(Objects.requireNonNull(b.nodes, "nodes"));
    this.consensus = Objects.requireNonNull(b.consensus, "consensus");
    this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
    this.inferenceType = b.inferenceType;
    this.firstChunkTimeout = b.firstChunkTimeout;
    this.totalTimeout = b.totalTimeout;
    this.maxPricePerUnit = b.maxPricePerUnit;
    this.lockAmount = b.lockAmount;
    this.outputFormat = b.outputFormat;
    this.receiptsRequired = b.receiptsRequired;
    this.readyAt = b.readyAt;
    this.failure = b.failure;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.model = model;
    b.version = version;
    b.status = status;
    b.inferenceType = inferenceType;
    b.nodes = nodes;
    b.consensus = consensus;
    b.firstChunkTimeout = firstChunkTimeout;
    b.totalTimeout = totalTimeout;
    b.maxPricePerUnit = maxPricePerUnit;
    b.lockAmount = lockAmount;
    b.outputFormat = outputFormat;
    b.receiptsRequired = receiptsRequired;
    b.createdAt = createdAt;
    b.readyAt = readyAt;
    b.failure = failure;
    return b;
  }

  /** The gateway's id of the deployment. */
  public String id() {
    return id;
  }

  public ModelId model() {
    return model;
  }

  public Semver version() {
    return version;
  }

  public DeploymentStatus status() {
    return status;
  }

  /** Single node or distributed, when the gateway said. */
  public Optional<InferenceMode> inferenceType() {
    return Optional.ofNullable(inferenceType);
  }

  /** The nodes the deployment runs on. */
  public List<Address> nodes() {
    return nodes;
  }

  public Consensus consensus() {
    return consensus;
  }

  /** The longest wait for the first chunk. */
  public Optional<Duration> firstChunkTimeout() {
    return Optional.ofNullable(firstChunkTimeout);
  }

  /** The longest time one inference may take. */
  public Optional<Duration> totalTimeout() {
    return Optional.ofNullable(totalTimeout);
  }

  /** The highest price per unit accepted. */
  public Optional<BigDecimal> maxPricePerUnit() {
    return Optional.ofNullable(maxPricePerUnit);
  }

  /** The amount locked for the deployment's session. */
  public Optional<BigDecimal> lockAmount() {
    return Optional.ofNullable(lockAmount);
  }

  /** {@code auto}, {@code tensor} or {@code text}, when set. */
  public Optional<String> outputFormat() {
    return Optional.ofNullable(outputFormat);
  }

  /** Whether results carry receipts; true unless the deployment turned them off. */
  public boolean receiptsRequired() {
    return receiptsRequired == null || receiptsRequired;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Optional<Instant> readyAt() {
    return Optional.ofNullable(readyAt);
  }

  /** Why the deployment failed, when {@link DeploymentStatus#FAILED}. */
  public Optional<DeploymentFailure> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Deployment d && id.equals(d.id) && status == d.status && model.equals(d.model)
        && version.equals(d.version) && nodes.equals(d.nodes) && consensus.equals(d.consensus)
        && Objects.equals(inferenceType, d.inferenceType) && Objects.equals(firstChunkTimeout, d.firstChunkTimeout)
        && Objects.equals(totalTimeout, d.totalTimeout) && Objects.equals(maxPricePerUnit, d.maxPricePerUnit)
        && Objects.equals(lockAmount, d.lockAmount) && Objects.equals(outputFormat, d.outputFormat)
        && Objects.equals(receiptsRequired, d.receiptsRequired) && createdAt.equals(d.createdAt)
        && Objects.equals(readyAt, d.readyAt) && Objects.equals(failure, d.failure);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, status, model, version, nodes);
  }

  @Override
  public String toString() {
    return "Deployment{" + id + ", " + model + "@" + version.text() + ", " + status.wireName() + ", "
        + nodes.size() + " nodes, " + consensus.kind().wireName() + "}";
  }

  /** Builds a {@link Deployment}; for gateways' codecs and tests. */
  public static final class Builder {
    private String id;
    private ModelId model;
    private Semver version;
    private DeploymentStatus status;
    private InferenceMode inferenceType;
    private List<Address> nodes = List.of();
    private Consensus consensus;
    private Duration firstChunkTimeout;
    private Duration totalTimeout;
    private BigDecimal maxPricePerUnit;
    private BigDecimal lockAmount;
    private String outputFormat;
    private Boolean receiptsRequired;
    private Instant createdAt;
    private Instant readyAt;
    private DeploymentFailure failure;

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
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

    public Builder status(DeploymentStatus status) {
      this.status = status;
      return this;
    }

    public Builder inferenceType(InferenceMode inferenceType) {
      this.inferenceType = inferenceType;
      return this;
    }

    public Builder nodes(List<Address> nodes) {
      this.nodes = nodes;
      return this;
    }

    public Builder consensus(Consensus consensus) {
      this.consensus = consensus;
      return this;
    }

    public Builder firstChunkTimeout(Duration timeout) {
      this.firstChunkTimeout = timeout;
      return this;
    }

    public Builder totalTimeout(Duration timeout) {
      this.totalTimeout = timeout;
      return this;
    }

    public Builder maxPricePerUnit(BigDecimal price) {
      this.maxPricePerUnit = price;
      return this;
    }

    public Builder lockAmount(BigDecimal amount) {
      this.lockAmount = amount;
      return this;
    }

    public Builder outputFormat(String format) {
      this.outputFormat = format;
      return this;
    }

    public Builder receiptsRequired(Boolean required) {
      this.receiptsRequired = required;
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder readyAt(Instant readyAt) {
      this.readyAt = readyAt;
      return this;
    }

    public Builder failure(DeploymentFailure failure) {
      this.failure = failure;
      return this;
    }

    /**
     * @throws NullPointerException naming a required field that is missing
     */
    public Deployment build() {
      return new Deployment(this);
    }
  }
}
