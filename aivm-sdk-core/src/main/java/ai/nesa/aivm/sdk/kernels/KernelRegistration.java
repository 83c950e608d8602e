package ai.nesa.aivm.sdk.kernels;

import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRequestKind;
import ai.nesa.aivm.sdk.ledger.ModelRecord;
import ai.nesa.aivm.sdk.ledger.VersionRecord;
import java.util.List;
import java.util.Objects;

/**
 * A published kernel as the ledger records it after {@link KernelUploader#register}: the model, the
 * version with its manifest, and the receipts of the requests the registration made (none when
 * the ledger held the version with this manifest already).
 *
 * @param model the model's record (its owner, access and key epoch)
 * @param version the version's record (manifest CID and hash, publisher, time)
 * @param receipts the applied requests, in order: {@code register_model} if the model was new,
 *     then {@code publish_version}
 * @since 0.1.0
 */
public record KernelRegistration(ModelRecord model, VersionRecord version, List<LedgerReceipt> receipts) {
  public KernelRegistration {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(version, "version");
    receipts = List.copyOf(receipts);
  }

  /** Whether this registration registered the model (it was new to the ledger). */
  public boolean registeredModel() {
    return receipts.stream().anyMatch(r -> r.kind() == LedgerRequestKind.REGISTER_MODEL);
  }

  /** Whether this registration published the version (false: the ledger had it with this manifest). */
  public boolean publishedVersion() {
    return receipts.stream().anyMatch(r -> r.kind() == LedgerRequestKind.PUBLISH_VERSION);
  }
}
