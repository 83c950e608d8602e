package ai.nesa.aivm.benchmarks.kernels;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * A second, informational baseline: the floor of any local content-addressed store on this disk.
 * SHA-256 over the file as in {@link Sha256Baseline}, each 1 MiB also written to a new file, which
 * is then forced to disk: the hash, write and fsync the SDK's local store does, without its code.
 */
final class HashAndCopy {
  private HashAndCopy() {}

  /** Hashes {@code from} while copying it to the new file {@code to}; returns the SHA-256. */
  static byte[] copy(Path from, Path to) throws IOException {
    MessageDigest sha256 = Sha256Baseline.sha256();
    ByteBuffer buffer = ByteBuffer.allocate(Sha256Baseline.BUFFER);
    try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
        FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        sha256.update(buffer.array(), 0, n);
        buffer.flip();
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        buffer.clear();
      }
      out.force(true);
    }
    return sha256.digest();
  }
}
