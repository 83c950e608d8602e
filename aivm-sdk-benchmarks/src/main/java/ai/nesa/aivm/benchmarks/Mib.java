package ai.nesa.aivm.benchmarks;

import java.util.Locale;

/** Byte counts written in MiB for people. */
final class Mib {
  static final long BYTES = 1024L * 1024;

  private Mib() {}

  static String of(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) BYTES);
  }
}
