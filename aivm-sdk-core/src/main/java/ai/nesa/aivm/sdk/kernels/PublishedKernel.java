package ai.nesa.aivm.sdk.kernels;

import ai.nesa.aivm.sdk.Cid;
import java.util.Objects;

/**
 * A kernel whose files and manifest are in the store: what to register, sign or hand to nodes.
 *
 * @param manifest the manifest of the stored files
 * @param manifestCid the CIDv1 of the manifest's canonical JSON in the store
 * @param storedFiles how many files this upload sent to the store
 * @param skippedFiles how many files an earlier attempt had already stored ({@link
 *     UploadStage#SKIPPED})
 * @since 0.1.0
 */
public record PublishedKernel(Manifest manifest, Cid manifestCid, int storedFiles, int skippedFiles) {
  public PublishedKernel {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(manifestCid, "manifestCid");
  }
}
