package ai.nesa.aivm.devnet.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the fields of a JSON request body, collecting one problem per bad field (path, rule and
 * message, the document's {@code ErrorDetail}) instead of stopping at the first. Paths are JSON
 * paths such as {@code $.consensus.k}.
 */
public final class JsonFields {
  /** The document's {@code Decimal}. */
  public static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]{0,77})(\\.[0-9]{1,78})?");
  private static final JsonAdapter<Object> READER = RawJson.moshi().adapter(Object.class);

  private final List<Map<String, Object>> problems = new ArrayList<>();

  /** The problems found so far, in the order found. */
  public List<Map<String, Object>> problems() {
    return problems;
  }

  /** Adds a problem. */
  public void problem(String path, String rule, String message) {
    problems.add(Query.problem(path, rule, message));
  }

  /** {@code json} as a JSON object, or null (and a problem at {@code $}) when it is not one. */
  public Map<String, Object> object(String json) {
    try {
      Object value = READER.fromJson(json);
      if (value instanceof Map<?, ?> m) {
        return cast(m);
      }
      problem("$", "type", "the body is not a JSON object");
    } catch (JsonDataException | JsonEncodingException e) {
      problem("$", "json", "the body is not JSON: " + e.getMessage());
    } catch (IOException e) {
      problem("$", "json", "the body could not be read: " + e.getMessage());
    }
    return null;
  }

  /** Adds a problem for each field of {@code object} not in {@code known}. */
  public void onlyKnown(Map<String, Object> object, String path, Set<String> known) {
    for (String name : object.keySet()) {
      if (!known.contains(name)) {
        problem(path + "." + name, "unknown", "not a field of this object; fields are " + known);
      }
    }
  }

  /** The object at {@code name}, an empty one when absent, null when not an object. */
  public Map<String, Object> child(Map<String, Object> object, String name, String path) {
    Object v = object.get(name);
    if (v == null) {
      return Map.of();
    }
    if (v instanceof Map<?, ?> m) {
      return cast(m);
    }
    problem(path, "type", "an object");
    return null;
  }

  /** The string at {@code name}, or null when absent or not a string (a problem then). */
  public String string(Map<String, Object> object, String name, String path) {
    Object v = object.get(name);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    problem(path, "type", "a string");
    return null;
  }

  /** The boolean at {@code name}, or null when absent or not a boolean (a problem then). */
  public Boolean bool(Map<String, Object> object, String name, String path) {
    Object v = object.get(name);
    if (v == null || v instanceof Boolean) {
      return (Boolean) v;
    }
    problem(path, "type", "a boolean");
    return null;
  }

  /** The integer at {@code name} in [{@code min}, {@code max}], or null when absent or bad (a problem then). */
  public Long integer(Map<String, Object> object, String name, String path, long min, long max) {
    Object v = object.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || Math.abs(n.doubleValue()) > 1e15) {
      problem(path, "type", "an integer");
      return null;
    }
    long value = n.longValue();
    if (value < min) {
      problem(path, "minimum", "at least " + min + ", not " + value);
      return null;
    }
    if (value > max) {
      problem(path, "maximum", "at most " + max + ", not " + value);
      return null;
    }
    return value;
  }

  /** The {@code Decimal} at {@code name}, or null when absent or bad (a problem then). */
  public BigDecimal decimal(Map<String, Object> object, String name, String path) {
    String text = string(object, name, path);
    if (text == null) {
      return null;
    }
    if (!DECIMAL.matcher(text).matches()) {
      problem(path, "pattern", "a non-negative decimal as a string, such as '0.0025', not '" + text + "'");
      return null;
    }
    return new BigDecimal(text);
  }

  /** The array at {@code name}, or null when absent or not an array (a problem then). */
  public List<Object> array(Map<String, Object> object, String name, String path) {
    Object v = object.get(name);
    if (v == null) {
      return null;
    }
    if (v instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    problem(path, "type", "an array");
    return null;
  }

  /** A decimal amount as the document writes it: plain, without trailing zeros. */
  public static String plain(BigDecimal amount) {
    return amount.stripTrailingZeros().toPlainString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
