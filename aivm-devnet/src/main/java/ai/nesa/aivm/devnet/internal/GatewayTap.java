package ai.nesa.aivm.devnet.internal;

import java.util.Objects;

/**
 * Sees every answer the devnet gateway gives (and every event of a streamed one), for the devnet's
 * contract tests: they hold each one to the gateway document, whoever made the request (the SDK's
 * client included). One listener at a time, for the whole JVM; none by default, and then it costs a
 * volatile read an answer.
 */
public final class GatewayTap {
  /** Told of one answer. */
  @FunctionalInterface
  public interface Listener {
    /**
     * @param method the request's method
     * @param template the document's path template that served it, such as {@code
     *     /v1/models/{org}/{name}}; null for a path the document does not have
     * @param status the answer's status
     * @param body the answer's JSON body
     */
    void answered(String method, String template, int status, String body);

    /**
     * Told of one server-sent event of a streamed answer; ignored unless overridden.
     *
     * @param method the request's method
     * @param template the document's path template that served it
     * @param event the event's name, such as {@code chunk}
     * @param data the event's JSON data
     */
    default void streamed(String method, String template, String event, String data) {}
  }

  private static volatile Listener listener;

  private GatewayTap() {}

  /** Makes {@code l} the listener until the returned handle is closed. */
  public static AutoCloseable listen(Listener l) {
    listener = Objects.requireNonNull(l, "listener");
    return () -> listener = null;
  }

  /** Tells the listener, if any, of one answer. */
  public static void answered(String method, String template, int status, String body) {
    Listener l = listener;
    if (l != null) {
      l.answered(method, template, status, body);
    }
  }

  /** Tells the listener, if any, of one server-sent event. */
  public static void streamed(String method, String template, String event, String data) {
    Listener l = listener;
    if (l != null) {
      l.streamed(method, template, event, data);
    }
  }
}
