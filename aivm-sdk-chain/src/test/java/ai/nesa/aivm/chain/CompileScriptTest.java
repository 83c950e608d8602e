package ai.nesa.aivm.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.chain.testing.SolidityToolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code src/solc/compile.mjs} promises, on throwaway sources written by the test: outputs
 * for deployable contracts only, the same bytes on every run, and a loud failure with solc's own
 * message on a broken source.
 */
class CompileScriptTest {
  private static final String OWNED = """
      // SPDX-License-Identifier: Apache-2.0
      pragma solidity 0.8.37;
      abstract contract Owned {
        address public owner = msg.sender;
      }
      """;
  private static final String COUNTER = """
      // SPDX-License-Identifier: Apache-2.0
      pragma solidity 0.8.37;
      import "./Owned.sol";
      contract Counter is Owned {
        event Incremented(uint256 value);
        uint256 public value;
        function increment() external { emit Incremented(++value); }
      }
      """;

  @Test
  void writesAbiAndBytecodeOfDeployableContractsOnly(@TempDir Path dir) throws Exception {
    Path sources = write(dir.resolve("sol"), "Owned.sol", OWNED, "Counter.sol", COUNTER);
    SolidityToolchain.compile(sources, dir.resolve("out"));

    assertEquals(List.of("Counter.abi", "Counter.bin"), list(dir.resolve("out")));
    String bin = Files.readString(dir.resolve("out/Counter.bin"));
    assertTrue(bin.matches("[0-9a-f]+\n"), "hex without 0x, one trailing newline");
    String abi = Files.readString(dir.resolve("out/Counter.abi"));
    assertTrue(abi.startsWith("[\n  {\n") && abi.endsWith("]\n"), "pretty printed, two spaces, trailing newline");
  }

  @Test
  void producesTheSameBytesOnEveryRun(@TempDir Path dir) throws Exception {
    Path sources = write(dir.resolve("sol"), "Owned.sol", OWNED, "Counter.sol", COUNTER);
    SolidityToolchain.compile(sources, dir.resolve("a"));
    SolidityToolchain.compile(sources, dir.resolve("b"));

    for (String name : List.of("Counter.abi", "Counter.bin")) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(name)), Files.readAllBytes(dir.resolve("b").resolve(name)));
    }
  }

  @Test
  void failsWithSolcsMessageOnABrokenSource(@TempDir Path dir) throws Exception {
    Path sources = write(dir.resolve("sol"), "Broken.sol", """
        // SPDX-License-Identifier: Apache-2.0
        pragma solidity 0.8.37;
        contract Broken { function f() external { undeclared = 1; } }
        """);

    AssertionError failure = assertThrows(AssertionError.class, () -> SolidityToolchain.compile(sources, dir.resolve("out")));
    assertTrue(failure.getMessage().contains("DeclarationError: Undeclared identifier."), failure.getMessage());
    assertTrue(failure.getMessage().contains("aivm/Broken.sol:3:"), "fixed source keys in messages: " + failure.getMessage());
    assertEquals(List.of(), list(dir.resolve("out")));
  }

  private static Path write(Path dir, String... namesAndTexts) throws Exception {
    Files.createDirectories(dir);
    for (int i = 0; i < namesAndTexts.length; i += 2) {
      Files.writeString(dir.resolve(namesAndTexts[i]), namesAndTexts[i + 1]);
    }
    return dir;
  }

  private static List<String> list(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
