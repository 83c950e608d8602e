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

  /** An event whose data is left as the UTF-8 bytes it came as ({@link #nextRaw()}). */
  public record RawEvent(String type, byte[] data, String id) {
    /** The data as text. */
    public String text() {
      return new String(data, java.nio.charset.StandardCharsets.UTF_8);
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
  /** The last {@code event} field's value, and its line's bytes after {@code event: }: a stream mostly repeats it. */
  private String lastType;
  private ByteString lastTypeLine;
  /** The data of the raw event being read: its first line, and all of them joined once there are more. */
  private byte[] rawFirst;
  private okio.Buffer rawMore;

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
    Parsed p = read(false);
    return p == null ? null : new Event(p.type(), p.text(), p.id());
  }

  /**
   * The next event with its data as bytes, undecoded (for a caller that decodes the bytes itself),
   * or null when the stream ends.
   *
   * @throws IOException when reading fails
   */
  public RawEvent nextRaw() throws IOException {
    Parsed p = read(true);
    return p == null ? null : new RawEvent(p.type(), p.bytes(), p.id());
  }

  /** An event read: its data as text, or as bytes in raw mode. */
  private record Parsed(String type, String text, byte[] bytes, String id) {}

  private Parsed read(boolean raw) throws IOException {
    String type = null;
    String data = null;
    boolean hasData = false;
    String id = null;
    StringBuilder more = null;
    rawFirst = null;
    rawMore = null;
    while (true) {
      int field = source.select(FIELDS);
      if (field == 4 || field == 5) {
        if (hasData) {
          String name = type == null ? "message" : type;
          return raw ? new Parsed(name, null, rawMore == null ? rawFirst : rawMore.readByteArray(), id)
              : new Parsed(name, more == null ? data : more.toString(), null, id);
        }
        type = null;
        id = null;
        continue;
      }
      if (field < 0 && source.exhausted()) {
        return null;
      }
      if (raw && (field == 0 || field == 1)) {
        byte[] value = lineBytes();
        if (value == null) {
          return null;
        }
        addRaw(value);
        hasData = true;
        continue;
      }
      if ((field == 2 || field == 3) && lastTypeLine != null && source.rangeEquals(0, lastTypeLine)) {
        source.skip(lastTypeLine.size()); // the same type as the event before: its string again
        type = lastType;
        continue;
      }
      String line = line();
      if (line == null) {
        return null;
      }
      if (field == 2 || field == 3) {
        lastType = line;
        lastTypeLine = ByteString.encodeUtf8(line + "\n");
      }
      if (field == 0 || field == 1 || (field < 0 && line.equals("data"))) {
        String value = field < 0 ? "" : line;
        if (raw) {
          addRaw(new byte[0]); // a bare "data" line: an empty one
        } else if (!hasData) {
          data = value;
        } else {
          if (more == null) {
            more = new StringBuilder(data);
          }
          more.append('\n').append(value);
        }
        hasData = true;
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

  /** Adds one data line of a raw event: the first as it is, the next ones joined with LF. */
  private void addRaw(byte[] line) {
    if (rawFirst == null) {
      rawFirst = line;
      return;
    }
    if (rawMore == null) {
      rawMore = new okio.Buffer().write(rawFirst);
    }
    rawMore.writeByte('\n').write(line);
  }

  private static boolean isRetry(String line) {
    return line.equals("retry") || line.startsWith("retry:");
  }

  /** The rest of the line as bytes, without its end; null when the stream ends first. */
  private byte[] lineBytes() throws IOException {
    long end = source.indexOf((byte) '\n');
    if (end < 0) {
      return null;
    }
    byte[] line = source.readByteArray(end);
    source.skip(1);
    return line.length > 0 && line[line.length - 1] == '\r' ? java.util.Arrays.copyOf(line, line.length - 1) : line;
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
