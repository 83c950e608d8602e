package ai.nesa.aivm.crypto.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the interop scripts in the module's {@code src/test/js} with node, where the build
 * installs the module's npm interop peers from their lock file, and returns what it printed.
 * Shared with other modules' tests through this module's test jar.
 */
public final class NodeScript {
  /** The folder of the scripts and their node_modules. */
  public static final Path DIR = Path.of("src", "test", "js").toAbsolutePath();

  private NodeScript() {}

  /**
   * Runs {@code node script args...} with {@code stdin} as input.
   *
   * @return the script's standard output, trimmed
   * @throws AssertionError with the script's standard error when it fails or runs over two minutes
   */
  public static String run(String script, String stdin, String... args) {
    if (!Files.isDirectory(DIR.resolve("node_modules"))) {
      throw new AssertionError("the interop peers are not installed: run " + DIR.resolve("ensure-installed.sh")
          + " (the Maven build does it in generate-test-resources)");
    }
    List<String> command = new ArrayList<>(List.of("node", DIR.resolve(script).toString()));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).directory(DIR.toFile()).start();
      CompletableFuture<byte[]> out = drain(p.getInputStream());
      CompletableFuture<byte[]> err = drain(p.getErrorStream());
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("node " + script + " ran over two minutes");
      }
      String stdout = new String(out.join(), StandardCharsets.UTF_8).trim();
      if (p.exitValue() != 0) {
        throw new AssertionError("node " + script + " exited " + p.exitValue() + ":\n"
            + new String(err.join(), StandardCharsets.UTF_8));
      }
      return stdout;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start node", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static CompletableFuture<byte[]> drain(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return buffer.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
