package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.kernels.Consensus;
import java.util.List;
import java.util.Objects;

/**
 * How the gateway says the nodes agreed. The client checks it against the receipts ({@link
 * VerificationReport}); this is the gateway's claim.
 *
 * @param policy the policy applied; null when the gateway named one this SDK does not know
 * @param agreeing how many nodes gave the chosen output
 * @param total how many nodes answered
 * @param dissenters the nodes whose output differed from the chosen one
 * @since 0.1.0
 */
public record ConsensusOutcome(Consensus.Kind policy, int agreeing, int total, List<Address> dissenters) {
  public ConsensusOutcome {
    dissenters = List.copyOf(Objects.requireNonNull(dissenters, "dissenters"));
  }
}
