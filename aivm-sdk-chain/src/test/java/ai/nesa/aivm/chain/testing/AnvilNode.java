package ai.nesa.aivm.chain.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * An anvil 1.7.1 EVM node (npm {@code @foundry-rs/anvil-linux-amd64}, which the chain module's
 * build installs into {@code aivm-sdk-chain/src/solc}) on a free loopback port, chain id {@value
 * #CHAIN_ID}, with anvil's well-known funded dev accounts. {@link #close()} stops its process tree;
 * so does the JVM's exit, through a shutdown hook, when a test forgets or is interrupted.
 *
 * <pre>{@code
 * try (AnvilNode anvil = AnvilNode.start()) {
 *   Web3j web3j = Web3j.build(new HttpService(anvil.url().toString()));
 *   Credentials deployer = Credentials.create(AnvilNode.DEV_KEY_0);
 *   ...
 * }
 * }</pre>
 */
public final class AnvilNode implements AutoCloseable {
  /** The chain id the node runs with (anvil's default, named explicitly). */
  public static final long CHAIN_ID = 31337;
  /** The private key of anvil's dev account 0 (public knowledge: never hold value with it). */
  public static final String DEV_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
  /** The address of dev account 0. */
  public static final String DEV_ADDRESS_0 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

  private static final String BINARY = "node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final URI url;
  private final Path log;
  private final Thread shutdownHook;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private AnvilNode(Process process, URI url, Path log) {
    this.process = process;
    this.url = url;
    this.log = log;
    this.shutdownHook = new Thread(this::stop, "stop anvil " + url.getPort());
  }

  /**
   * Starts anvil from the installed toolchain, logging to {@code target/anvil-<id>.log} under the
   * working directory, and returns once it answers {@code eth_chainId}.
   *
   * @throws IllegalStateException when anvil is not installed, exits, or does not answer within 30 s
   */
  public static AnvilNode start() throws IOException, InterruptedException {
    Path binary = SolidityToolchain.installed(BINARY);
    Path log = Path.of("target", "anvil-" + UUID.randomUUID() + ".log").toAbsolutePath();
    Files.createDirectories(log.getParent());
    int port = freePort();
    Process process = new ProcessBuilder(binary.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
        "--chain-id", Long.toString(CHAIN_ID))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    AnvilNode node = new AnvilNode(process, URI.create("http://127.0.0.1:" + port), log);
    Runtime.getRuntime().addShutdownHook(node.shutdownHook);
    try {
      node.awaitChainId();
    } catch (IOException | InterruptedException | RuntimeException e) {
      node.close();
      throw e;
    }
    return node;
  }

  /** The JSON-RPC endpoint, e.g. {@code http://127.0.0.1:40123}. */
  public URI url() {
    return url;
  }

  /** The node's process id, for the record. */
  public long pid() {
    return process.pid();
  }

  /** Whether the node's process still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Sends one JSON-RPC request and returns the raw answer.
   *
   * @param paramsJson the {@code params} array as JSON text, e.g. {@code []}
   * @throws IOException when the node answers other than 200
   */
  public String rpc(String method, String paramsJson) throws IOException, InterruptedException {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + paramsJson + "}";
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(method + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private void awaitChainId() throws IOException, InterruptedException {
    String expected = "\"result\":\"0x" + Long.toHexString(CHAIN_ID) + "\"";
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("anvil exited " + process.exitValue() + ":\n" + log());
      }
      try {
        String answer = rpc("eth_chainId", "[]");
        if (answer.replace(" ", "").contains(expected)) {
          return;
        }
        throw new IllegalStateException("anvil at " + url + " answered eth_chainId with " + answer);
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("anvil did not answer eth_chainId within " + START_TIMEOUT + ":\n" + log());
  }

  private String log() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "(no log)";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops the node and anything it started, and deletes its log. A second close is harmless. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already exiting: the hook runs stop() itself
    }
    stop();
  }

  private void stop() {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      // a throwaway file under target/
    }
  }
}
