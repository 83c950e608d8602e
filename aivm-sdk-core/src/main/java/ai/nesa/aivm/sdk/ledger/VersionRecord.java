package ai.nesa.aivm.sdk.ledger;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A published version: the manifest that says what its files are.
 *
 * @param model the model
 * @param version the version
 * @param manifestCid the CID of the manifest's canonical JSON in the store
 * @param manifestHash the manifest's Keccak-256 hash, {@code Manifest.hash()}
 * @param publisher who published it (the owner at the time)
 * @param publishedAt when the ledger applied it
 * @param deprecation the reason given when it was deprecated; empty while it is not
 * @since 0.1.0
 */
public record VersionRecord(ModelId model, Semver version, Cid manifestCid, Hash32 manifestHash, Address publisher,
    Instant publishedAt, Optional<String> deprecation) {
  public VersionRecord {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(manifestCid, "manifestCid");
    Objects.requireNonNull(manifestHash, "manifestHash");
    Objects.requireNonNull(publisher, "publisher");
    Objects.requireNonNull(publishedAt, "publishedAt");
    Objects.requireNonNull(deprecation, "deprecation");
  }

  /** Whether the version was deprecated. */
  public boolean deprecated() {
    return deprecation.isPresent();
  }
}
