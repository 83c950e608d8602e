package ai.nesa.aivm.devnet;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link LocalAivmNetwork} as its own process, for manual exploration and for clients in
 * other languages: prints the gateway's URL and serves until stopped (Ctrl-C).
 *
 * <pre>
 * mvn -B -q compile exec:java -pl aivm-devnet -am -Ddevnet [-Dexec.args="nodes=3 port=8080"]
 * </pre>
 *
 * @since 0.1.0
 */
public final class DevnetMain {
  private DevnetMain() {}

  public static void main(String[] args) throws InterruptedException {
    LocalAivmNetwork network;
    try {
      network = start(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: DevnetMain [nodes=1..9] [port=0..65535]");
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      network.close();
      stopped.countDown();
    }, "aivm-devnet-stop"));
    stopped.await();
  }

  /**
   * Starts the network that {@code args} ({@code nodes=N}, {@code port=P}) describe and prints what
   * a client needs to reach it.
   *
   * @throws IllegalArgumentException naming an argument that is unknown or out of range
   */
  static LocalAivmNetwork start(String[] args, PrintStream out) {
    LocalAivmNetwork.Builder builder = LocalAivmNetwork.builder();
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      if (kv.length != 2 || !kv[1].matches("[0-9]{1,5}")) {
        throw new IllegalArgumentException("not an argument of the devnet: '" + arg + "'");
      }
      switch (kv[0]) {
        case "nodes" -> builder.nodes(Integer.parseInt(kv[1]));
        case "port" -> builder.port(Integer.parseInt(kv[1]));
        default -> throw new IllegalArgumentException("not an argument of the devnet: '" + arg + "'");
      }
    }
    LocalAivmNetwork network = builder.start();
    out.println("AIVM devnet at " + network.gateway());
    out.println("  ledger  in memory, chain id " + network.ledger().domain().chainId() + ", contract "
        + network.ledger().domain().verifyingContract());
    out.println("  store   " + network.store());
    for (DevnetNode node : network.nodes()) {
      out.println("  node    " + node.address() + "  " + node.endpoint());
    }
    out.println("Ctrl-C stops it.");
    return network;
  }
}
