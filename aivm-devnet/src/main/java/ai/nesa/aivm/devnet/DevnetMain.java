package ai.nesa.aivm.devnet;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.sdk.ledger.Ledger;
import java.io.PrintStream;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link LocalAivmNetwork} as its own process, for manual exploration and for clients in
 * other languages: prints the gateway's URL and serves until stopped (Ctrl-C).
 *
 * <pre>
 * mvn -B -q compile exec:java -pl aivm-devnet -am -Ddevnet [-Dexec.args="nodes=3 port=8080"]
 * mvn -B -q compile exec:java -pl aivm-devnet -am -Ddevnet -Dexec.args="chain=http://127.0.0.1:8545"
 * </pre>
 *
 * <p>With {@code chain=}, the ledger is an AivmLedger on that EVM node ({@code aivm-sdk-chain}'s
 * {@code Web3jLedger}, which must be on the classpath; it is in this module's own build).
 *
 * @since 0.1.0
 */
public final class DevnetMain {
  private static final String USAGE =
      "usage: DevnetMain [nodes=1..9] [port=0..65535] [chain=http://HOST:8545 [contract=0x...]]";

  private DevnetMain() {}

  public static void main(String[] args) throws InterruptedException {
    Running running;
    try {
      running = start(args, System.getenv(), System.out);
    } catch (IllegalArgumentException | AivmValidationException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.close();
      stopped.countDown();
    }, "aivm-devnet-stop"));
    stopped.await();
  }

  /**
   * Starts the network that {@code args} describe and prints what a client needs to reach it:
   * {@code nodes=N}, {@code port=P}, and for a ledger on an EVM chain instead of in memory {@code
   * chain=URL} (a node's JSON-RPC endpoint) with {@code contract=0x…} (an AivmLedger there; a new
   * one is deployed unless given). The relayer's key comes from {@code AIVM_RELAYER_KEY} in {@code
   * env}, anvil's dev account 9 on anvil's chain unless set.
   *
   * @throws IllegalArgumentException naming an argument that is unknown or out of range
   */
  static Running start(String[] args, Map<String, String> env, PrintStream out) {
    LocalAivmNetwork.Builder builder = LocalAivmNetwork.builder();
    String chain = null;
    String contract = null;
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("not an argument of the devnet: '" + arg + "'");
      }
      switch (kv[0]) {
        case "nodes" -> builder.nodes(number(arg, kv[1]));
        case "port" -> builder.port(number(arg, kv[1]));
        case "chain" -> chain = kv[1];
        case "contract" -> contract = kv[1];
        default -> throw new IllegalArgumentException("not an argument of the devnet: '" + arg + "'");
      }
    }
    if (contract != null && chain == null) {
      throw new IllegalArgumentException("contract=" + contract + " needs chain=URL: the node the contract is on");
    }
    Ledger ledger = null;
    if (chain != null) {
      URI rpc;
      try {
        rpc = URI.create(chain);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("chain=" + chain + " is not a URL");
      }
      try {
        ledger = ChainLedger.open(rpc, contract, env);
      } catch (NoClassDefFoundError e) {
        throw new IllegalArgumentException("chain= needs aivm-sdk-chain on the classpath (" + e.getMessage() + ")");
      }
      builder.ledger(ledger);
    }
    LocalAivmNetwork network;
    try {
      network = builder.start();
    } catch (RuntimeException e) {
      if (ledger != null) {
        ledger.close();
      }
      throw e;
    }
    out.println("AIVM devnet at " + network.gateway());
    out.println("  ledger  " + (chain == null ? "in memory" : "on " + chain) + ", chain id "
        + network.ledger().domain().chainId() + ", contract " + network.ledger().domain().verifyingContract());
    out.println("  store   " + network.store());
    for (DevnetNode node : network.nodes()) {
      out.println("  node    " + node.address() + "  " + node.endpoint());
    }
    out.println("Ctrl-C stops it.");
    return new Running(network, ledger);
  }

  private static int number(String arg, String value) {
    if (!value.matches("[0-9]{1,5}")) {
      throw new IllegalArgumentException("not an argument of the devnet: '" + arg + "'");
    }
    return Integer.parseInt(value);
  }

  /**
   * A started devnet and the chain ledger it runs on, if any: closing stops the network, then the
   * ledger.
   *
   * @param network the network
   * @param chainLedger the ledger on a chain, or null for the network's own in-memory one
   */
  record Running(LocalAivmNetwork network, Ledger chainLedger) implements AutoCloseable {
    @Override
    public void close() {
      network.close();
      if (chainLedger != null) {
        chainLedger.close();
      }
    }
  }
}
