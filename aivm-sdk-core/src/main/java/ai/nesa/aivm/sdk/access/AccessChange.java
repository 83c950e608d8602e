package ai.nesa.aivm.sdk.access;

import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.ledger.GrantRecord;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import java.util.List;
import java.util.Objects;

/**
 * Who may run a private model after a change of its access: the key epoch, how many shares open
 * its key, the standing grants, and the ledger's receipts of the requests the change took.
 *
 * @param model the model
 * @param epoch its key epoch now
 * @param threshold how many nodes' shares open the epoch's key (1: each grant holds the whole key)
 * @param grants every standing grant of the model, in the ledger's order
 * @param receipts the receipts of the requests this change applied, in order
 * @since 0.1.0
 */
public record AccessChange(ModelId model, long epoch, int threshold, List<GrantRecord> grants,
    List<LedgerReceipt> receipts) {
  public AccessChange {
    Objects.requireNonNull(model, "model");
    grants = List.copyOf(grants);
    receipts = List.copyOf(receipts);
  }
}
