package ai.nesa.aivm.benchmarks;

import com.squareup.moshi.JsonWriter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import okio.Buffer;

/**
 * A local stand-in for the gateway's catalog, for benchmarks only: {@code GET /v1/models} over a
 * {@link SyntheticCatalog}, on 127.0.0.1 and a free port, served by the JDK's HTTP server.
 *
 * <pre>{@code
 * try (CatalogServer server = CatalogServer.start(100_000, 2)) {
 *   AivmClient client = AivmClient.builder().gateway(server.uri()).build();
 * }
 * }</pre>
 *
 * <p>It speaks the document's wire format (pages of {@code ModelSummary}, a decimal offset as the
 * cursor, {@code X-Request-Id} on every answer, errors as {@code ErrorResponse}) and nothing else:
 * no search, no other resources.
 */
public final class CatalogServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final CatalogPages pages;
  private final AtomicLong requests = new AtomicLong();

  private CatalogServer(HttpServer server, ExecutorService executor, CatalogPages pages) {
    this.server = server;
    this.executor = executor;
    this.pages = pages;
  }

  /**
   * Starts a server over a catalog of {@code models} models, answering on {@code threads} threads.
   *
   * @throws IOException when no local port can be bound
   */
  public static CatalogServer start(int models, int threads) throws IOException {
    // Without TCP_NODELAY the JDK server's small writes meet delayed ACKs: ~40 ms per request.
    // ServerConfig reads this once, when the first server is made, so set it before that.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "catalog-server");
      t.setDaemon(true);
      return t;
    });
    CatalogServer server = new CatalogServer(http, executor, new CatalogPages(new SyntheticCatalog(models)));
    http.createContext("/v1/models", server::handle);
    http.setExecutor(executor);
    http.start();
    return server;
  }

  /** The base URL to give a client as its gateway, such as {@code http://127.0.0.1:41234}. */
  public URI uri() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
  }

  /** How many requests the server has answered. */
  public long requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String requestId = "bench-" + requests.incrementAndGet();
      exchange.getResponseHeaders().set("X-Request-Id", requestId);
      if (!exchange.getRequestURI().getPath().equals("/v1/models")) {
        respond(exchange, 404, error("not_found", "the benchmark server only serves /v1/models", requestId));
      } else if (!exchange.getRequestMethod().equals("GET")) {
        respond(exchange, 405, error("method_not_allowed", "use GET", requestId));
      } else {
        CatalogQuery query;
        try {
          query = CatalogQuery.parse(exchange.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
          respond(exchange, 400, error("invalid_parameter", e.getMessage(), requestId));
          return;
        }
        respond(exchange, 200, pages.page(query));
      }
    }
  }

  private static void respond(HttpExchange exchange, int status, byte[] json) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, json.length);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(json);
    }
  }

  private static byte[] error(String code, String message, String requestId) throws IOException {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.beginObject().name("error").beginObject()
          .name("code").value(code)
          .name("message").value(message)
          .name("requestId").value(requestId)
          .endObject().endObject();
    }
    return buffer.readByteArray();
  }

  /** Stops answering at once and releases the port and threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
