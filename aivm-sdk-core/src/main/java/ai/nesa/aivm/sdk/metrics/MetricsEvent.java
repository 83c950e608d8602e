package ai.nesa.aivm.sdk.metrics;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.inference.DeploymentStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event of the live feed ({@link MetricsFeed#events}): what happened, when, and where. Every
 * event but a {@link Gap} carries the gateway's id, which the feed resumes after.
 *
 * <p>Inference events are per node: an inference on three nodes is three {@link InferenceStarted}
 * and three {@link InferenceCompleted} (or {@link InferenceFailed}), each with its node's latency,
 * units and cost.
 *
 * @since 0.1.0
 */
public sealed interface MetricsEvent {
  /** What kind of event this is. */
  Kind kind();

  /** When it happened, as the gateway says; for a gap, when the feed received it. */
  Instant time();

  /** The kinds, by their wire names; {@link #GAP} is the feed's own. */
  enum Kind {
    INFERENCE_STARTED("inference_started"),
    INFERENCE_COMPLETED("inference_completed"),
    INFERENCE_FAILED("inference_failed"),
    DEPLOYMENT_CHANGED("deployment_changed"),
    VERSION_PUBLISHED("version_published"),
    ACCESS_GRANTED("access_granted"),
    ACCESS_REVOKED("access_revoked"),
    /** Events were lost: see {@link Gap}. Never filtered out. */
    GAP("gap");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    /** The kind named {@code wireName}, or null. */
    public static Kind fromWire(String wireName) {
      for (Kind k : values()) {
        if (k.wireName.equals(wireName)) {
          return k;
        }
      }
      return null;
    }
  }

  /** Where an inference ran: the model's version, the deployment, the inference and the node. */
  record InferenceRef(ModelId model, Semver version, String deployment, String inference, Address node) {
    public InferenceRef {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(deployment, "deployment");
      Objects.requireNonNull(inference, "inference");
      Objects.requireNonNull(node, "node");
    }
  }

  /** A node started its run of an inference. */
  record InferenceStarted(String id, Instant time, InferenceRef ref) implements MetricsEvent {
    public InferenceStarted {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(ref, "ref");
    }

    @Override
    public Kind kind() {
      return Kind.INFERENCE_STARTED;
    }
  }

  /**
   * A node's run ended with an output.
   *
   * @param latencyMs the node's run, in milliseconds
   * @param cost the node's units in and out at the deployment's price
   */
  record InferenceCompleted(String id, Instant time, InferenceRef ref, double latencyMs, long unitsIn, long unitsOut,
      BigDecimal cost) implements MetricsEvent {
    public InferenceCompleted {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(cost, "cost");
    }

    @Override
    public Kind kind() {
      return Kind.INFERENCE_COMPLETED;
    }
  }

  /**
   * A node's run ended without an output.
   *
   * @param errorCode the error's stable code: on the devnet {@code invalid_request} (the node refused the
   *     input), {@code cancelled} or {@code node_failed}
   * @param errorMessage what happened
   */
  record InferenceFailed(String id, Instant time, InferenceRef ref, double latencyMs, String errorCode,
      String errorMessage) implements MetricsEvent {
    public InferenceFailed {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(errorCode, "errorCode");
      Objects.requireNonNull(errorMessage, "errorMessage");
    }

    @Override
    public Kind kind() {
      return Kind.INFERENCE_FAILED;
    }
  }

  /** A deployment was made, became ready, failed or was deleted. */
  record DeploymentChanged(String id, Instant time, ModelId model, Semver version, String deployment,
      DeploymentStatus status) implements MetricsEvent {
    public DeploymentChanged {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(deployment, "deployment");
      Objects.requireNonNull(status, "status");
    }

    @Override
    public Kind kind() {
      return Kind.DEPLOYMENT_CHANGED;
    }
  }

  /** A version was published on the ledger. */
  record VersionPublished(String id, Instant time, ModelId model, Semver version) implements MetricsEvent {
    public VersionPublished {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(version, "version");
    }

    @Override
    public Kind kind() {
      return Kind.VERSION_PUBLISHED;
    }
  }

  /** A node was granted a private model's key (limited to {@code version} when the grant names one). */
  record AccessGranted(String id, Instant time, ModelId model, Optional<Semver> version, Address node)
      implements MetricsEvent {
    public AccessGranted {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(node, "node");
    }

    @Override
    public Kind kind() {
      return Kind.ACCESS_GRANTED;
    }
  }

  /** A node's grant of a private model was revoked. */
  record AccessRevoked(String id, Instant time, ModelId model, Address node) implements MetricsEvent {
    public AccessRevoked {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(node, "node");
    }

    @Override
    public Kind kind() {
      return Kind.ACCESS_REVOKED;
    }
  }

  /**
   * Events were lost: the gateway no longer held those after {@code from} (it restarted, or the
   * subscriber fell further behind than its replay buffer holds). The feed goes on with the event
   * {@code to}, when the gateway named one.
   *
   * @param from the last event id received before the gap
   * @param to the id of the next event, when the gateway held one
   */
  record Gap(String from, Optional<String> to, Instant time) implements MetricsEvent {
    public Gap {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(time, "time");
    }

    @Override
    public Kind kind() {
      return Kind.GAP;
    }
  }
}
