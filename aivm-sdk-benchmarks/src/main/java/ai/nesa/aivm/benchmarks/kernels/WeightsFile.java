package ai.nesa.aivm.benchmarks.kernels;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * A stand-in weights file: {@code size} pseudo-random bytes from a fixed seed, every byte really
 * written (no sparse holes, no repeating pattern a store could deduplicate).
 */
final class WeightsFile {
  private static final long SEED = 0x41_49_56_4dL;
  private static final int BUFFER = 1 << 20;

  private WeightsFile() {}

  /** Writes {@code size} bytes to {@code file}, replacing it, and forces them to disk. */
  static Path create(Path file, long size) throws IOException {
    SplittableRandom random = new SplittableRandom(SEED);
    byte[] bytes = new byte[BUFFER];
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      for (long left = size; left > 0; ) {
        int n = (int) Math.min(BUFFER, left);
        random.nextBytes(bytes);
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, n);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        left -= n;
      }
      out.force(true);
    }
    return file;
  }

  /**
   * Reads the whole file once and drops the bytes, so that what follows reads it from the page
   * cache (dropping the cache instead would need root).
   */
  static void warm(Path file) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      while (in.read(buffer) >= 0) {
        buffer.clear();
      }
    }
  }
}
