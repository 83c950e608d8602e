package ai.nesa.aivm.benchmarks.inference;

import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.AivmServiceException;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.inference.InferenceOptions;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the SDK puts on the wire for one {@code infer}: its body bytes and headers, caught by a
 * one-shot local server that answers {@code 400}, so the SDK neither retries nor runs anything. The
 * raw baselines send these very bytes.
 */
final class SdkRequestCapture {
  private static final byte[] REFUSAL = ("{\"error\":{\"code\":\"invalid_request\",\"message\":\"captured\","
      + "\"requestId\":\"req-capture\",\"details\":[]}}").getBytes(StandardCharsets.UTF_8);

  private SdkRequestCapture() {}

  /**
   * One request as sent.
   *
   * @param path the request's path
   * @param body the body bytes
   * @param headers every header, by lower-case name
   */
  record Captured(String path, byte[] body, Map<String, List<String>> headers) {
    String header(String name) {
      List<String> values = headers.get(name);
      return values == null ? null : values.get(0);
    }
  }

  /** The request {@code client.inference().infer(deploymentId, input, options)} sends. */
  static Captured infer(String deploymentId, InferenceInput input, InferenceOptions options) throws IOException {
    AtomicReference<Captured> seen = new AtomicReference<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, List<String>> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
      seen.compareAndSet(null, new Captured(exchange.getRequestURI().getPath(), body, headers));
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(400, REFUSAL.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(REFUSAL);
      }
    });
    server.start();
    try (AivmClient client = AivmClient.builder()
        .gateway(URI.create("http://127.0.0.1:" + server.getAddress().getPort())).build()) {
      client.inference().infer(deploymentId, input, options);
      throw new IllegalStateException("the capturing server answers 400; the SDK returned a result");
    } catch (AivmServiceException expected) {
      // the 400 the server gave: the request is captured
    } finally {
      server.stop(0);
    }
    Captured c = seen.get();
    if (c == null) {
      throw new IllegalStateException("the SDK sent nothing");
    }
    return c;
  }
}
