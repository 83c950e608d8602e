package ai.nesa.aivm.examples;

import ai.nesa.aivm.sdk.kernels.UploadListener;
import ai.nesa.aivm.sdk.kernels.UploadProgress;
import ai.nesa.aivm.sdk.kernels.UploadStage;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * An {@link UploadListener} that shows an upload's stage, file, percentage, MiB done and speed:
 * on a terminal as one line redrawn in place, elsewhere (a log, a pipe) as a line now and then.
 *
 * <p>On a terminal the line is redrawn at most ten times a second; elsewhere a line is printed
 * when the stage or the file changes and every two seconds while a file streams. Call {@link
 * #finish()} before printing anything else, so that it starts on a line of its own.
 */
final class UploadProgressBar implements UploadListener {
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final long PLAIN_NANOS = 2_000_000_000L;
  private static final int BAR_WIDTH = 24;
  private static final int PATH_WIDTH = 20;
  private static final double MIB = 1024.0 * 1024.0;
  /** Below this a file streams too fast for its speed to mean anything. */
  private static final long MIN_TIMED_BYTES = 1L << 20;

  private final PrintStream out;
  private final boolean terminal;
  private final LongSupplier nanoTime;

  private UploadStage stage;
  private String path;
  private long streamStart;
  private long lastDraw;
  private int drawnWidth;

  UploadProgressBar(PrintStream out, boolean terminal, LongSupplier nanoTime) {
    this.out = Objects.requireNonNull(out, "out");
    this.terminal = terminal;
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /** A bar on {@code out} timed by the system clock. */
  static UploadProgressBar on(PrintStream out, boolean terminal) {
    return new UploadProgressBar(out, terminal, System::nanoTime);
  }

  @Override
  public void onProgress(UploadProgress p) {
    long now = nanoTime.getAsLong();
    boolean changed = p.stage() != stage || !Objects.equals(p.path(), path);
    boolean streams = p.stage() == UploadStage.STORING || p.stage() == UploadStage.CHECKING;
    // The speed of a file is timed from when it started streaming, so STORED still knows it.
    if (!Objects.equals(p.path(), path) || (streams && p.stage() != stage)) {
      streamStart = now;
    }
    stage = p.stage();
    path = p.path();
    long interval = terminal ? REDRAW_NANOS : PLAIN_NANOS;
    if (!changed && now - lastDraw < interval) {
      return;
    }
    lastDraw = now;
    String line = describe(p, now);
    if (terminal) {
      out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
      drawnWidth = line.length();
      if (p.stage() == UploadStage.DONE) {
        finish();
      }
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Ends the line being redrawn, if any, so that what is printed next starts on its own line. */
  void finish() {
    if (drawnWidth > 0) {
      out.println();
      drawnWidth = 0;
    }
  }

  private String describe(UploadProgress p, long now) {
    StringBuilder line = new StringBuilder();
    line.append(String.format(Locale.ROOT, "%-10s %-" + PATH_WIDTH + "s ", p.stage(), shorten(p.file().orElse(""))));
    if (terminal) {
      int filled = (int) Math.round(p.fraction() * BAR_WIDTH);
      line.append('[').append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled)).append("] ");
    }
    line.append(String.format(Locale.ROOT, "%5.1f%% %8.1f/%.1f MiB", 100 * p.fraction(), p.bytesDone() / MIB,
        p.bytesTotal() / MIB));
    boolean timed = p.stage() == UploadStage.STORING || p.stage() == UploadStage.CHECKING
        || p.stage() == UploadStage.STORED;
    double seconds = (now - streamStart) / 1e9;
    if (timed && seconds > 0 && p.fileBytesDone() >= MIN_TIMED_BYTES) {
      line.append(String.format(Locale.ROOT, " %7.1f MiB/s", p.fileBytesDone() / MIB / seconds));
    }
    return line.toString();
  }

  private static String shorten(String path) {
    return path.length() <= PATH_WIDTH ? path : "…" + path.substring(path.length() - PATH_WIDTH + 1);
  }
}
