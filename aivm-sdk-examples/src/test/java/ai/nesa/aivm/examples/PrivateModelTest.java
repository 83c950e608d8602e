package ai.nesa.aivm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.sdk.access.Wallet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PrivateModel on its own devnet: published encrypted, two nodes authorized and agreeing, one
 * revoked and refused three ways, the next version run by the other, and the owner's recovery.
 */
class PrivateModelTest {
  /** Anvil's accounts 1 and 2: the devnet's first two nodes. */
  private static final String NODE_1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
  private static final String NODE_2 = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

  private static Run run;

  @BeforeAll
  static void runIt() {
    run = Run.of(new String[0], Map.of());
  }

  private static String line(String prefix) {
    return run.out.lines().filter(l -> l.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in:\n" + run.out));
  }

  @Test
  void itRunsToTheEnd() {
    assertEquals(0, run.code, run.out + run.err);
    assertEquals("", run.err);
    assertTrue(run.out.contains("(anvil's first dev key)"), run.out);
    assertTrue(run.out.lines().anyMatch(l -> l.startsWith("done in ")), run.out);
  }

  @Test
  void bothNodesAgreeOnTheFirstVersionAndOnlyTheKeptOneOnTheSecond() {
    assertTrue(line("1. published acme/private-sentiment 0.1.0 encrypted").contains("key epoch 0"), run.out);
    assertTrue(line("2. authorized").contains("key epoch 0, 2 grant(s): " + NODE_1 + ", " + NODE_2
        + " (each a 129-byte key wrapped to the node)"), run.out);
    String first = line("3. ");
    assertTrue(first.contains("2 agreeing") && first.contains("is positive, verified"), first);
    assertTrue(line("4. revoked " + NODE_2).endsWith("key epoch 1, 1 grant(s): " + NODE_1
        + " (each a 129-byte key wrapped to the node)"), run.out);
    assertTrue(line("5. ").contains("sealed to key epoch 1"), run.out);
    String second = line("7. ");
    assertTrue(second.startsWith("7. 0.2.0 ") && second.contains("on " + NODE_1 + " (1 agreeing)")
        && second.contains("is positive, verified"), second);
  }

  @Test
  void theRevokedNodeIsRefusedEveryWay() {
    List<String> refusals = run.out.lines().dropWhile(l -> !l.startsWith("6. ")).skip(1).limit(3).toList();
    assertTrue(refusals.get(0).contains("403 node_not_authorized"), refusals.toString());
    assertTrue(refusals.get(1).contains("400 invalid_request") && refusals.get(1).contains("holds no grant"),
        refusals.toString());
    assertTrue(refusals.get(2).contains("holds no grant of acme/private-sentiment in key epoch 1"), refusals.toString());
  }

  @Test
  void theOwnerRecoversTheKeyAndTheWeightsAreTheOnesPublished() {
    assertTrue(line("8. ").endsWith("(identical)"), run.out);
  }

  @Test
  void aWalletInTheEnvironmentIsTheOwner() {
    Run other = Run.of(new String[] {"model=acme/env-owned"},
        Map.of(Wallet.ENV_KEY, "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"));
    assertEquals(0, other.code, other.out + other.err);
    assertTrue(other.out.contains("owner 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 (from the environment)"), other.out);
    assertTrue(other.out.contains("1. published acme/env-owned 0.1.0 encrypted"), other.out);
  }

  @Test
  void aBadWalletOrArgumentIsNamed() {
    Run bad = Run.of(new String[0], Map.of(Wallet.ENV_KEY, "0x1234"));
    assertEquals(2, bad.code);
    assertTrue(bad.err.contains(Wallet.ENV_KEY + ": a private key is 32 bytes"), bad.err);
    assertTrue(!bad.err.contains("0x1234"), bad.err);
    Run unknown = Run.of(new String[] {"nodes=3"}, Map.of());
    assertEquals(2, unknown.code);
    assertTrue(unknown.err.contains("unknown argument 'nodes=3'"), unknown.err);
  }

  private record Run(int code, String out, String err) {
    static Run of(String[] args, Map<String, String> env) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = PrivateModel.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }
}
