package ai.nesa.aivm.sdk.kernels;

/**
 * Where an upload is, as {@link UploadProgress#stage()} reports it.
 *
 * @since 0.1.0
 */
public enum UploadStage {
  /** Checking the bundle against its config; before any byte is stored. */
  VALIDATING,
  /** Resuming: hashing a file again to see whether the store already holds it. */
  CHECKING,
  /** Streaming a file (encrypting it on the way, for a private kernel) into the store. */
  STORING,
  /** A file is stored and its CID matched the one the SDK computed. */
  STORED,
  /** A file was already stored whole by an earlier attempt, with the same bytes: not sent again. */
  SKIPPED,
  /** Storing the manifest. */
  MANIFEST,
  /** Every file and the manifest are stored. */
  DONE
}
