package ai.nesa.aivm.sdk.storage;

import ai.nesa.aivm.crypto.testing.NodeScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A js-ipfs 0.66.1 node (npm {@code ipfs}, installed by the build into {@code src/test/js}) started
 * offline in its own repository under {@code target/}, on free loopback ports, as DESIGN.md's
 * recipe says; {@link #close()} stops its process tree.
 */
final class JsIpfsNode implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final URI rpc;
  private final Path repo;

  private JsIpfsNode(Process process, URI rpc, Path repo) {
    this.process = process;
    this.rpc = rpc;
    this.repo = repo;
  }

  /** Initialises a fresh repository and starts the daemon, returning once its RPC API answers. */
  static JsIpfsNode start() throws IOException, InterruptedException {
    Path cli = NodeScript.DIR.resolve("node_modules/ipfs/src/cli.js");
    if (!Files.isRegularFile(cli)) {
      throw new AssertionError("js-ipfs is not installed in " + NodeScript.DIR + ": run ensure-installed.sh there"
          + " (the Maven build does it in generate-test-resources)");
    }
    Path repo = Path.of("target", "jsipfs-" + UUID.randomUUID()).toAbsolutePath();
    Files.createDirectories(repo.getParent());
    Map<String, String> env = Map.of("IPFS_PATH", repo.toString(),
        "NODE_OPTIONS", "--require " + NodeScript.DIR.resolve("promise-with-resolvers.cjs"));
    Path initLog = repo.resolveSibling(repo.getFileName() + "-init.log");
    run(env, initLog, "node", cli.toString(), "init", "--empty-repo");
    Files.delete(initLog);

    int api = freePort();
    int gateway = freePort();
    int grpc = freePort();
    configure(repo.resolve("config"), api, gateway, grpc);

    ProcessBuilder daemon = new ProcessBuilder("node", cli.toString(), "daemon", "--offline",
        "--enable-preload=false")
        .directory(NodeScript.DIR.toFile())
        .redirectErrorStream(true)
        .redirectOutput(repo.resolve("daemon.log").toFile());
    daemon.environment().putAll(env);
    Process process = daemon.start();
    JsIpfsNode node = new JsIpfsNode(process, URI.create("http://127.0.0.1:" + api), repo);
    try {
      node.awaitApi();
    } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
      node.close();
      throw e;
    }
    return node;
  }

  /** The RPC API's base URI. */
  URI rpc() {
    return rpc;
  }

  private static void configure(Path config, int api, int gateway, int grpc) throws IOException {
    ObjectMapper json = JsonMapper.builder().build();
    ObjectNode root = (ObjectNode) json.readTree(config.toFile());
    ObjectNode addresses = (ObjectNode) root.get("Addresses");
    addresses.putArray("Swarm");
    addresses.putArray("Delegates");
    addresses.put("API", "/ip4/127.0.0.1/tcp/" + api);
    addresses.put("Gateway", "/ip4/127.0.0.1/tcp/" + gateway);
    if (addresses.has("RPC")) {
      addresses.put("RPC", "/ip4/127.0.0.1/tcp/" + grpc);
    }
    root.putArray("Bootstrap");
    Files.writeString(config, json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
  }

  private void awaitApi() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("jsipfs daemon exited " + process.exitValue() + ":\n" + log());
      }
      try {
        HttpURLConnection c = (HttpURLConnection) rpc.resolve("/api/v0/version").toURL().openConnection();
        c.setRequestMethod("POST");
        c.setConnectTimeout(500);
        c.setReadTimeout(2000);
        if (c.getResponseCode() == 200) {
          c.disconnect();
          return;
        }
        c.disconnect();
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("jsipfs daemon's API did not answer within " + START_TIMEOUT + ":\n" + log());
  }

  private String log() throws IOException {
    Path log = repo.resolve("daemon.log");
    return Files.exists(log) ? Files.readString(log) : "(no log)";
  }

  private static void run(Map<String, String> env, Path log, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(NodeScript.DIR.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process p = builder.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " ran over two minutes");
    }
    if (p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + Files.readString(log));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops the daemon and everything it started, then deletes its repository. */
  @Override
  public void close() {
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
    deleteTree(repo);
  }

  private static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
