package ai.nesa.aivm.sdk.internal.inference;

import java.io.IOException;
import okio.BufferedSource;
import okio.ByteString;
import okio.Options;

/**
 * Reads {@code text/event-stream} events one at a time on the caller's thread, as the WHATWG
 * HTML standard's event-stream parsing says: lines end with LF or CRLF; a line starting with
 * {@code :} is a comment; {@code field: value} (one space after the colon dropped); {@code data}
 * lines join with LF; a blank line dispatches the event, or nothing when it has no data; the
 * {@code event} field names it ({@code message} when absent); {@code id} and {@code retry} are read
 * and ignored (an inference stream is not resumed by id); other fields are ignored; an event cut
 * off by the end of the stream is discarded.
 *
 * <p>Pulling instead of being pushed to (as okhttp-sse's listener does) lets an iterator read the
 * connection on the consumer's own thread: no reader thread, no hand-off queue, and backpressure
 * is simply not reading.
 */
final class EventStreamReader {
  /** An event: its type and its data. */
  record Event(String type, String data) {}

  private static final Options FIELDS = Options.of(
      ByteString.encodeUtf8("data: "),
      ByteString.encodeUtf8("data:"),
      ByteString.encodeUtf8("event: "),
      ByteString.encodeUtf8("event:"),
      ByteString.encodeUtf8("\r\n"),
      ByteString.encodeUtf8("\n"),
      ByteString.encodeUtf8(":"));

  private final BufferedSource source;

  EventStreamReader(BufferedSource source) {
    this.source = source;
  }

  /**
   * The next event, or null when the stream ends (an event the end cuts off is discarded).
   *
   * @throws IOException when reading fails
   */
  Event next() throws IOException {
    String type = null;
    String data = null;
    StringBuilder more = null;
    while (true) {
      int field = source.select(FIELDS);
      String value;
      if (field == 4 || field == 5) {
        if (data != null) {
          return new Event(type == null ? "message" : type, more == null ? data : more.toString());
        }
        type = null;
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
        value = field < 0 ? "" : line;
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
      }
      // Otherwise a comment, or id, retry or an unknown field: read and ignored, as the standard
      // says (an inference stream keeps no last event id and no reconnection time).
    }
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
