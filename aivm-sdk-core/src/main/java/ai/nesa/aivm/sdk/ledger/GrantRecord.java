package ai.nesa.aivm.sdk.ledger;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A node's standing grant of a model's data key (or a share of it) in the current key epoch.
 *
 * @param model the model
 * @param node the node's address
 * @param epoch the key epoch
 * @param wrappedKey the key or share, wrapped to the node's encryption key
 * @param version the one version it is limited to; empty for every version of the epoch
 * @param grantedAt when the ledger applied it
 * @since 0.1.0
 */
public record GrantRecord(ModelId model, Address node, long epoch, byte[] wrappedKey, Optional<Semver> version,
    Instant grantedAt) {
  public GrantRecord {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(grantedAt, "grantedAt");
    wrappedKey = Objects.requireNonNull(wrappedKey, "wrappedKey").clone();
  }

  /** A copy of the wrapped key. */
  @Override
  public byte[] wrappedKey() {
    return wrappedKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GrantRecord g && model.equals(g.model) && node.equals(g.node) && epoch == g.epoch
        && Arrays.equals(wrappedKey, g.wrappedKey) && version.equals(g.version) && grantedAt.equals(g.grantedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, node, epoch, Arrays.hashCode(wrappedKey), version, grantedAt);
  }

  @Override
  public String toString() {
    return "GrantRecord[" + model + " to " + node + ", epoch " + epoch + ", " + wrappedKey.length + "-byte wrapped key"
        + version.map(v -> ", version " + v.text()).orElse("") + ", " + grantedAt + "]";
  }
}
