package ai.nesa.aivm.sdk.ledger;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.models.Access;
import java.time.Instant;
import java.util.Objects;

/**
 * A model as the ledger records it.
 *
 * @param id the model's name
 * @param owner who may publish, deprecate, transfer and grant
 * @param access public or private
 * @param epoch the current key epoch: 0 until the first {@link LedgerAction.RotateEpoch}
 * @param threshold how many shares open the current epoch's key (1 when each grant wraps the whole key)
 * @param registeredAt when the ledger applied the registration
 * @since 0.1.0
 */
public record ModelRecord(ModelId id, Address owner, Access access, long epoch, int threshold, Instant registeredAt) {
  public ModelRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(registeredAt, "registeredAt");
  }
}
