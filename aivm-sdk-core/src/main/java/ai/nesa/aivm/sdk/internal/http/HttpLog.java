package ai.nesa.aivm.sdk.internal.http;

import java.util.Locale;
import java.util.Set;
import okhttp3.Headers;

/**
 * How traffic is described in debug logs: method, URL and headers, with every credential header
 * replaced by a mark. Bodies are never described: they may carry inputs, outputs or keys.
 */
final class HttpLog {
  static final String REDACTED = "██";
  private static final Set<String> SENSITIVE = Set.of(
      "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key");

  private HttpLog() {}

  static String headers(Headers headers) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      out.append(i == 0 ? "" : ", ").append(name).append(": ")
          .append(SENSITIVE.contains(name.toLowerCase(Locale.ROOT)) ? REDACTED : headers.value(i));
    }
    return out.toString();
  }
}
