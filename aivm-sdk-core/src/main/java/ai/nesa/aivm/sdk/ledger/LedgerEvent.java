package ai.nesa.aivm.sdk.ledger;

import ai.nesa.aivm.crypto.Address;
import java.time.Instant;
import java.util.Objects;

/**
 * One change the ledger applied, in the order it applied them: the action and who signed it.
 *
 * @param sequence the event's place in the log, from 1, without gaps
 * @param action what changed
 * @param signer who signed the request
 * @param appliedAt when the ledger applied it
 * @since 0.1.0
 */
public record LedgerEvent(long sequence, LedgerAction action, Address signer, Instant appliedAt) {
  public LedgerEvent {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence >= 1: " + sequence);
    }
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(appliedAt, "appliedAt");
  }
}
