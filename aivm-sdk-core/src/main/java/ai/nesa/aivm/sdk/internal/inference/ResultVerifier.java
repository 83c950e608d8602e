package ai.nesa.aivm.sdk.internal.inference;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.sdk.inference.ConsensusException;
import ai.nesa.aivm.sdk.inference.Deployment;
import ai.nesa.aivm.sdk.inference.InferenceResult;
import ai.nesa.aivm.sdk.inference.Receipt;
import ai.nesa.aivm.sdk.inference.VerificationException;
import ai.nesa.aivm.sdk.inference.VerificationFailure.Check;
import ai.nesa.aivm.sdk.inference.VerificationFailure;
import ai.nesa.aivm.sdk.inference.VerificationReport;
import ai.nesa.aivm.sdk.kernels.Consensus;
import ai.nesa.aivm.sdk.ledger.LedgerDomain;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a result against its receipts, the ledger and the deployment's consensus policy. Strict:
 * any receipt that fails a check fails the result, even when enough others agree, since a receipt
 * that does not check out means something between the node and the client is not what it says.
 * A node whose valid receipt binds another output is not a failure but a dissenter.
 */
final class ResultVerifier {
  private final TrustSource trust;
  private final SignerKeys signers = new SignerKeys();

  ResultVerifier(TrustSource trust) {
    this.trust = trust;
  }

  /** How many agreeing nodes {@code consensus} needs on a deployment of {@code nodes} nodes. */
  static int required(Consensus consensus, int nodes) {
    return switch (consensus.kind()) {
      case NONE -> 1;
      case MAJORITY -> nodes / 2 + 1;
      case K_OF_N -> consensus.k();
    };
  }

  /**
   * @throws VerificationException listing every failed check
   * @throws ConsensusException when the receipts check out but too few bind the output
   */
  VerificationReport verify(InferenceResult result, Hash32 inputHash, Deployment deployment) {
    Consensus consensus = deployment.consensus();
    int required = required(consensus, deployment.nodes().size());
    List<VerificationFailure> failures = new ArrayList<>();
    if (result.receipts().isEmpty()) {
      failures.add(new VerificationFailure(null, Check.RECEIPTS_PRESENT,
          "the result carries no receipts; ask for them, or skip verification explicitly"));
      throw new VerificationException(result.id(), failures);
    }
    if (!result.deployment().equals(deployment.id())) {
      failures.add(new VerificationFailure(null, Check.RECEIPT_FIELDS, "the result is of deployment "
          + result.deployment() + ", not " + deployment.id()));
    }
    LedgerDomain domain = trust.domain();
    Optional<Hash32> manifest = trust.manifestHash(result.model(), result.version());
    boolean isPrivate = trust.isPrivate(result.model());
    Set<Address> deploymentNodes = new HashSet<>(deployment.nodes());
    Set<Address> seen = new HashSet<>();
    Map<Address, Hash32> valid = new LinkedHashMap<>();
    for (Receipt receipt : result.receipts()) {
      int before = failures.size();
      Address node = receipt.node();
      if (!seen.add(node)) {
        failures.add(new VerificationFailure(node, Check.UNIQUE_NODE, "the node has more than one receipt"));
        continue;
      }
      checkFields(result, receipt, failures);
      if (!receipt.inputHash().equals(inputHash)) {
        failures.add(new VerificationFailure(node, Check.INPUT_HASH, "the receipt binds input " + receipt.inputHash()
            + ", not the input sent (" + inputHash + ")"));
      }
      if (manifest.isEmpty()) {
        failures.add(new VerificationFailure(node, Check.MANIFEST_HASH, result.model() + "@"
            + result.version().text() + " is not published on the ledger"));
      } else if (!receipt.manifestHash().equals(manifest.get())) {
        failures.add(new VerificationFailure(node, Check.MANIFEST_HASH, "the receipt binds manifest "
            + receipt.manifestHash() + ", the ledger published " + manifest.get()));
      }
      if (!signers.signed(receipt, domain)) {
        failures.add(new VerificationFailure(node, Check.SIGNATURE,
            "the signature is not the node's over this receipt in the ledger's domain"));
      } else if (!trust.isRegistered(node)) {
        failures.add(new VerificationFailure(node, Check.NODE_REGISTERED, "the signer is not a registered node"));
      } else if (isPrivate && !trust.isAuthorized(result.model(), result.version(), node)) {
        failures.add(new VerificationFailure(node, Check.NODE_AUTHORIZED, "the signer holds no grant of the private "
            + "model " + result.model() + "@" + result.version().text()));
      }
      if (!deploymentNodes.contains(node)) {
        failures.add(new VerificationFailure(node, Check.NODE_IN_DEPLOYMENT, "the signer is not one of deployment "
            + deployment.id() + "'s nodes"));
      }
      if (failures.size() == before) {
        valid.put(node, receipt.outputHash());
      }
    }
    if (!failures.isEmpty()) {
      throw new VerificationException(result.id(), failures);
    }
    Hash32 output = result.output().hash();
    List<Address> agreeing = new ArrayList<>();
    List<Address> dissenters = new ArrayList<>();
    valid.forEach((node, hash) -> (hash.equals(output) ? agreeing : dissenters).add(node));
    if (agreeing.size() < required) {
      failures.add(new VerificationFailure(null, Check.CONSENSUS, agreeing.size() + " valid receipt(s) bind the "
          + "returned output; " + consensus.kind().wireName() + " on " + deployment.nodes().size() + " node(s) needs "
          + required));
      throw new ConsensusException(result.id(), consensus.kind(), required, valid, failures);
    }
    return new VerificationReport(true, consensus.kind(), required, agreeing, dissenters);
  }

  private static void checkFields(InferenceResult result, Receipt receipt, List<VerificationFailure> failures) {
    List<String> wrong = new ArrayList<>();
    if (!receipt.requestId().equals(result.id())) {
      wrong.add("request " + receipt.requestId());
    }
    if (!receipt.model().equals(result.model())) {
      wrong.add("model " + receipt.model());
    }
    if (!receipt.version().equals(result.version())) {
      wrong.add("version " + receipt.version().text());
    }
    if (!wrong.isEmpty()) {
      failures.add(new VerificationFailure(receipt.node(), Check.RECEIPT_FIELDS, "the receipt names "
          + String.join(", ", wrong) + " instead of the result's"));
    }
  }
}
