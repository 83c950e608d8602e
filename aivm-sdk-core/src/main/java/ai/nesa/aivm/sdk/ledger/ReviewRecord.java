package ai.nesa.aivm.sdk.ledger;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import java.time.Instant;
import java.util.Objects;

/**
 * A reviewer's rating of a version: one per reviewer and version, the latest.
 *
 * @param model the model
 * @param version the version reviewed
 * @param reviewer who reviewed it
 * @param rating from 1 to 5
 * @param textCid the CID of the review's text
 * @param reviewedAt when the ledger applied it
 * @since 0.1.0
 */
public record ReviewRecord(ModelId model, Semver version, Address reviewer, int rating, Cid textCid, Instant reviewedAt) {
  public ReviewRecord {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(reviewer, "reviewer");
    Objects.requireNonNull(textCid, "textCid");
    Objects.requireNonNull(reviewedAt, "reviewedAt");
  }
}
