package ai.nesa.aivm.benchmarks.inference;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Answers every {@code POST} with one event stream held in memory: {@code 200}, {@code Content-Type:
 * text/event-stream}, chunked transfer as the devnet gateway sends it. The request body is read and
 * the first one kept, so a baseline can send the SDK's own bytes. JDK {@code HttpServer} on
 * 127.0.0.1, {@code sun.net.httpserver.nodelay=true}, two threads.
 */
public final class CannedStreamServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicReference<byte[]> firstBody = new AtomicReference<>();

  private CannedStreamServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static CannedStreamServer start(byte[] stream) throws IOException {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "canned-stream-server");
      t.setDaemon(true);
      return t;
    });
    CannedStreamServer canned = new CannedStreamServer(server, executor);
    server.createContext("/", exchange -> {
      try (exchange) {
        canned.firstBody.compareAndSet(null, exchange.getRequestBody().readAllBytes());
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(stream);
        } catch (IOException e) {
          // the client went away (the SDK cancels its call once done has arrived): nothing to finish
        }
      }
    });
    server.setExecutor(executor);
    server.start();
    return canned;
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The body of the first request served; null before one came. */
  byte[] firstBody() {
    byte[] b = firstBody.get();
    return b == null ? null : b.clone();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
