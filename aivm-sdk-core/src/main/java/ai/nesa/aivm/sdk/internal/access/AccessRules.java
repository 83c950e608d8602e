package ai.nesa.aivm.sdk.internal.access;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.Eip712;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerDomain;
import ai.nesa.aivm.sdk.ledger.ModelRecord;
import ai.nesa.aivm.sdk.ledger.NodeRecord;
import ai.nesa.aivm.sdk.models.Access;
import java.util.Objects;
import java.util.Optional;

/** Who may run what, read from a ledger: shared by the owner's and the node's side. */
public final class AccessRules {
  private AccessRules() {}

  /**
   * Whether {@code node} may run {@code model}: a registered node for a public model, a node
   * holding a grant of the current epoch for a private one; false for an unknown model.
   */
  public static boolean mayRun(Ledger ledger, ModelId model, Address node) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(node, "node");
    Optional<ModelRecord> record = ledger.model(model);
    if (record.isEmpty() || ledger.node(node).isEmpty()) {
      return false;
    }
    if (record.get().access() != Access.PRIVATE) {
      return true;
    }
    long epoch = record.get().epoch();
    return ledger.grants(model).stream().anyMatch(g -> g.node().equals(node) && g.epoch() == epoch);
  }

  /** Whether the node's {@code NodeRegistration} signature is its operator's, in the ledger's domain. */
  public static boolean registrationVerifies(LedgerDomain domain, NodeRecord node) {
    try {
      Address signer = Eip712.recover(LedgerAction.RegisterNode.registrationTypedData(domain, node.address(),
          node.encryptionPublicKey(), node.endpoint()), node.registrationSignature());
      return signer.equals(node.address());
    } catch (CryptoException e) {
      return false;
    }
  }
}
