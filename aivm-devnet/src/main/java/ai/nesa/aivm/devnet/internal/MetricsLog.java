package ai.nesa.aivm.devnet.internal;

import ai.nesa.aivm.crypto.Hex;
import com.squareup.moshi.JsonAdapter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The devnet gateway's live event log: every event in a bounded ring, each with an id {@code
 * <instance>-<sequence>} (the instance is drawn afresh each time a gateway starts, so an id from
 * before a restart is never taken for one after it). Readers hold their own position and wait
 * for the next events; the ring never waits for a reader: one that falls behind its oldest event
 * is told of the gap. Thread-safe.
 */
public final class MetricsLog {
  /** The events the ring holds unless told otherwise. */
  public static final int DEFAULT_CAPACITY = 65_536;

  private static final Pattern ID = Pattern.compile("([0-9a-f]{8})-([1-9][0-9]{0,17})");

  /**
   * One event: its sequence, id, what readers filter on, its {@code MetricsEvent} JSON, and its
   * event-stream frame ({@code id:}, {@code event:}, {@code data:} lines), encoded once for every
   * stream that sends it.
   */
  public record Entry(long sequence, String id, String kind, String model, String version, String deployment,
      String node, String json, byte[] frame) {}

  /**
   * What a reader gets: the entries after its position, in order, and, when some it should have
   * had are no longer held, the gap first.
   *
   * @param gap whether events were lost before {@code entries}
   * @param entries the events read
   * @param position the reader's new position
   */
  public record Batch(boolean gap, List<Entry> entries, long position) {}

  private final String instance;
  private final Entry[] ring;
  private final Clock clock;
  private final JsonAdapter<Object> json;
  private long next = 1;

  public MetricsLog(int capacity, Clock clock, JsonAdapter<Object> json) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a metrics log holds at least one event: " + capacity);
    }
    byte[] b = new byte[4];
    new SecureRandom().nextBytes(b);
    this.instance = Hex.encodePlain(b);
    this.ring = new Entry[capacity];
    this.clock = Objects.requireNonNull(clock, "clock");
    this.json = Objects.requireNonNull(json, "json");
  }

  /** How many events the ring holds at most. */
  public int capacity() {
    return ring.length;
  }

  /**
   * Appends an event of {@code kind} with {@code fields} (the {@code MetricsEvent} fields beyond
   * id, kind and time; absent ones left out), and wakes the readers.
   */
  public void append(String kind, Map<String, Object> fields) {
    Instant now = clock.instant();
    synchronized (this) {
      long seq = next++;
      String id = instance + "-" + seq;
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("id", id);
      body.put("kind", kind);
      body.put("time", now.toString());
      body.putAll(fields);
      String data = json.toJson(body);
      byte[] frame = ("id: " + id + "\nevent: " + kind + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
      ring[(int) (seq % ring.length)] = new Entry(seq, id, kind, (String) fields.get("model"),
          (String) fields.get("version"), (String) fields.get("deployment"), (String) fields.get("node"), data, frame);
      notifyAll();
    }
  }

  /** The position of a reader that starts now: after the newest event. */
  public synchronized long now() {
    return next - 1;
  }

  /**
   * The position after {@code lastEventId}, for a reader resuming: that event's sequence when it
   * is of this log, or {@code -1} when it is of an earlier instance (a gateway before a restart):
   * the reader then starts from the oldest event held, after a gap.
   *
   * @throws IllegalArgumentException when the id is not one this log's gateways give, or is of
   *     this instance but not given yet
   */
  public synchronized long positionAfter(String lastEventId) {
    Matcher m = ID.matcher(lastEventId);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + lastEventId + "' is not an event id of this gateway");
    }
    if (!m.group(1).equals(instance)) {
      return -1;
    }
    long seq = Long.parseLong(m.group(2));
    if (seq >= next) {
      throw new IllegalArgumentException("event " + lastEventId + " has not happened yet");
    }
    return seq;
  }

  /**
   * Up to {@code max} events after {@code position}, waiting up to {@code waitMillis} when there
   * is none yet (an empty batch then). A position of {@code -1}, or one whose next events the ring
   * no longer holds, reads from the oldest event held, with {@code gap} set.
   */
  public synchronized Batch read(long position, int max, long waitMillis) throws InterruptedException {
    long oldest = Math.max(1, next - ring.length);
    boolean gap = position < 0 || position + 1 < oldest;
    long from = gap ? oldest - 1 : position;
    if (from + 1 >= next && waitMillis > 0) {
      wait(waitMillis);
      oldest = Math.max(1, next - ring.length);
      if (from + 1 < oldest) {
        gap = true;
        from = oldest - 1;
      }
    }
    List<Entry> entries = new ArrayList<>();
    for (long seq = from + 1; seq < next && entries.size() < max; seq++) {
      entries.add(ring[(int) (seq % ring.length)]);
    }
    return new Batch(gap, entries, entries.isEmpty() ? from : entries.get(entries.size() - 1).sequence());
  }

  /** The {@code MetricsGap} JSON of a gap after {@code from}, before {@code to} (null: none held yet). */
  public String gapJson(String from, String to) {
    Map<String, Object> gap = new LinkedHashMap<>();
    gap.put("from", from);
    gap.put("to", to);
    return json.toJson(gap);
  }

  /** The id of the event at {@code sequence} of this instance. */
  public String idOf(long sequence) {
    return instance + "-" + sequence;
  }
}
