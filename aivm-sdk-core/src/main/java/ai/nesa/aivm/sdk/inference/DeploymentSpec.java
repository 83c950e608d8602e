package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.kernels.Consensus;
import ai.nesa.aivm.sdk.kernels.InferenceMode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What to deploy and how to run it: a preset, or every execution parameter set by hand.
 *
 * <pre>{@code
 * DeploymentSpec.fast(model)                       // one node, no consensus
 * DeploymentSpec.verified(model)                   // three nodes, majority
 * DeploymentSpec.builder(model)                    // expert
 *     .version(Semver.of("1.2.0"))
 *     .consensus(Consensus.kOfN(2, 3))
 *     .nodes(List.of(a, b))                        // used first; the gateway adds the rest
 *     .totalTimeout(Duration.ofSeconds(20))
 *     .maxPricePerUnit(new BigDecimal("0.00001"))
 *     .lockAmount(new BigDecimal("5"))
 *     .build();
 * }</pre>
 *
 * <p>{@link Builder#build()} checks every field and lists every problem at once. Fields left unset
 * take the preset's value, or the {@code fast} preset's without one.
 *
 * @since 0.1.0
 */
public final class DeploymentSpec {
  private static final int MAX_NODES = 255;

  private final ModelId model;
  private final Semver version;
  private final DeploymentPreset preset;
  private final InferenceMode inferenceType;
  private final Consensus consensus;
  private final List<Address> nodes;
  private final Integer minimumNodes;
  private final Duration firstChunkTimeout;
  private final Duration totalTimeout;
  private final BigDecimal maxPricePerUnit;
  private final BigDecimal lockAmount;
  private final OutputFormat outputFormat;
  private final Boolean receiptsRequired;

  private DeploymentSpec(Builder b) {
    this.model = b.model;
    this.version = b.version;
    this.preset = b.preset;
    this.inferenceType = b.inferenceType;
    this.consensus = b.consensus;
    this.nodes = List.copyOf(b.nodes);
    this.minimumNodes = b.minimumNodes;
    this.firstChunkTimeout = b.firstChunkTimeout;
    this.totalTimeout = b.totalTimeout;
    this.maxPricePerUnit = b.maxPricePerUnit;
    this.lockAmount = b.lockAmount;
    this.outputFormat = b.outputFormat;
    this.receiptsRequired = b.receiptsRequired;
  }

  /** The {@link DeploymentPreset#FAST} preset for the latest version of {@code model}. */
  public static DeploymentSpec fast(ModelId model) {
    return builder(model).preset(DeploymentPreset.FAST).build();
  }

  /** The {@link DeploymentPreset#VERIFIED} preset for the latest version of {@code model}. */
  public static DeploymentSpec verified(ModelId model) {
    return builder(model).preset(DeploymentPreset.VERIFIED).build();
  }

  public static Builder builder(ModelId model) {
    return new Builder(Objects.requireNonNull(model, "model"));
  }

  public Builder toBuilder() {
    Builder b = new Builder(model);
    b.version = version;
    b.preset = preset;
    b.inferenceType = inferenceType;
    b.consensus = consensus;
    b.nodes = new ArrayList<>(nodes);
    b.minimumNodes = minimumNodes;
    b.firstChunkTimeout = firstChunkTimeout;
    b.totalTimeout = totalTimeout;
    b.maxPricePerUnit = maxPricePerUnit;
    b.lockAmount = lockAmount;
    b.outputFormat = outputFormat;
    b.receiptsRequired = receiptsRequired;
    return b;
  }

  public ModelId model() {
    return model;
  }

  /** The version; the latest when empty. */
  public Optional<Semver> version() {
    return Optional.ofNullable(version);
  }

  public Optional<DeploymentPreset> preset() {
    return Optional.ofNullable(preset);
  }

  public Optional<InferenceMode> inferenceType() {
    return Optional.ofNullable(inferenceType);
  }

  public Optional<Consensus> consensus() {
    return Optional.ofNullable(consensus);
  }

  /** Nodes to use first. */
  public List<Address> nodes() {
    return nodes;
  }

  public OptionalInt minimumNodes() {
    return minimumNodes == null ? OptionalInt.empty() : OptionalInt.of(minimumNodes);
  }

  public Optional<Duration> firstChunkTimeout() {
    return Optional.ofNullable(firstChunkTimeout);
  }

  public Optional<Duration> totalTimeout() {
    return Optional.ofNullable(totalTimeout);
  }

  public Optional<BigDecimal> maxPricePerUnit() {
    return Optional.ofNullable(maxPricePerUnit);
  }

  public Optional<BigDecimal> lockAmount() {
    return Optional.ofNullable(lockAmount);
  }

  public Optional<OutputFormat> outputFormat() {
    return Optional.ofNullable(outputFormat);
  }

  public Optional<Boolean> receiptsRequired() {
    return Optional.ofNullable(receiptsRequired);
  }

  @Override
  public String toString() {
    return "DeploymentSpec{" + model + (version == null ? "" : "@" + version.text())
        + (preset == null ? "" : ", " + preset.wireName())
        + (consensus == null ? "" : ", " + consensus.kind().wireName()) + "}";
  }

  /**
   * Builds a {@link DeploymentSpec}.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final ModelId model;
    private Semver version;
    private DeploymentPreset preset;
    private InferenceMode inferenceType;
    private Consensus consensus;
    private List<Address> nodes = new ArrayList<>();
    private Integer minimumNodes;
    private Duration firstChunkTimeout;
    private Duration totalTimeout;
    private BigDecimal maxPricePerUnit;
    private BigDecimal lockAmount;
    private OutputFormat outputFormat;
    private Boolean receiptsRequired;

    private Builder(ModelId model) {
      this.model = model;
    }

    public Builder version(Semver version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    public Builder preset(DeploymentPreset preset) {
      this.preset = Objects.requireNonNull(preset, "preset");
      return this;
    }

    public Builder inferenceType(InferenceMode inferenceType) {
      this.inferenceType = Objects.requireNonNull(inferenceType, "inferenceType");
      return this;
    }

    public Builder consensus(Consensus consensus) {
      this.consensus = Objects.requireNonNull(consensus, "consensus");
      return this;
    }

    /** Nodes to run on first; the gateway adds others when these are too few. */
    public Builder nodes(List<Address> nodes) {
      this.nodes = new ArrayList<>(Objects.requireNonNull(nodes, "nodes"));
      return this;
    }

    /** The fewest nodes to run on. */
    public Builder minimumNodes(int minimum) {
      this.minimumNodes = minimum;
      return this;
    }

    /** The longest wait for the first chunk of a streamed inference. */
    public Builder firstChunkTimeout(Duration timeout) {
      this.firstChunkTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** The longest time one inference may take on the gateway. */
    public Builder totalTimeout(Duration timeout) {
      this.totalTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** The highest price per token unit accepted; deploying fails when the network asks more. */
    public Builder maxPricePerUnit(BigDecimal price) {
      this.maxPricePerUnit = Objects.requireNonNull(price, "price");
      return this;
    }

    /** The amount locked for the session; inferences are paid from it. */
    public Builder lockAmount(BigDecimal amount) {
      this.lockAmount = Objects.requireNonNull(amount, "amount");
      return this;
    }

    public Builder outputFormat(OutputFormat format) {
      this.outputFormat = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * Whether results must carry the nodes' signed receipts (default true). Without receipts a
     * result cannot be verified: inferences must then skip verification explicitly.
     */
    public Builder receiptsRequired(boolean required) {
      this.receiptsRequired = required;
      return this;
    }

    /**
     * @throws AivmValidationException listing every field that breaks a rule
     */
    public DeploymentSpec build() {
      List<Problem> problems = new ArrayList<>();
      if (consensus != null && consensus.kind() == Consensus.Kind.K_OF_N
          && (consensus.k() < 1 || consensus.n() > MAX_NODES || consensus.k() > consensus.n())) {
        problems.add(Problem.of("consensus", "k_of_n", consensus.k() + "-of-" + consensus.n(),
            "k-of-n needs 1 ≤ k ≤ n ≤ " + MAX_NODES + ", was k=" + consensus.k() + ", n=" + consensus.n()));
      }
      if (minimumNodes != null && (minimumNodes < 1 || minimumNodes > MAX_NODES)) {
        problems.add(Problem.of("nodes.minimum", "range", minimumNodes, "from 1 to " + MAX_NODES));
      }
      if (new HashSet<>(nodes).size() != nodes.size()) {
        problems.add(Problem.of("nodes.addresses", "unique", nodes.size(), "a node is named twice"));
      }
      if (nodes.size() > MAX_NODES) {
        problems.add(Problem.of("nodes.addresses", "maxItems", nodes.size(), "at most " + MAX_NODES + " nodes"));
      }
      positive(problems, "timeouts.firstChunkMs", firstChunkTimeout);
      positive(problems, "timeouts.totalMs", totalTimeout);
      if (firstChunkTimeout != null && totalTimeout != null && firstChunkTimeout.compareTo(totalTimeout) > 0) {
        problems.add(Problem.of("timeouts.firstChunkMs", "range", firstChunkTimeout.toMillis(),
            "the first chunk's timeout is longer than the whole inference's (" + totalTimeout.toMillis() + " ms)"));
      }
      amount(problems, "pricing.maxPricePerUnit", maxPricePerUnit);
      amount(problems, "pricing.lockAmount", lockAmount);
      if (!problems.isEmpty()) {
        throw new AivmValidationException(problems);
      }
      return new DeploymentSpec(this);
    }

    private static void positive(List<Problem> problems, String path, Duration d) {
      if (d != null && (d.isNegative() || d.toMillis() < 1)) {
        problems.add(Problem.of(path, "minimum", d.toMillis(), "at least 1 ms, was " + d));
      }
    }

    private static void amount(List<Problem> problems, String path, BigDecimal amount) {
      if (amount != null && (amount.signum() < 0 || amount.precision() - amount.scale() > 78 || amount.scale() > 78)) {
        problems.add(Problem.of(path, "decimal", amount.toPlainString(),
            "a non-negative amount with at most 78 digits before and after the point"));
      }
    }
  }
}
