package ai.nesa.aivm.devnet.internal;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.devnet.NodeResult;
import ai.nesa.aivm.sdk.kernels.Consensus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployment's consensus policy applied to its nodes' answers, compared by output hash.
 *
 * <ul>
 *   <li>{@code none}: the first answering node's output, in the deployment's order.
 *   <li>{@code majority}: the largest group, when it holds more than half of the deployment's
 *       nodes (not of those that answered).
 *   <li>{@code k_of_n}: the largest group, when it holds at least {@code k} nodes.
 * </ul>
 *
 * <p>Of groups of one size, the one whose first node comes first in the deployment wins. Dissenters
 * are the answering nodes whose output differs from the chosen one.
 *
 * @param chosen the chosen node answer, empty when no output met the policy
 * @param agreeing how many nodes gave the chosen output
 * @param dissenters the nodes whose output differs from it
 */
public record Vote(Optional<NodeResult> chosen, int agreeing, List<Address> dissenters) {
  /** One node's answer. */
  public record Ballot(Address node, NodeResult result) {}

  /** Applies {@code consensus} to {@code answered} (in deployment order) of a deployment of {@code nodes} nodes. */
  public static Vote decide(Consensus consensus, int nodes, List<Ballot> answered) {
    Map<Hash32, List<Ballot>> groups = new LinkedHashMap<>();
    for (Ballot b : answered) {
      groups.computeIfAbsent(b.result().output().hash(), h -> new ArrayList<>()).add(b);
    }
    List<Ballot> best = List.of();
    if (consensus.kind() == Consensus.Kind.NONE) {
      best = answered.isEmpty() ? List.of() : groups.get(answered.get(0).result().output().hash());
    } else {
      for (List<Ballot> g : groups.values()) {
        if (g.size() > best.size()) {
          best = g;
        }
      }
    }
    int needed = switch (consensus.kind()) {
      case NONE -> 1;
      case MAJORITY -> nodes / 2 + 1;
      case K_OF_N -> consensus.k();
    };
    if (best.isEmpty() || best.size() < needed) {
      return new Vote(Optional.empty(), best.size(), List.of());
    }
    Hash32 chosen = best.get(0).result().output().hash();
    List<Address> dissenters = answered.stream().filter(b -> !b.result().output().hash().equals(chosen))
        .map(Ballot::node).toList();
    return new Vote(Optional.of(best.get(0).result()), best.size(), dissenters);
  }
}
