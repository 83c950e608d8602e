package ai.nesa.aivm.sdk.internal.metrics;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.inference.DeploymentStatus;
import ai.nesa.aivm.sdk.metrics.MetricsEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decodes the compact form of a {@code MetricsEvent} from its UTF-8 bytes (one flat JSON object of
 * strings without escapes and plain numbers, keys in any order: what a gateway writes) without a
 * JSON parser, and remembers the last values of the fields that repeat from event to event (model,
 * version, deployment, node, cost) and the day of the last time, so that each is parsed and
 * validated once. Returns null for anything else (an escape, a nested object such as a failure's
 * {@code error}, a value that breaks its rule), which the general codec then reads and, when it is
 * wrong, names. UTF-8 never puts a quote or a backslash inside a multi-byte character, so the scan
 * is right on bytes. One per feed: not thread-safe.
 */
final class EventFastPath {
  private static final String[] KEYS = {"id", "kind", "time", "model", "version", "deployment", "inference", "node",
      "latencyMs", "unitsIn", "unitsOut", "cost", "deploymentStatus"};
  private static final byte[][] KEY_BYTES = new byte[KEYS.length][];
  private static final int ID = 0;
  private static final int KIND = 1;
  private static final int TIME = 2;
  private static final int MODEL = 3;
  private static final int VERSION = 4;
  private static final int DEPLOYMENT = 5;
  private static final int INFERENCE = 6;
  private static final int NODE = 7;
  private static final int LATENCY = 8;
  private static final int UNITS_IN = 9;
  private static final int UNITS_OUT = 10;
  private static final int COST = 11;
  private static final int STATUS = 12;
  private static final double[] POWERS = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
      1e14, 1e15};

  static {
    for (int i = 0; i < KEYS.length; i++) {
      KEY_BYTES[i] = KEYS[i].getBytes(StandardCharsets.US_ASCII);
    }
  }

  private final int[] from = new int[KEYS.length];
  private final int[] to = new int[KEYS.length];
  private final Recent<ModelId> models = new Recent<>(ModelId::of);
  private final Recent<Semver> versions = new Recent<>(Semver::of);
  private final Recent<String> deployments = new Recent<>(s -> s);
  private final Recent<Address> nodes = new Recent<>(Address::of);
  private final Recent<BigDecimal> costs = new Recent<>(BigDecimal::new);
  /** The date part ({@code YYYY-MM-DDT}) of the last time read, and that day's first second. */
  private byte[] day;
  private long dayStart;

  /** The event, or null when the data is not in the compact form or not valid. */
  MetricsEvent read(String type, byte[] data) {
    try {
      return decode(type, data);
    } catch (RuntimeException e) {
      return null; // the general codec reads it again and says what is wrong
    }
  }

  private MetricsEvent decode(String type, byte[] s) {
    int n = s.length;
    if (n < 2 || s[0] != '{' || s[n - 1] != '}') {
      return null;
    }
    Arrays.fill(from, -1);
    int i = 1;
    while (true) {
      if (s[i] != '"') {
        return null;
      }
      int keyEnd = i + 1;
      while (keyEnd < n && s[keyEnd] != '"') {
        keyEnd++;
      }
      if (keyEnd + 2 >= n || s[keyEnd + 1] != ':') {
        return null;
      }
      int field = field(s, i + 1, keyEnd);
      int v = keyEnd + 2;
      int start;
      int end;
      int next;
      byte c = s[v];
      if (c == '"') {
        start = v + 1;
        end = start;
        while (end < n && s[end] != '"') {
          if (s[end] == '\\') {
            return null; // an escape: the general codec
          }
          end++;
        }
        if (end >= n) {
          return null;
        }
        next = end + 1;
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        start = v;
        end = v + 1;
        while (end < n && s[end] != ',' && s[end] != '}') {
          end++;
        }
        next = end;
      } else {
        return null; // a nested value, null or a literal: the general codec
      }
      if (field >= 0) {
        from[field] = start;
        to[field] = end;
      }
      if (next >= n) {
        return null;
      }
      byte after = s[next];
      if (after == '}') {
        if (next != n - 1) {
          return null;
        }
        break;
      }
      if (after != ',') {
        return null;
      }
      i = next + 1;
    }
    if (from[KIND] < 0 || from[ID] < 0 || from[TIME] < 0 || !matches(s, from[KIND], to[KIND], type)) {
      return null;
    }
    String id = text(s, ID);
    Instant at = time(s, from[TIME], to[TIME]);
    return switch (type) {
      case "inference_started" -> new MetricsEvent.InferenceStarted(id, at, ref(s));
      case "inference_completed" -> new MetricsEvent.InferenceCompleted(id, at, ref(s), decimal(s, LATENCY),
          integer(s, UNITS_IN), integer(s, UNITS_OUT), costs.of(s, from[COST], to[COST]));
      case "deployment_changed" -> new MetricsEvent.DeploymentChanged(id, at, models.of(s, from[MODEL], to[MODEL]),
          versions.of(s, from[VERSION], to[VERSION]), deployments.of(s, from[DEPLOYMENT], to[DEPLOYMENT]),
          DeploymentStatus.fromWire(text(s, STATUS)));
      case "version_published" -> new MetricsEvent.VersionPublished(id, at, models.of(s, from[MODEL], to[MODEL]),
          versions.of(s, from[VERSION], to[VERSION]));
      case "access_granted" -> new MetricsEvent.AccessGranted(id, at, models.of(s, from[MODEL], to[MODEL]),
          from[VERSION] < 0 ? Optional.empty() : Optional.of(versions.of(s, from[VERSION], to[VERSION])),
          nodes.of(s, from[NODE], to[NODE]));
      case "access_revoked" -> new MetricsEvent.AccessRevoked(id, at, models.of(s, from[MODEL], to[MODEL]),
          nodes.of(s, from[NODE], to[NODE]));
      default -> null; // failures carry a nested error; unknown kinds are the general codec's to refuse
    };
  }

  private MetricsEvent.InferenceRef ref(byte[] s) {
    return new MetricsEvent.InferenceRef(models.of(s, from[MODEL], to[MODEL]), versions.of(s, from[VERSION],
        to[VERSION]), deployments.of(s, from[DEPLOYMENT], to[DEPLOYMENT]), text(s, INFERENCE),
        nodes.of(s, from[NODE], to[NODE]));
  }

  private String text(byte[] s, int field) {
    if (from[field] < 0) {
      throw new NullPointerException(KEYS[field]);
    }
    return new String(s, from[field], to[field] - from[field], StandardCharsets.UTF_8);
  }

  /**
   * An RFC 3339 UTC time {@code YYYY-MM-DDTHH:MM:SS[.fraction]Z}, its day remembered from the
   * time before; a new day, or any other form, through the general parser.
   */
  private Instant time(byte[] s, int a, int b) {
    int n = b - a;
    if (n >= 20 && n <= 30 && s[a + 10] == 'T' && s[a + 13] == ':' && s[a + 16] == ':' && s[b - 1] == 'Z'
        && day != null && Arrays.equals(day, 0, day.length, s, a, a + day.length)) {
      int hour = digits(s, a + 11, 2);
      int minute = digits(s, a + 14, 2);
      int second = digits(s, a + 17, 2);
      int nanos = 0;
      boolean plain = n == 20;
      if (n > 20 && s[a + 19] == '.') {
        int count = n - 21;
        nanos = digits(s, a + 20, count);
        for (int k = count; k < 9 && nanos >= 0; k++) {
          nanos *= 10;
        }
        plain = count >= 1 && count <= 9;
      }
      if (plain && (hour | minute | second | nanos) >= 0 && hour < 24 && minute < 60 && second < 60) {
        return Instant.ofEpochSecond(dayStart + hour * 3_600L + minute * 60L + second, nanos);
      }
    }
    Instant parsed = MetricsJson.time(new String(s, a, n, StandardCharsets.UTF_8));
    if (n >= 20 && s[a + 10] == 'T') {
      day = Arrays.copyOfRange(s, a, a + 11);
      dayStart = LocalDate.parse(new String(day, 0, 10, StandardCharsets.US_ASCII)).toEpochDay() * 86_400;
    }
    return parsed;
  }

  private static int digits(byte[] s, int from, int count) {
    int v = 0;
    for (int k = from; k < from + count; k++) {
      byte c = s[k];
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** A non-negative integer of up to 18 digits. */
  private long integer(byte[] s, int field) {
    int a = from[field];
    int b = to[field];
    if (a < 0 || b - a < 1 || b - a > 18) {
      throw new IllegalArgumentException(KEYS[field]);
    }
    long v = 0;
    for (int k = a; k < b; k++) {
      byte c = s[k];
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException(KEYS[field]);
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /**
   * A plain decimal ({@code 12.345}) of at most 15 significant digits, exactly as {@link
   * Double#parseDouble} reads it (both integer parts are exact doubles, so their quotient is the
   * correctly rounded value); anything else through {@code parseDouble}.
   */
  private double decimal(byte[] s, int field) {
    int a = from[field];
    int b = to[field];
    if (a < 0) {
      throw new NullPointerException(KEYS[field]);
    }
    long digits = 0;
    int count = 0;
    int fraction = -1;
    for (int k = a; k < b; k++) {
      byte c = s[k];
      if (c == '.' && fraction < 0) {
        fraction = 0;
      } else if (c >= '0' && c <= '9' && count < 15) {
        digits = digits * 10 + (c - '0');
        count++;
        if (fraction >= 0) {
          fraction++;
        }
      } else {
        return Double.parseDouble(new String(s, a, b - a, StandardCharsets.US_ASCII));
      }
    }
    if (count == 0 || fraction == 0) {
      return Double.parseDouble(new String(s, a, b - a, StandardCharsets.US_ASCII));
    }
    return fraction < 0 ? digits : digits / POWERS[fraction];
  }

  private static boolean matches(byte[] s, int a, int b, String ascii) {
    if (b - a != ascii.length()) {
      return false;
    }
    for (int k = 0; k < ascii.length(); k++) {
      if (s[a + k] != ascii.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Which field a key names, or -1: picked by its length and first byte, then compared byte by byte. */
  private static int field(byte[] s, int start, int end) {
    int f = switch (end - start) {
      case 2 -> ID;
      case 4 -> s[start] == 'k' ? KIND : s[start] == 't' ? TIME : s[start] == 'n' ? NODE : COST;
      case 5 -> MODEL;
      case 7 -> s[start] == 'v' ? VERSION : UNITS_IN;
      case 8 -> UNITS_OUT;
      case 9 -> s[start] == 'i' ? INFERENCE : LATENCY;
      case 10 -> DEPLOYMENT;
      case 16 -> STATUS;
      default -> -1;
    };
    if (f < 0) {
      return -1;
    }
    byte[] key = KEY_BYTES[f];
    for (int k = 0; k < key.length; k++) {
      if (s[start + k] != key[k]) {
        return -1;
      }
    }
    return f;
  }

  /**
   * The last values of one field, by their bytes, in eight slots picked by the length and the last
   * byte (so values that alternate, such as a deployment's nodes, usually keep theirs).
   */
  private static final class Recent<T> {
    private static final int SLOTS = 8;
    private final byte[][] texts = new byte[SLOTS][];
    private final Object[] values = new Object[SLOTS];
    private final Function<String, T> parse;

    Recent(Function<String, T> parse) {
      this.parse = parse;
    }

    @SuppressWarnings("unchecked")
    T of(byte[] s, int a, int b) {
      if (a < 0 || b <= a) {
        throw new NullPointerException("absent");
      }
      int length = b - a;
      int slot = (length * 31 + s[b - 1]) & (SLOTS - 1);
      byte[] t = texts[slot];
      if (t != null && Arrays.equals(t, 0, t.length, s, a, b)) {
        return (T) values[slot];
      }
      T value = parse.apply(new String(s, a, length, StandardCharsets.UTF_8));
      texts[slot] = Arrays.copyOfRange(s, a, b);
      values[slot] = value;
      return value;
    }
  }
}
