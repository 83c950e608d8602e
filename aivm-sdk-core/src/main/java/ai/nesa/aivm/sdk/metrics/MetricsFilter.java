package ai.nesa.aivm.sdk.metrics;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which events a feed carries: every condition set must hold (AND); no kind set means every kind.
 * A {@link MetricsEvent.Gap} is always carried.
 *
 * <pre>{@code
 * MetricsFilter.builder().model(ModelId.of("acme/sentiment"))
 *     .kinds(Kind.INFERENCE_COMPLETED, Kind.INFERENCE_FAILED).build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class MetricsFilter {
  private static final MetricsFilter ALL = builder().build();
  private static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final ModelId model;
  private final Semver version;
  private final String deployment;
  private final Address node;
  private final Set<MetricsEvent.Kind> kinds;

  private MetricsFilter(Builder b) {
    this.model = b.model;
    this.version = b.version;
    this.deployment = b.deployment;
    this.node = b.node;
    this.kinds = Set.copyOf(b.kinds);
  }

  /** Every event. */
  public static MetricsFilter all() {
    return ALL;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<ModelId> model() {
    return Optional.ofNullable(model);
  }

  public Optional<Semver> version() {
    return Optional.ofNullable(version);
  }

  public Optional<String> deployment() {
    return Optional.ofNullable(deployment);
  }

  public Optional<Address> node() {
    return Optional.ofNullable(node);
  }

  /** The kinds carried; empty for every kind. */
  public Set<MetricsEvent.Kind> kinds() {
    return kinds;
  }

  @Override
  public String toString() {
    return "MetricsFilter{model=" + model + ", version=" + (version == null ? null : version.text()) + ", deployment="
        + deployment + ", node=" + node + ", kinds=" + kinds + "}";
  }

  /** Builds a {@link MetricsFilter}. */
  public static final class Builder {
    private ModelId model;
    private Semver version;
    private String deployment;
    private Address node;
    private final Set<MetricsEvent.Kind> kinds = EnumSet.noneOf(MetricsEvent.Kind.class);

    private Builder() {}

    public Builder model(ModelId model) {
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    public Builder version(Semver version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Only events of this deployment.
     *
     * @throws AivmValidationException naming {@code deployment} unless it is 1 to 64 letters,
     *     digits, {@code _} or {@code -}
     */
    public Builder deployment(String deployment) {
      Objects.requireNonNull(deployment, "deployment");
      if (!RESOURCE_ID.matcher(deployment).matches()) {
        throw AivmValidationException.of("deployment", "pattern", deployment,
            "a deployment id is 1 to 64 letters, digits, '_' or '-'");
      }
      this.deployment = deployment;
      return this;
    }

    public Builder node(Address node) {
      this.node = Objects.requireNonNull(node, "node");
      return this;
    }

    /**
     * Only these kinds (added to those given before).
     *
     * @throws AivmValidationException naming {@code kinds} for {@link MetricsEvent.Kind#GAP}, which
     *     is always carried and cannot be asked for
     */
    public Builder kinds(MetricsEvent.Kind... kinds) {
      for (MetricsEvent.Kind k : kinds) {
        if (Objects.requireNonNull(k, "kind") == MetricsEvent.Kind.GAP) {
          throw AivmValidationException.of("kinds", "enum", "gap",
              "a gap is always delivered; filter on the gateway's event kinds only");
        }
        this.kinds.add(k);
      }
      return this;
    }

    public MetricsFilter build() {
      return new MetricsFilter(this);
    }
  }
}
