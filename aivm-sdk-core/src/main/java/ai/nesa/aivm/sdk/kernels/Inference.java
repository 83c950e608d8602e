package ai.nesa.aivm.sdk.kernels;

import java.util.Objects;
import java.util.Optional;

/**
 * How a kernel is run: on one node or distributed, how results are agreed on, and the code that
 * combines distributed results.
 *
 * @param mode single node or distributed
 * @param consensus how results are agreed on
 * @param aggregationEntrypoint the bundle path of the aggregation code; null when there is none
 *     (required when distributed)
 * @since 0.1.0
 */
public record Inference(InferenceMode mode, Consensus consensus, String aggregationEntrypoint) {
  public Inference {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(consensus, "consensus");
  }

  /** One node, no consensus: the default when {@code aivm.json} has no {@code inference}. */
  public static Inference singleNode() {
    return new Inference(InferenceMode.SINGLE_NODE, Consensus.none(), null);
  }

  /** The aggregation code's bundle path, when there is one. */
  public Optional<String> aggregation() {
    return Optional.ofNullable(aggregationEntrypoint);
  }
}
