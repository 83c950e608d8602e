package ai.nesa.aivm.sdk.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/** Deterministic test files in the module's {@code target/} folder, which tests delete afterwards. */
final class TestFiles {
  /** Where the files go: inside the build output, never the source tree. */
  static final Path DIR = Path.of("target", "cid-interop").toAbsolutePath();

  private TestFiles() {}

  /** Writes {@code size} pseudo-random bytes drawn from {@code seed} to {@code DIR/name}. */
  static Path write(String name, long size, long seed) {
    Path file = DIR.resolve(name);
    SplittableRandom random = new SplittableRandom(seed);
    byte[] block = new byte[1 << 20];
    try {
      Files.createDirectories(DIR);
      try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        for (long left = size; left > 0; ) {
          int n = (int) Math.min(left, block.length);
          random.nextBytes(block);
          ByteBuffer buffer = ByteBuffer.wrap(block, 0, n);
          while (buffer.hasRemaining()) {
            out.write(buffer);
          }
          left -= n;
        }
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code file} if it is there. */
  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
