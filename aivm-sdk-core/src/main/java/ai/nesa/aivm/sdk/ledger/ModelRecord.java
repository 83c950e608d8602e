package ai.nesa.aivm.sdk.ledger;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.models.Access;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A model as the ledger records it.
 *
 * @param id the model's name
 * @param owner who may publish, deprecate, transfer and grant
 * @param access public or private
 * @param epoch the current key epoch: 0 until the first {@link LedgerAction.RotateEpoch}
 * @param threshold how many shares open the current epoch's key (1 when each grant wraps the whole key)
 * @param keyCommitment the current epoch's key commitment, as its rotation gave it (empty in epoch 0)
 * @param registeredAt when the ledger applied the registration
 * @since 0.1.0
 */
public record ModelRecord(ModelId id, Address owner, Access access, long epoch, int threshold, byte[] keyCommitment,
    Instant registeredAt) {
  public ModelRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(access, "access");
    keyCommitment = Objects.requireNonNull(keyCommitment, "keyCommitment").clone();
    Objects.requireNonNull(registeredAt, "registeredAt");
  }

  /** A copy of the key commitment. */
  @Override
  public byte[] keyCommitment() {
    return keyCommitment.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelRecord m && id.equals(m.id) && owner.equals(m.owner) && access == m.access
        && epoch == m.epoch && threshold == m.threshold && Arrays.equals(keyCommitment, m.keyCommitment)
        && registeredAt.equals(m.registeredAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, owner, access, epoch, threshold, Arrays.hashCode(keyCommitment), registeredAt);
  }

  @Override
  public String toString() {
    return "ModelRecord[" + id + ", owner " + owner + ", " + access.wireName() + ", epoch " + epoch + ", threshold "
        + threshold + ", commitment " + Hex.encode(keyCommitment) + ", " + registeredAt + "]";
  }
}
