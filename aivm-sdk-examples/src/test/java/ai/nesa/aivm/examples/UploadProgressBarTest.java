package ai.nesa.aivm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.sdk.kernels.UploadProgress;
import ai.nesa.aivm.sdk.kernels.UploadStage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress bar redraws one line on a terminal, prints a line now and then elsewhere, and times each file. */
class UploadProgressBarTest {
  private static final long MIB = 1L << 20;
  private static final long SECOND = 1_000_000_000L;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private long now;

  private String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private void at(long nanos, UploadProgressBar bar, UploadStage stage, String path, long fileDone, long fileSize,
      long done) {
    now = nanos;
    bar.onProgress(new UploadProgress(stage, path, fileDone, fileSize, done, 8 * MIB));
  }

  @Test
  void onATerminalOneLineIsRedrawnUntilTheUploadIsDone() {
    UploadProgressBar bar = new UploadProgressBar(out, true, () -> now);

    at(0, bar, UploadStage.STORING, "model.onnx", 0, 8 * MIB, 0);
    at(2 * SECOND, bar, UploadStage.STORING, "model.onnx", 4 * MIB, 8 * MIB, 4 * MIB);
    assertFalse(text().contains("\n"), text());
    assertTrue(text().contains("\rSTORING    model.onnx           [############------------]  50.0%      4.0/8.0 MiB"
        + "     2.0 MiB/s"), text());

    at(4 * SECOND, bar, UploadStage.STORED, "model.onnx", 8 * MIB, 8 * MIB, 8 * MIB);
    at(4 * SECOND, bar, UploadStage.DONE, null, 0, 0, 8 * MIB);

    String last = text().substring(text().lastIndexOf('\r') + 1);
    assertTrue(last.startsWith("DONE") && last.contains("100.0%      8.0/8.0 MiB"), last);
    assertTrue(last.endsWith(" \n"), "spaces wipe what the longer line before left, then the line ends: " + last);
    assertEquals(1, text().chars().filter(c -> c == '\n').count(), text());
  }

  @Test
  void onATerminalRedrawsComeAtMostTenTimesASecond() {
    UploadProgressBar bar = new UploadProgressBar(out, true, () -> now);

    at(0, bar, UploadStage.STORING, "model.onnx", 0, 8 * MIB, 0);
    at(SECOND / 20, bar, UploadStage.STORING, "model.onnx", MIB, 8 * MIB, MIB);

    assertEquals(1, text().chars().filter(c -> c == '\r').count(), text());
  }

  @Test
  void elsewhereALineIsPrintedAtEachStageAndEveryTwoSecondsWhileAFileStreams() {
    UploadProgressBar bar = new UploadProgressBar(out, false, () -> now);

    at(0, bar, UploadStage.VALIDATING, null, 0, 0, 0);
    at(0, bar, UploadStage.STORING, "model.onnx", 0, 8 * MIB, 0);
    at(SECOND, bar, UploadStage.STORING, "model.onnx", MIB, 8 * MIB, MIB);
    at(2 * SECOND, bar, UploadStage.STORING, "model.onnx", 2 * MIB, 8 * MIB, 2 * MIB);
    at(4 * SECOND, bar, UploadStage.STORED, "model.onnx", 8 * MIB, 8 * MIB, 8 * MIB);
    at(4 * SECOND, bar, UploadStage.DONE, null, 0, 0, 8 * MIB);

    List<String> lines = text().lines().toList();
    assertEquals(5, lines.size(), text());
    assertFalse(text().contains("\r") || text().contains("#"), text());
    assertTrue(lines.get(2).startsWith("STORING    model.onnx            25.0%      2.0/8.0 MiB"), lines.get(2));
    assertTrue(lines.get(3).endsWith("2.0 MiB/s"), "STORED is timed from the start of STORING: " + lines.get(3));
  }
}
