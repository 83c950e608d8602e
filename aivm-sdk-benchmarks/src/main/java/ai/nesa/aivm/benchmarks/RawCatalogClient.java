package ai.nesa.aivm.benchmarks;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The baseline the SDK is held against: the same catalog call written with OkHttp and Moshi alone,
 * as an application without the SDK would write it, with its own {@link OkHttpClient}.
 *
 * <p>It builds the URL per call, as real code whose parameters change must, and decodes straight
 * from the socket into {@link RawModels} records.
 */
public final class RawCatalogClient implements AutoCloseable {
  private final OkHttpClient http = new OkHttpClient();
  private final HttpUrl base;
  private final JsonAdapter<RawModels.Page> pages = new Moshi.Builder()
      .add(Instant.class, new InstantAdapter().nullSafe())
      .build()
      .adapter(RawModels.Page.class);

  public RawCatalogClient(URI gateway) {
    this.base = HttpUrl.get(gateway);
  }

  /**
   * {@code GET /v1/models?task=...&limit=...}, decoded.
   *
   * @throws IOException when the call fails or the answer is not a 2xx
   */
  public RawModels.Page list(String task, int limit) throws IOException {
    HttpUrl url = base.newBuilder()
        .addPathSegments("v1/models")
        .addQueryParameter("task", task)
        .addQueryParameter("limit", Integer.toString(limit))
        .build();
    Request request = new Request.Builder().url(url).header("Accept", "application/json").build();
    try (Response response = http.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException("GET " + url + " answered " + response.code());
      }
      return pages.fromJson(response.body().source());
    }
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /** RFC 3339 timestamps, parsed as the SDK parses them. */
  private static final class InstantAdapter extends JsonAdapter<Instant> {
    @Override
    public Instant fromJson(JsonReader reader) throws IOException {
      return Instant.parse(reader.nextString());
    }

    @Override
    public void toJson(JsonWriter writer, Instant value) throws IOException {
      writer.value(value.toString());
    }
  }
}
