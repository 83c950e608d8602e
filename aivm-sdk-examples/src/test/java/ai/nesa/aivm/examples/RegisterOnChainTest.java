package ai.nesa.aivm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.chain.testing.AnvilNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RegisterOnChain against a real anvil: a new contract, then the same contract again. */
class RegisterOnChainTest {
  private static AnvilNode anvil;
  @TempDir
  Path store;

  @BeforeAll
  static void start() throws Exception {
    anvil = AnvilNode.start();
  }

  @AfterAll
  static void stop() {
    if (anvil != null) {
      anvil.close();
    }
  }

  @Test
  void itDeploysTheLedgerRegistersTheKernelAndReadsItBackFromTheChain() {
    Run first = run(Map.of(RegisterOnChain.ENV_STORE, store.toString()));

    assertEquals(0, first.code, first.err + first.out);
    List<String> lines = first.out.lines().toList();
    assertTrue(lines.get(0).startsWith("1. chain 31337 at " + anvil.url() + "; the owner "
        + "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 signs"), first.out);
    assertTrue(lines.get(1).matches("2\\. deployed AivmLedger at 0x[0-9a-fA-F]{40}, deployed in block \\d+"), first.out);
    assertTrue(lines.get(2).matches("3\\. uploaded acme/sentiment-on-chain@0\\.1\\.0: manifest bafk\\S+ \\(2 files\\)"),
        first.out);
    assertTrue(lines.get(3).matches("4\\. registered on chain: register_model in transaction 0x[0-9a-f]{64} \\(block \\d+\\), "
        + "publish_version in transaction 0x[0-9a-f]{64} \\(block \\d+\\)"), first.out);
    assertTrue(lines.get(4).startsWith("5. read back with no key: acme/sentiment-on-chain owned by "
        + "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266, public; version 0.1.0 manifest bafk"), first.out);
    assertTrue(first.out.contains("   #1 register_model   acme/sentiment-on-chain by 0xf39F"), first.out);
    assertTrue(first.out.contains("   #2 publish_version  acme/sentiment-on-chain by 0xf39F"), first.out);
    assertTrue(first.out.contains("7. registering again: already on the chain, nothing sent"), first.out);
  }

  @Test
  void givenTheContractItRegistersNothingTwice() {
    Run first = run(Map.of(RegisterOnChain.ENV_STORE, store.toString()));
    Matcher contract = Pattern.compile("deployed AivmLedger at (0x[0-9a-fA-F]{40})").matcher(first.out);
    assertTrue(contract.find(), first.out);

    Run second = run(Map.of(RegisterOnChain.ENV_STORE, store.toString(), RegisterOnChain.ENV_CONTRACT, contract.group(1)));

    assertEquals(0, second.code, second.err + second.out);
    assertTrue(second.out.contains("2. using AivmLedger at " + contract.group(1)), second.out);
    assertTrue(second.out.contains("4. registered on chain: already there, nothing sent"), second.out);
  }

  @Test
  void aKeyThatIsNotOneIsRefusedWithoutEchoingIt() {
    Run run = run(Map.of(RegisterOnChain.ENV_OWNER_KEY, "0xnot-a-key-secret"));

    assertEquals(2, run.code);
    assertTrue(run.err.contains("AIVM_OWNER_KEY is not a 32-byte private key"), run.err);
    assertFalse(run.err.contains("not-a-key-secret"), run.err);
  }

  @Test
  void noRpcIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(2, RegisterOnChain.run(new String[0], Map.of(), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8)));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage: RegisterOnChain RPC_URL"));
  }

  private static Run run(Map<String, String> env) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = RegisterOnChain.run(new String[] {anvil.url().toString()}, env,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private record Run(int code, String out, String err) {}
}
