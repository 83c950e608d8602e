package ai.nesa.aivm.sdk.internal.http;

import ai.nesa.aivm.Problem;
import ai.nesa.aivm.sdk.ServiceError;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the gateway's error shape, {@code {"error": {"code", "message", "requestId", "details"}}},
 * leniently: a proxy's HTML page or an empty body still yields an error with the status.
 */
public final class ErrorBodies {
  private ErrorBodies() {}

  static ServiceError read(ApiResponse response, Instant now) {
    ServiceError found = null;
    try (JsonReader r = JsonReader.of(response.body())) {
      found = readErrorResponse(r, response.status(), response.requestId());
    } catch (IOException | RuntimeException notOurShape) {
      // The status alone still types the exception.
    }
    Duration retryAfter = RetryAfter.parse(response.headers().get("Retry-After"), now);
    if (found == null) {
      String message = response.bodySize() == 0 ? "HTTP " + response.status() + " with an empty body"
          : "HTTP " + response.status() + " with no error body in the gateway's shape";
      return new ServiceError(response.status(), "unknown", message, response.requestId(), List.of(), retryAfter);
    }
    return new ServiceError(found.status(), found.code(), found.message(), found.requestId(), found.details(),
        retryAfter);
  }

  /**
   * Reads an {@code ErrorResponse}, {@code {"error": {...}}}: the error, or null when the object
   * has no {@code error} object.
   */
  public static ServiceError readErrorResponse(JsonReader r, int status, String requestIdHeader) throws IOException {
    ServiceError found = null;
    r.beginObject();
    while (r.hasNext()) {
      if (!r.nextName().equals("error") || r.peek() != JsonReader.Token.BEGIN_OBJECT) {
        r.skipValue();
        continue;
      }
      found = readError(r, status, requestIdHeader);
    }
    r.endObject();
    return found;
  }

  /**
   * Reads one {@code Error} object (the value of {@code "error"}, or a deployment's {@code
   * failure}). The gateway's {@code X-Request-Id} header, when given, wins over the body's.
   *
   * @param status the HTTP status to record; 0 for an error that came without one (a stream event)
   */
  public static ServiceError readError(JsonReader r, int status, String requestIdHeader) throws IOException {
    String code = "unknown";
    String message = "HTTP " + status + " with no message";
    String requestId = requestIdHeader;
    List<Problem> details = new ArrayList<>();
    r.beginObject();
    while (r.hasNext()) {
      String name = r.nextName();
      if (r.peek() == JsonReader.Token.NULL) {
        r.skipValue();
        continue;
      }
      switch (name) {
        case "code" -> code = r.nextString();
        case "message" -> message = r.nextString();
        case "requestId" -> {
          String inBody = r.nextString();
          requestId = requestId != null ? requestId : inBody; // the header is the gateway's own
        }
        case "details" -> readDetails(r, details);
        default -> r.skipValue();
      }
    }
    r.endObject();
    return new ServiceError(status, code, message, requestId, details, null);
  }

  private static void readDetails(JsonReader r, List<Problem> out) throws IOException {
    r.beginArray();
    while (r.hasNext()) {
      String path = "";
      String rule = "";
      String message = "";
      r.beginObject();
      while (r.hasNext()) {
        String name = r.nextName();
        if (r.peek() != JsonReader.Token.STRING) {
          r.skipValue();
          continue;
        }
        switch (name) {
          case "path" -> path = r.nextString();
          case "rule" -> rule = r.nextString();
          case "message" -> message = r.nextString();
          default -> r.skipValue();
        }
      }
      r.endObject();
      out.add(Problem.of(path, rule.isEmpty() ? "unspecified" : rule, message));
    }
    r.endArray();
  }
}
