package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.sdk.kernels.Consensus;
import java.util.List;
import java.util.Map;

/**
 * The nodes did not agree enough to meet the deployment's consensus policy: said by the gateway
 * ({@code consensus_failed}) or found by the client in the receipts. Each node's output hash is
 * given, so the disagreement can be looked into.
 *
 * @since 0.1.0
 */
public final class ConsensusException extends VerificationException {
  private static final long serialVersionUID = 1L;

  private final transient Consensus.Kind policy;
  private final int required;
  private final transient Map<Address, Hash32> outputHashes;

  public ConsensusException(String inferenceId, Consensus.Kind policy, int required, Map<Address, Hash32> outputHashes,
      List<VerificationFailure> failures) {
    super(inferenceId, failures);
    this.policy = policy;
    this.required = required;
    this.outputHashes = Map.copyOf(outputHashes);
  }

  /** The policy that was not met; null when the gateway reported the failure (it does not name it). */
  public Consensus.Kind policy() {
    return policy;
  }

  /** How many agreeing nodes it needed; 0 when the gateway did not say. */
  public int required() {
    return required;
  }

  /**
   * Each answering node's output hash: from the receipts that checked out, or as the gateway listed
   * them in its {@code consensus_failed} details.
   */
  public Map<Address, Hash32> outputHashes() {
    return outputHashes;
  }
}
