package ai.nesa.aivm.sdk.internal.http;

import ai.nesa.aivm.Problem;
import ai.nesa.aivm.sdk.ServiceError;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the gateway's error shape, {@code {"error": {"code", "message", "requestId", "details"}}},
 * leniently: a proxy's HTML page or an empty body still yields an error with the status.
 */
final class ErrorBodies {
  private ErrorBodies() {}

  static ServiceError read(ApiResponse response, Instant now) {
    String code = "unknown";
    String message = "HTTP " + response.status() + " with no error body in the gateway's shape";
    String requestId = response.requestId();
    List<Problem> details = new ArrayList<>();
    try (JsonReader r = JsonReader.of(response.body())) {
      r.beginObject();
      while (r.hasNext()) {
        if (!r.nextName().equals("error") || r.peek() != JsonReader.Token.BEGIN_OBJECT) {
          r.skipValue();
          continue;
        }
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
      }
      r.endObject();
    } catch (IOException | RuntimeException notOurShape) {
      // Keep what was read; the status alone still types the exception.
    }
    if ("unknown".equals(code) && response.bodySize() == 0) {
      message = "HTTP " + response.status() + " with an empty body";
    }
    return new ServiceError(response.status(), code, message, requestId, details,
        RetryAfter.parse(response.headers().get("Retry-After"), now));
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
