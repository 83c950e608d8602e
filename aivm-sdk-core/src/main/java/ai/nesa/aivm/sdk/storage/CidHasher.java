package ai.nesa.aivm.sdk.storage;

import java.nio.ByteBuffer;

/**
 * Computes a file's CIDs from its bytes as they are written to it, so the bytes can go to storage
 * in the same pass.
 *
 * <p>A hasher holds one chunk at most, whatever the file's size. It is not thread-safe and is
 * used once: {@link #finish()} ends it.
 *
 * <pre>{@code
 * CidHasher hasher = ContentIds.v1Only().newHasher();
 * while ((n = in.read(buffer)) > 0) {
 *   hasher.update(buffer, 0, n);
 *   out.write(buffer, 0, n);
 * }
 * FileCids cids = hasher.finish();
 * }</pre>
 *
 * @since 0.1.0
 */
public interface CidHasher {
  /** Adds {@code length} bytes of {@code bytes} from {@code offset}. */
  void update(byte[] bytes, int offset, int length);

  /** Adds the remaining bytes of {@code bytes}, leaving its position at its limit. */
  void update(ByteBuffer bytes);

  /**
   * Ends the file and returns its CIDs.
   *
   * @throws IllegalStateException when called twice
   */
  FileCids finish();
}
