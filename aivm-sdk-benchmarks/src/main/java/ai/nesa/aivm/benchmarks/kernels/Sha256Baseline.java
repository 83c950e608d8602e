package ai.nesa.aivm.benchmarks.kernels;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The baseline the publish pipeline is held against: one thread, one {@link MessageDigest}
 * SHA-256 over a file read through a {@link FileChannel} into a 1 MiB heap buffer. It is the least
 * any content-addressed publish must do, since a CID is SHA-256 over every byte.
 */
final class Sha256Baseline {
  static final int BUFFER = 1 << 20;

  private Sha256Baseline() {}

  /** The SHA-256 of {@code file}. */
  static byte[] digest(Path file) throws IOException {
    MessageDigest sha256 = sha256();
    ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        sha256.update(buffer.array(), 0, n);
        buffer.clear();
      }
    }
    return sha256.digest();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
