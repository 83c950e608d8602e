package ai.nesa.aivm.sdk.internal.http;

import java.time.Instant;
import okhttp3.Headers;
import okio.Buffer;

/**
 * A whole gateway answer, body included: an attempt counts as done only once its body has
 * arrived, so a connection reset mid-body is a failed attempt like any other.
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body, read whole; never read it directly, take a {@link #body()} copy
 * @param receivedAt when the answer arrived, by the client's clock
 */
public record ApiResponse(int status, Headers headers, Buffer body, Instant receivedAt) {

  /** A fresh reader of the whole body; copies share the bytes, so this is cheap. */
  @Override
  public Buffer body() {
    return body.clone();
  }

  public long bodySize() {
    return body.size();
  }

  public String requestId() {
    return headers.get("X-Request-Id");
  }

  public String contentType() {
    return headers.get("Content-Type");
  }

  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }
}
