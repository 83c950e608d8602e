package ai.nesa.aivm.benchmarks.kernels;

import ai.nesa.aivm.benchmarks.Timing;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The disk space left where a benchmark writes, as {@code df} reports it. */
final class FreeSpace {
  private FreeSpace() {}

  /** Bytes available to this user on the file system holding {@code dir}. */
  static long available(Path dir) throws IOException, InterruptedException {
    Process df = new ProcessBuilder(List.of("df", "-P", "-B1", dir.toString()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .start();
    String out = new String(df.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (df.waitFor() != 0) {
      throw new IOException("df " + dir + " failed: " + out);
    }
    // POSIX format: a header, then "filesystem blocks used available capacity mount".
    String[] lines = out.strip().split("\n");
    String[] fields = lines[lines.length - 1].trim().split("\\s+");
    return Long.parseLong(fields[3]);
  }

  /**
   * Exits 2 with a message when fewer than {@code needed} bytes are free under {@code dir};
   * prints what is free otherwise.
   */
  static void require(Path dir, long needed, String what) throws IOException, InterruptedException {
    long free = available(dir);
    System.out.printf(java.util.Locale.ROOT, "disk       %s free in %s, %s needed (%s)%n", Timing.mib(free), dir, Timing.mib(needed), what);
    if (free < needed) {
      System.err.println("refusing to run: not enough disk space in " + dir + "; give another directory as an "
          + "argument or a smaller size");
      System.exit(2);
    }
  }
}
