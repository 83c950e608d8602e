package ai.nesa.aivm.benchmarks.inference;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The baseline of the inference round trip: the SDK's own {@code POST
 * /v1/deployments/{id}/inferences}, the same body bytes and headers, with plain OkHttp, and the
 * answer decoded by Moshi into a {@code Map}, not checked any further.
 *
 * <p>Its {@link OkHttpClient} has the SDK client's settings: a pool of 16 connections kept 5
 * minutes, a dispatcher of 128 requests (64 per host), 10 s to connect, 30 s to read and write, 60 s
 * per call, no retry on connection failure. Like the SDK it sends a fresh {@code Idempotency-Key}
 * with every call, so the gateway does the same work for both.
 */
final class RawInferenceClient implements AutoCloseable {
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient http;
  private final HttpUrl url;
  private final byte[] body;
  private final String userAgent;
  private final JsonAdapter<Object> json = new Moshi.Builder().build().adapter(Object.class);

  /**
   * @param gateway the gateway
   * @param path the path the SDK posted to
   * @param body the body bytes the SDK sent
   * @param userAgent the {@code User-Agent} the SDK sent
   */
  RawInferenceClient(URI gateway, String path, byte[] body, String userAgent) {
    this.url = HttpUrl.get(gateway.resolve(path));
    this.body = body.clone();
    this.userAgent = userAgent;
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(128);
    dispatcher.setMaxRequestsPerHost(64);
    this.http = new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(16, 5, TimeUnit.MINUTES))
        .dispatcher(dispatcher)
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(30))
        .writeTimeout(Duration.ofSeconds(30))
        .callTimeout(Duration.ofSeconds(60))
        .retryOnConnectionFailure(false)
        .build();
  }

  /**
   * Posts the body and decodes the whole answer.
   *
   * @return the decoded result
   * @throws IOException when the call fails or the answer is not a 200
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> infer() throws IOException {
    Request request = new Request.Builder().url(url)
        .header("Accept", "application/json")
        .header("User-Agent", userAgent)
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .post(RequestBody.create(body, JSON))
        .build();
    try (Response response = http.newCall(request).execute()) {
      if (response.code() != 200) {
        throw new IOException("POST " + url + " answered " + response.code() + ": " + response.body().string());
      }
      return (Map<String, Object>) json.fromJson(response.body().source());
    }
  }

  /** How many receipts a decoded result carries. */
  static int receipts(Map<String, Object> result) {
    return ((List<?>) result.get("receipts")).size();
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
