package ai.nesa.aivm.sdk.internal.http;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;
import okio.BufferedSource;
import okio.ByteString;
import okio.Options;

/**
 * Reads {@code text/event-stream} events one at a time on the caller's thread, as the WHATWG
 * HTML standard's event-stream parsing says: lines end with LF or CRLF; a line starting with
 * {@code :} is a comment; {@code field: value} (one space after the colon dropped); {@code data}
 * lines join with LF; a blank line dispatches the event, or nothing when it has no data; the
 * {@code event} field names it ({@code message} when absent); {@code id} gives the event's id
 * (an id holding NUL is ignored, as the standard says); {@code retry} is read and ignored; any
 * other field is ignored and told to the reader's {@code unknownLine} listener, which the metrics
 * feed logs as a warning; an event cut off by the end of the stream is discarded.
 *
 * <p>Pulling instead of being pushed to (as okhttp-sse's listener does) lets an iterator read the
 * connection on the consumer's own thread: no reader thread, no hand-off queue, and backpressure
 * is simply not reading.
 */
public final class EventStreamReader {
  /**
   * An event: its type, its data, and the id its block set (null when it set none: the stream's
   * last id then still stands, which is the reader's caller to keep).
   */
  public record Event(String type, String data, String id) {
    public Event(String type, String data) {
      this(type, data, null);
    }
  }

  private static final Options FIELDS = Options.of(
      ByteString.encodeUtf8("data: "),
      ByteString.encodeUtf8("data:"),
      ByteString.encodeUtf8("event: "),
      ByteString.encodeUtf8("event:"),
      ByteString.encodeUtf8("\r\n"),
      ByteString.encodeUtf8("\n"),
      ByteString.encodeUtf8(":"),
      ByteString.encodeUtf8("id: "),
      ByteString.encodeUtf8("id:"));

  private final BufferedSource source;
  private final Consumer<String> unknownLine;

  public EventStreamReader(BufferedSource source) {
    this(source, line -> {});
  }

  /** A reader that tells {@code unknownLine} each line of a field the format does not define. */
  public EventStreamReader(BufferedSource source, Consumer<String> unknownLine) {
    this.source = Objects.requireNonNull(source, "source");
    this.unknownLine = Objects.requireNonNull(unknownLine, "unknownLine");
  }

  /**
   * The next event, or null when the stream ends (an event the end cuts off is discarded).
   *
   * @throws IOException when reading fails
   */
  public Event next() throws IOException {
    String type = null;
    String data = null;
    String id = null;
    StringBuilder more = null;
    while (true) {
      int field = source.select(FIELDS);
      if (field == 4 || field == 5) {
        if (data != null) {
          return new Event(type == null ? "message" : type, more == null ? data : more.toString(), id);
        }
        type = null;
        id = null;
        continue;
      }
      if (field < 0 && source.exhausted()) {
        return null;
      }
      String line = line();
      if (line == null) {
        return null;
      }
      if (field == 0 || field == 1 || (field < 0 && line.equals("data"))) {
        String value = field < 0 ? "" : line;
        if (data == null) {
          data = value;
        } else {
          if (more == null) {
            more = new StringBuilder(data);
          }
          more.append('\n').append(value);
        }
      } else if (field == 2 || field == 3 || (field < 0 && line.equals("event"))) {
        type = field < 0 ? "" : line;
      } else if (field == 7 || field == 8 || (field < 0 && line.equals("id"))) {
        String value = field < 0 ? "" : line;
        if (value.indexOf('\0') < 0) {
          id = value;
        }
      } else if (field < 0 && !isRetry(line)) {
        unknownLine.accept(line);
      }
      // Otherwise a comment or retry: read and ignored, as the standard says.
    }
  }

  private static boolean isRetry(String line) {
    return line.equals("retry") || line.startsWith("retry:");
  }

  /** The rest of the line without its end; null when the stream ends first. */
  private String line() throws IOException {
    long end = source.indexOf((byte) '\n');
    if (end < 0) {
      return null;
    }
    String line = source.readUtf8(end);
    source.skip(1);
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
