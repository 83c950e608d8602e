package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.kernels.Consensus;
import java.util.List;
import java.util.Objects;

/**
 * What the client itself checked of a result, from the nodes' receipts: never the gateway's word.
 *
 * @param verified true when every check passed; false only when verification was skipped on request
 * @param policy the consensus policy the result was held to
 * @param required how many agreeing nodes the policy asked for
 * @param agreeing the nodes whose valid receipts bind the returned output, in receipt order
 * @param dissenters the nodes whose valid receipts bind another output: the nodes that lied or erred
 * @since 0.1.0
 */
public record VerificationReport(boolean verified, Consensus.Kind policy, int required, List<Address> agreeing,
    List<Address> dissenters) {
  public VerificationReport {
    Objects.requireNonNull(policy, "policy");
    agreeing = List.copyOf(agreeing);
    dissenters = List.copyOf(dissenters);
  }

  /** The report of a result whose verification was skipped on request. */
  public static VerificationReport skipped(Consensus.Kind policy) {
    return new VerificationReport(false, policy, 0, List.of(), List.of());
  }
}
