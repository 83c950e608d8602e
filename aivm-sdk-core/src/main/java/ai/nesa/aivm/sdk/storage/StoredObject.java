package ai.nesa.aivm.sdk.storage;

import ai.nesa.aivm.sdk.Cid;
import java.util.Objects;

/**
 * An object a {@link KernelStore} holds: its CIDv1 (raw leaves, SHA2-256, 256 KiB chunks) and its
 * size in bytes.
 *
 * @param cid the object's CIDv1, as {@link ContentIds#v1Only()} computes it
 * @param size the object's length in bytes
 * @since 0.1.0
 */
public record StoredObject(Cid cid, long size) {
  public StoredObject {
    Objects.requireNonNull(cid, "cid");
    if (size < 0) {
      throw new IllegalArgumentException("size >= 0: " + size);
    }
  }
}
