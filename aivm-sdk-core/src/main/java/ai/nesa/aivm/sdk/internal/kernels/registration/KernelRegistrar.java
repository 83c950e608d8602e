package ai.nesa.aivm.sdk.internal.kernels.registration;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.internal.ledger.LedgerWriter;
import ai.nesa.aivm.sdk.kernels.KernelRegistration;
import ai.nesa.aivm.sdk.kernels.Manifest;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.ModelRecord;
import ai.nesa.aivm.sdk.ledger.VersionRecord;
import ai.nesa.aivm.sdk.models.Access;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records a published kernel on the ledger as its wallet: registers the model when the ledger does
 * not know it (private when the manifest holds encrypted files), then publishes the version with
 * the manifest's CID and hash. Registering the same kernel again changes nothing; a version the
 * ledger holds with another manifest is refused before anything is sent.
 */
public final class KernelRegistrar {
  private final LedgerWriter writer;

  public KernelRegistrar(LedgerWriter writer) {
    this.writer = writer;
  }

  /**
   * Registers {@code kernel}.
   *
   * @throws AivmValidationException when the ledger holds the version with another manifest
   * @throws ai.nesa.aivm.sdk.ledger.LedgerRejectedException when the ledger refuses a request (the
   *     model is another owner's, say)
   */
  public KernelRegistration register(PublishedKernel kernel) {
    Manifest manifest = kernel.manifest();
    ModelId id = manifest.name();
    Semver version = manifest.version();
    Ledger ledger = writer.ledger();
    Optional<VersionRecord> published = ledger.version(id, version);
    if (published.isPresent()) {
      VersionRecord v = published.get();
      if (v.manifestHash().equals(manifest.hash()) && v.manifestCid().equals(kernel.manifestCid())) {
        return new KernelRegistration(ledger.model(id).orElseThrow(), v, List.of());
      }
      throw AivmValidationException.of("manifest.version", "unpublished", version.text(), id + " " + version.text()
          + " is on the ledger already with manifest " + v.manifestCid() + " (hash " + v.manifestHash()
          + "), not " + kernel.manifestCid() + ": a published version never changes; publish a new version");
    }
    List<LedgerReceipt> receipts = new ArrayList<>();
    if (ledger.model(id).isEmpty()) {
      receipts.add(writer.apply(new LedgerAction.RegisterModel(id, access(manifest))));
    }
    receipts.add(writer.apply(new LedgerAction.PublishVersion(id, version, kernel.manifestCid(), manifest.hash())));
    ModelRecord model = ledger.model(id).orElseThrow(() -> new IllegalStateException(
        "the ledger applied " + id + "'s registration but does not show the model"));
    VersionRecord v = ledger.version(id, version).orElseThrow(() -> new IllegalStateException(
        "the ledger applied " + id + " " + version.text() + "'s publication but does not show the version"));
    return new KernelRegistration(model, v, receipts);
  }

  /** Private when any file is encrypted: only a private model's key is granted to nodes. */
  private static Access access(Manifest manifest) {
    return manifest.files().stream().anyMatch(f -> f.encryption().isPresent()) ? Access.PRIVATE : Access.PUBLIC;
  }
}
