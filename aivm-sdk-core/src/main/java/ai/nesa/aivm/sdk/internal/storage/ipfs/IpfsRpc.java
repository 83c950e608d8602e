package ai.nesa.aivm.sdk.internal.storage.ipfs;

import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.AivmTimeoutException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * The calls of the Kubo RPC API ({@code POST /api/v0/…}) the store makes, answering JSON values or
 * raw bytes, with node errors turned into {@link IpfsRpcException}s and transport failures into
 * {@link AivmIoException}s.
 *
 * <p>Answers are read with Moshi's generic values so that both dialects pass: Kubo writes sizes as
 * strings where js-ipfs writes numbers, and js-ipfs may write CIDs in base58btc.
 */
final class IpfsRpc {
  private static final RequestBody EMPTY = RequestBody.create(new byte[0], MediaType.get("text/plain"));
  private static final int ERROR_BODY_LIMIT = 4096;

  private final OkHttpClient http;
  private final HttpUrl base;

  IpfsRpc(OkHttpClient http, URI rpc) {
    this.http = http;
    HttpUrl url = HttpUrl.get(rpc.toString());
    this.base = url.newBuilder().encodedPath("/").addPathSegments("api/v0").build();
  }

  HttpUrl url(String endpoint, Map<String, String> params) {
    HttpUrl.Builder url = base.newBuilder().addPathSegments(endpoint);
    params.forEach(url::addQueryParameter);
    return url.build();
  }

  /** Calls {@code endpoint} and returns every JSON value of its answer (js-ipfs streams NDJSON). */
  List<Object> json(String endpoint, Map<String, String> params) {
    return json(endpoint, url(endpoint, params), EMPTY);
  }

  /** Posts {@code body} to {@code url} and returns every JSON value of the answer. */
  List<Object> json(String endpoint, HttpUrl url, RequestBody body) {
    try (Response response = execute(endpoint, url, body)) {
      JsonReader reader = JsonReader.of(response.body().source());
      reader.setLenient(true); // NDJSON: several top-level values
      List<Object> values = new ArrayList<>();
      while (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        values.add(reader.readJsonValue());
      }
      return values;
    } catch (com.squareup.moshi.JsonDataException | com.squareup.moshi.JsonEncodingException e) {
      throw new IpfsRpcException(endpoint, 200, "the answer is not JSON: " + e.getMessage());
    } catch (IOException e) {
      throw ioFailure(endpoint, e);
    }
  }

  /** Calls {@code endpoint} and returns its raw answer, at most {@code limit} bytes. */
  byte[] bytes(String endpoint, Map<String, String> params, int limit) {
    try (Response response = execute(endpoint, url(endpoint, params), EMPTY)) {
      InputStream in = response.body().byteStream();
      byte[] out = in.readNBytes(limit + 1);
      if (out.length > limit) {
        throw new IpfsRpcException(endpoint, response.code(), "the answer is over " + limit + " bytes");
      }
      return out;
    } catch (IOException e) {
      throw ioFailure(endpoint, e);
    }
  }

  private Response execute(String endpoint, HttpUrl url, RequestBody body) throws IOException {
    Response response = http.newCall(new Request.Builder().url(url).post(body).build()).execute();
    if (!response.isSuccessful()) {
      try (response) {
        throw new IpfsRpcException(endpoint, response.code(), errorMessage(response.body()));
      }
    }
    return response;
  }

  private static String errorMessage(ResponseBody body) throws IOException {
    Buffer buffer = new Buffer();
    body.source().read(buffer, ERROR_BODY_LIMIT);
    String text = buffer.readUtf8();
    try {
      Object value = JsonReader.of(new Buffer().writeUtf8(text)).readJsonValue();
      if (value instanceof Map<?, ?> map && map.get("Message") instanceof String message) {
        return message;
      }
    } catch (IOException | RuntimeException e) {
      // Not the usual error JSON; the text itself says what happened.
    }
    return text.isBlank() ? "(no message)" : text.strip();
  }

  static AivmIoException ioFailure(String endpoint, IOException e) {
    if (e instanceof InterruptedIOException) {
      return new AivmTimeoutException("the IPFS node did not answer " + endpoint + " in time: " + e.getMessage(), e);
    }
    return new AivmIoException("calling the IPFS node's " + endpoint + " failed: " + e.getMessage(), e);
  }
}
