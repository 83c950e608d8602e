package ai.nesa.aivm.devnet.internal;

import java.util.Locale;

/**
 * Whether an {@code Accept} header prefers {@code text/event-stream} to {@code application/json}:
 * its quality is above zero and at least JSON's (JSON's being that of {@code application/json},
 * else {@code application/*}, else {@code *}{@code /*}, else 0). A missing header prefers JSON.
 */
public final class AcceptHeader {
  private AcceptHeader() {}

  /** True when {@code accept} (null for none) prefers the event stream. */
  public static boolean prefersEventStream(String accept) {
    if (accept == null) {
      return false;
    }
    double sse = quality(accept, "text/event-stream", null);
    double json = quality(accept, "application/json", "application/*");
    return sse > 0 && sse >= json;
  }

  /** The quality of {@code type} (or, failing it, of {@code family}, then of any type); -1 when not listed. */
  private static double quality(String accept, String type, String family) {
    double exact = -1;
    double partial = -1;
    double any = -1;
    for (String part : accept.split(",")) {
      String[] params = part.trim().toLowerCase(Locale.ROOT).split(";");
      double q = 1;
      for (int i = 1; i < params.length; i++) {
        String p = params[i].trim();
        if (p.startsWith("q=")) {
          try {
            q = Double.parseDouble(p.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      String media = params[0].trim();
      if (media.equals(type)) {
        exact = Math.max(exact, q);
      } else if (media.equals(family)) {
        partial = Math.max(partial, q);
      } else if (media.equals("*/*")) {
        any = Math.max(any, q);
      }
    }
    return exact >= 0 ? exact : partial >= 0 ? partial : any >= 0 && family != null ? any : exact;
  }
}
