package ai.nesa.aivm.benchmarks.kernels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes what the benchmarks leave on disk. */
final class Trees {
  private Trees() {}

  /** Deletes {@code path} and everything under it; nothing when it does not exist. */
  static void delete(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * Creates a fresh directory under {@code parent} that is deleted when the JVM exits, also on
   * Ctrl-C, where a {@code finally} block would not run: gigabytes must not be left behind.
   */
  static Path temporaryDirectory(Path parent, String prefix) throws IOException {
    Path dir = Files.createTempDirectory(parent, prefix);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "delete " + dir));
    return dir;
  }

  /** As {@link #delete}, telling {@code System.err} instead of throwing: for clean-up on the way out. */
  static void deleteQuietly(Path path) {
    try {
      delete(path);
    } catch (IOException | RuntimeException e) {
      System.err.println("could not delete " + path + ": " + e);
    }
  }
}
