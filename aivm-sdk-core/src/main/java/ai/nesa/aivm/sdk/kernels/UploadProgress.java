package ai.nesa.aivm.sdk.kernels;

import java.util.Objects;
import java.util.Optional;

/**
 * How far an upload has come, as an {@link UploadListener} sees it.
 *
 * <p>Byte counts are of the files as they are in the bundle (the plaintext, for a private kernel),
 * so that {@code bytesDone / bytesTotal} is the fraction done whatever the encryption adds.
 * Skipped files count as done. While a resume hashes a file again ({@link UploadStage#CHECKING}),
 * {@code fileBytesDone} moves and {@code bytesDone} waits until the file is skipped or stored.
 *
 * @param stage what the upload is doing
 * @param path the bundle path of the file concerned; null for {@link UploadStage#VALIDATING},
 *     {@link UploadStage#MANIFEST} and {@link UploadStage#DONE}
 * @param fileBytesDone bytes of that file read so far
 * @param fileSize that file's size (0 when no file is concerned)
 * @param bytesDone bytes of the whole bundle done so far
 * @param bytesTotal bytes of the whole bundle
 * @since 0.1.0
 */
public record UploadProgress(UploadStage stage, String path, long fileBytesDone, long fileSize,
    long bytesDone, long bytesTotal) {

  public UploadProgress {
    Objects.requireNonNull(stage, "stage");
  }

  /** The file concerned, if any. */
  public Optional<String> file() {
    return Optional.ofNullable(path);
  }

  /** The fraction of the bundle done, from 0 to 1 (1 for an empty bundle). */
  public double fraction() {
    return bytesTotal == 0 ? 1.0 : (double) bytesDone / bytesTotal;
  }
}
