package ai.nesa.aivm.chain.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where the chain module's npm toolchain lives: {@code aivm-sdk-chain/src/solc}, with solcjs
 * 0.8.37, anvil 1.7.1 and {@code compile.mjs}, installed from its lock file by the module's build
 * (generate-test-resources runs {@code ensure-installed.sh}). Found from a chain test's working
 * directory or a sibling module's, so that the devnet's tests can start anvil too.
 */
public final class SolidityToolchain {
  /** Overrides the folder: a directory holding {@code package.json} and {@code node_modules}. */
  public static final String DIR_PROPERTY = "aivm.solc.dir";

  private static final List<Path> CANDIDATES = List.of(
      Path.of("src", "solc"), Path.of("..", "aivm-sdk-chain", "src", "solc"), Path.of("aivm-sdk-chain", "src", "solc"));

  private SolidityToolchain() {}

  /**
   * The toolchain folder: {@code -Daivm.solc.dir}, else the first of {@code src/solc}, {@code
   * ../aivm-sdk-chain/src/solc} and {@code aivm-sdk-chain/src/solc} that has a {@code package.json}.
   *
   * @throws IllegalStateException when none has
   */
  public static Path dir() {
    String configured = System.getProperty(DIR_PROPERTY);
    if (configured != null) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    return CANDIDATES.stream()
        .filter(p -> Files.isRegularFile(p.resolve("package.json")))
        .findFirst()
        .map(p -> p.toAbsolutePath().normalize())
        .orElseThrow(() -> new IllegalStateException("no aivm-sdk-chain/src/solc from " + Path.of("").toAbsolutePath()
            + ": set -D" + DIR_PROPERTY + "="));
  }

  /**
   * {@code relative} inside the installed toolchain.
   *
   * @throws IllegalStateException when it is not there, saying how to install the toolchain
   */
  public static Path installed(String relative) {
    Path dir = dir();
    Path file = dir.resolve(relative);
    if (!Files.exists(file)) {
      throw new IllegalStateException("the Solidity toolchain is not installed (no " + file + "): run `sh "
          + dir.resolve("ensure-installed.sh") + "` (the Maven build does it in generate-test-resources)");
    }
    return file;
  }

  /**
   * Runs {@code node compile.mjs outDir}: compiles {@code src/main/solidity} and writes each
   * deployable contract's {@code .abi} and {@code .bin} into {@code outDir}.
   *
   * @throws AssertionError with solc's messages when the compile fails or runs over two minutes
   */
  public static void compile(Path outDir) throws IOException, InterruptedException {
    Path dir = dir();
    compile(dir.resolve("../main/solidity").normalize(), outDir);
  }

  /**
   * Runs {@code node compile.mjs outDir sourceDir}: the same compile of another folder's {@code *.sol}.
   *
   * @throws AssertionError with solc's messages when the compile fails or runs over two minutes
   */
  public static void compile(Path sourceDir, Path outDir) throws IOException, InterruptedException {
    installed("node_modules/solc/package.json");
    Path dir = dir();
    Path log = Files.createTempFile("solc-", ".log");
    try {
      Process p = new ProcessBuilder("node", dir.resolve("compile.mjs").toString(), outDir.toAbsolutePath().toString(),
          sourceDir.toAbsolutePath().toString())
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("node compile.mjs ran over two minutes");
      }
      if (p.exitValue() != 0) {
        throw new AssertionError("node compile.mjs exited " + p.exitValue() + ":\n"
            + Files.readString(log, StandardCharsets.UTF_8));
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
