package ai.nesa.aivm.devnet.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON answer of the devnet gateway: a status, a body (maps, lists, strings, numbers, {@link
 * RawJson}) and extra headers such as {@code Location} or {@code Retry-After}.
 *
 * @param status the HTTP status
 * @param body the JSON body
 * @param headers headers besides {@code Content-Type} and {@code X-Request-Id}
 */
public record Answer(int status, Object body, Map<String, String> headers) {
  public Answer {
    headers = Map.copyOf(headers);
  }

  /** An answer with no extra headers. */
  public Answer(int status, Object body) {
    this(status, body, Map.of());
  }

  /** This answer with one more header. */
  public Answer withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Answer(status, body, h);
  }

  /** The document's {@code ErrorResponse}: a stable {@code code}, a message, the request id and any details. */
  public static Answer error(int status, String code, String message, String requestId,
      List<Map<String, Object>> details) {
    return new Answer(status, Map.of("error", errorBody(code, message, requestId, details)));
  }

  /** The document's {@code Error} object. */
  public static Map<String, Object> errorBody(String code, String message, String requestId,
      List<Map<String, Object>> details) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("requestId", requestId);
    if (!details.isEmpty()) {
      error.put("details", details);
    }
    return error;
  }
}
