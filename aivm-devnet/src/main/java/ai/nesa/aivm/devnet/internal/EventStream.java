package ai.nesa.aivm.devnet.internal;

import com.squareup.moshi.JsonAdapter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Server-sent events on one response: {@code event: NAME}, one {@code data:} line of JSON and a
 * blank line, flushed per event; {@code : keep-alive} comment lines between. Each event's data is
 * told to the {@link GatewayTap}. A write that fails (the client went away) throws.
 *
 * <p>Not thread-safe: one writer per response.
 */
public final class EventStream {
  private final OutputStream out;
  private final JsonAdapter<Object> json;
  private final String method;
  private final String template;

  public EventStream(OutputStream out, JsonAdapter<Object> json, String method, String template) {
    this.out = out;
    this.json = json;
    this.method = method;
    this.template = template;
  }

  /** Writes and flushes one event whose data is {@code body} as one line of JSON. */
  public void event(String name, Object body) throws IOException {
    String data = json.toJson(body);
    GatewayTap.streamed(method, template, name, data);
    write("event: " + name + "\ndata: " + data + "\n\n");
  }

  /** Writes and flushes a keep-alive comment. */
  public void keepAlive() throws IOException {
    write(": keep-alive\n\n");
  }

  private void write(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
