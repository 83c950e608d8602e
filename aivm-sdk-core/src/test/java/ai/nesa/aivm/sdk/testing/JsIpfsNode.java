package ai.nesa.aivm.sdk.testing;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A js-ipfs 0.66.1 node (npm {@code ipfs}, which core's build installs into {@code
 * aivm-sdk-core/src/test/js}) started offline in its own repository, on free loopback ports, with
 * DESIGN.md's recipe: {@code init --empty-repo}, no swarm, bootstrap or delegates, the promise
 * polyfill in {@code NODE_OPTIONS}, {@code daemon --offline --enable-preload=false}. {@link
 * #close()} stops its process tree and deletes the repository. Core's IPFS tests and the IPFS
 * upload benchmark both start their nodes with it.
 */
public final class JsIpfsNode implements AutoCloseable {
  /** Where js-ipfs is installed, relative to the repository root unless the property says otherwise. */
  public static final String JS_DIR_PROPERTY = "aivm.jsipfs.dir";
  private static final String DEFAULT_JS_DIR = "aivm-sdk-core/src/test/js";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final URI rpc;
  private final Path repo;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private JsIpfsNode(Process process, URI rpc, Path repo) {
    this.process = process;
    this.rpc = rpc;
    this.repo = repo;
  }

  /**
   * A node from the js-ipfs in {@code src/test/js} under the working directory (a core test's
   * module directory), with a fresh repository under {@code target/}.
   */
  public static JsIpfsNode start() throws IOException, InterruptedException {
    return start(Path.of("src", "test", "js").toAbsolutePath(),
        Path.of("target", "jsipfs-" + UUID.randomUUID()).toAbsolutePath());
  }

  /** The install directory: {@code -Daivm.jsipfs.dir}, else {@value #DEFAULT_JS_DIR} under the working directory. */
  public static Path jsDir() {
    return Path.of(System.getProperty(JS_DIR_PROPERTY, DEFAULT_JS_DIR)).toAbsolutePath();
  }

  /**
   * Initialises a repository in {@code repo} (which must not exist) and starts the daemon from the
   * js-ipfs installed in {@code jsDir}, returning once its RPC API answers.
   *
   * @throws IllegalStateException when js-ipfs is not installed there, saying how to install it
   */
  public static JsIpfsNode start(Path jsDir, Path repo) throws IOException, InterruptedException {
    Path cli = jsDir.resolve("node_modules/ipfs/src/cli.js");
    if (!Files.isRegularFile(cli)) {
      throw new IllegalStateException("js-ipfs is not installed in " + jsDir + " (no " + cli + "). From the "
          + "repository root, run `mvn -B -q -pl aivm-sdk-core -am test-compile` (its build runs "
          + "src/test/js/ensure-installed.sh), or `sh aivm-sdk-core/src/test/js/ensure-installed.sh`; or point "
          + "-D" + JS_DIR_PROPERTY + "= at a directory holding node_modules/ipfs 0.66.1");
    }
    Files.createDirectories(repo.getParent());
    Map<String, String> env = Map.of("IPFS_PATH", repo.toString(),
        "NODE_OPTIONS", "--require " + jsDir.resolve("promise-with-resolvers.cjs"));
    Path initLog = repo.resolveSibling(repo.getFileName() + "-init.log");
    run(jsDir, env, initLog, "node", cli.toString(), "init", "--empty-repo");
    Files.delete(initLog);

    int api = freePort();
    configure(repo.resolve("config"), api, freePort(), freePort());

    ProcessBuilder daemon = new ProcessBuilder("node", cli.toString(), "daemon", "--offline", "--enable-preload=false")
        .directory(jsDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(repo.resolve("daemon.log").toFile());
    daemon.environment().putAll(env);
    JsIpfsNode node = new JsIpfsNode(daemon.start(), URI.create("http://127.0.0.1:" + api), repo);
    // Ctrl-C runs no finally block: stop the node anyway. A second close is harmless.
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "stop jsipfs"));
    try {
      node.awaitApi();
    } catch (IOException | InterruptedException | RuntimeException e) {
      node.close();
      throw e;
    }
    return node;
  }

  /** The RPC API's base URI, e.g. {@code http://127.0.0.1:40123}. */
  public URI rpc() {
    return rpc;
  }

  /** The daemon's process id, for the record. */
  public long pid() {
    return process.pid();
  }

  /**
   * POSTs {@code /api/v0/<endpoint>} with {@code params} and returns the answer's body.
   *
   * @throws IOException when the node answers other than 200
   */
  public String call(String endpoint, Map<String, String> params) throws IOException, InterruptedException {
    String query = params.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest request = HttpRequest.newBuilder(rpc.resolve("/api/v0/" + endpoint + (query.isEmpty() ? "" : "?" + query)))
        .timeout(Duration.ofMinutes(5))
        .POST(HttpRequest.BodyPublishers.noBody())
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(endpoint + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /** Reads the config js-ipfs wrote, keeps the daemon to loopback and offline, and writes it back. */
  @SuppressWarnings("unchecked")
  private static void configure(Path config, int api, int gateway, int grpc) throws IOException {
    JsonAdapter<Object> json = new Moshi.Builder().build().adapter(Object.class).indent("  ");
    Map<String, Object> root = new LinkedHashMap<>((Map<String, Object>) json.fromJson(Files.readString(config)));
    Map<String, Object> addresses = new LinkedHashMap<>((Map<String, Object>) root.get("Addresses"));
    addresses.put("Swarm", List.of());
    addresses.put("Delegates", List.of());
    addresses.put("API", "/ip4/127.0.0.1/tcp/" + api);
    addresses.put("Gateway", "/ip4/127.0.0.1/tcp/" + gateway);
    if (addresses.containsKey("RPC")) {
      addresses.put("RPC", "/ip4/127.0.0.1/tcp/" + grpc);
    }
    root.put("Addresses", addresses);
    root.put("Bootstrap", List.of());
    // Moshi reads every number as a double and writes 50.0 for 50: the same number to JavaScript.
    Files.writeString(config, json.toJson(root));
  }

  private void awaitApi() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the jsipfs daemon exited " + process.exitValue() + ":\n" + log());
      }
      try {
        call("version", Map.of());
        return;
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the jsipfs daemon's API did not answer within " + START_TIMEOUT + ":\n" + log());
  }

  private String log() throws IOException {
    Path log = repo.resolve("daemon.log");
    return Files.exists(log) ? Files.readString(log) : "(no log)";
  }

  private static void run(Path dir, Map<String, String> env, Path log, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process p = builder.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " ran over two minutes");
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + Files.readString(log));
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
    deleteQuietly(repo);
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // already gone, or a file the node still writes: the directory is a throwaway one
    }
  }
}
