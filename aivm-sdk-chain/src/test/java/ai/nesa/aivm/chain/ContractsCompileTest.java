package ai.nesa.aivm.chain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.nesa.aivm.chain.testing.SolidityToolchain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed ABIs and bytecode are exactly what solcjs 0.8.37 makes of {@code
 * src/main/solidity} today: the Java bindings and every deployment use the committed files, so a
 * contract edited without regenerating them, or a hand-edited output, fails here.
 */
class ContractsCompileTest {
  private static final Path COMMITTED = Path.of("src", "main", "resources", "ai", "nesa", "aivm", "chain", "contracts");
  private static final String REGENERATE = "run `sh aivm-sdk-chain/src/solc/regenerate.sh` and commit "
      + "aivm-sdk-chain/src/main/resources/ai/nesa/aivm/chain/contracts";

  @Test
  void committedOutputsAreByteForByteWhatTheCompilerProduces(@TempDir Path fresh) throws Exception {
    SolidityToolchain.compile(fresh);
    TreeSet<String> produced = names(fresh);
    TreeSet<String> committed = names(COMMITTED);
    assertFalse(produced.isEmpty(), "the compiler produced nothing");

    List<String> problems = new ArrayList<>();
    for (String name : produced) {
      Path expected = COMMITTED.resolve(name);
      if (!Files.exists(expected)) {
        problems.add(name + " is produced by the compiler but not committed");
        continue;
      }
      byte[] want = Files.readAllBytes(fresh.resolve(name));
      byte[] have = Files.readAllBytes(expected);
      if (!Arrays.equals(want, have)) {
        problems.add(name + " differs from a fresh compile of src/main/solidity (" + firstDifference(have, want) + ")");
      }
    }
    committed.removeAll(produced);
    committed.forEach(name -> problems.add(name + " is committed but the compiler no longer produces it"));
    if (!problems.isEmpty()) {
      fail(String.join("\n", problems) + "\n" + REGENERATE);
    }
  }

  @Test
  void committedContractsIncludeTheDeployableLedger() {
    for (String name : List.of("AivmLedger.abi", "AivmLedger.bin")) {
      assertTrue(Files.isRegularFile(COMMITTED.resolve(name)),
          name + " must be committed: the web3j wrapper is generated from it");
    }
  }

  private static TreeSet<String> names(Path dir) throws IOException {
    TreeSet<String> names = new TreeSet<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        files.forEach(f -> names.add(f.getFileName().toString()));
      }
    }
    return names;
  }

  /** Where two texts part, as "line N: committed … / compiled …", cut to a readable length. */
  private static String firstDifference(byte[] committed, byte[] compiled) {
    String[] a = new String(committed, StandardCharsets.UTF_8).split("\n", -1);
    String[] b = new String(compiled, StandardCharsets.UTF_8).split("\n", -1);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i] : "<end of file>";
      String y = i < b.length ? b[i] : "<end of file>";
      if (!x.equals(y)) {
        int at = 0;
        while (at < Math.min(x.length(), y.length()) && x.charAt(at) == y.charAt(at)) {
          at++;
        }
        return "line " + (i + 1) + ", column " + (at + 1) + ": committed '" + excerpt(x, at) + "', compiled '"
            + excerpt(y, at) + "'";
      }
    }
    return "same text, different bytes";
  }

  private static String excerpt(String line, int at) {
    int from = Math.max(0, at - 10);
    return (from > 0 ? "…" : "") + line.substring(from, Math.min(line.length(), at + 30));
  }
}
