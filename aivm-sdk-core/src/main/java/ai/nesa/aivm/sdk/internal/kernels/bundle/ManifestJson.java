package ai.nesa.aivm.sdk.internal.kernels.bundle;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.internal.kernels.JsonTree;
import ai.nesa.aivm.sdk.kernels.FileEncryption;
import ai.nesa.aivm.sdk.kernels.FileRole;
import ai.nesa.aivm.sdk.kernels.Manifest;
import ai.nesa.aivm.sdk.kernels.ManifestEntry;
import ai.nesa.aivm.sdk.kernels.ManifestKeys;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The manifest's JSON: the tree that is written canonically, and a strict reader. */
public final class ManifestJson {
  private static final Set<String> TOP = Set.of("schemaVersion", "name", "version", "files", "keys");
  private static final Set<String> TOP_REQUIRED = Set.of("schemaVersion", "name", "version", "files");
  private static final Set<String> KEYS = Set.of("epoch", "owner", "sealedDataKey", "sealedSeed");
  private static final Set<String> ENTRY = Set.of("path", "size", "cid", "mediaType", "role", "encryption");
  private static final Set<String> ENTRY_REQUIRED = Set.of("path", "size", "cid", "mediaType", "role");
  private static final Set<String> ENCRYPTION = Set.of("scheme", "parameters");

  private static final Pattern LOWER_HEX = Pattern.compile("[0-9a-f]*");
  private static final Pattern LOWER_ADDRESS = Pattern.compile("0x[0-9a-f]{40}");

  private ManifestJson() {}

  /** The manifest as maps, lists, strings and longs, ready for {@link CanonicalJson}. */
  public static Map<String, Object> tree(Manifest m) {
    List<Object> files = new ArrayList<>();
    for (ManifestEntry f : m.files()) {
      files.add(entryTree(f));
    }
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("schemaVersion", m.schemaVersion());
    top.put("name", m.name().toString());
    top.put("version", m.version().text());
    top.put("files", files);
    m.keys().ifPresent(k -> top.put("keys", Map.of("epoch", k.epoch(), "owner", k.owner().hex(),
        "sealedDataKey", Hex.encodePlain(k.sealedDataKey()), "sealedSeed", Hex.encodePlain(k.sealedSeed()))));
    return top;
  }

  /** One file's entry as maps, strings and longs. */
  public static Map<String, Object> entryTree(ManifestEntry f) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("path", f.path());
    e.put("size", f.size());
    e.put("cid", f.cid().value());
    e.put("mediaType", f.mediaType());
    e.put("role", f.role().wireName());
    f.encryption().ifPresent(x -> e.put("encryption",
        Map.of("scheme", x.scheme(), "parameters", x.parameters())));
    return e;
  }

  /**
   * Reads any valid JSON with the manifest's fields.
   *
   * @throws AivmValidationException listing every problem with its JSON path
   */
  public static Manifest read(String json) {
    List<Problem> problems = new ArrayList<>();
    Object doc = JsonTree.read(json, problems);
    Manifest m = doc == null ? null : read("$", doc, problems);
    if (!problems.isEmpty()) {
      throw new AivmValidationException(problems);
    }
    return m;
  }

  /**
   * Reads the manifest at JSON path {@code p} of a document {@link JsonTree} parsed; adds every
   * problem to {@code problems} and returns null when there is one.
   */
  public static Manifest read(String p, Object doc, List<Problem> problems) {
    Map<String, Object> top = object(p, doc, problems);
    if (top == null) {
      return null;
    }
    int before = problems.size();
    keys(p, top, TOP, TOP_REQUIRED, problems);
    Object sv = top.get("schemaVersion");
    if (sv != null && !Manifest.SCHEMA_VERSION.equals(sv)) {
      problems.add(Problem.of(p + ".schemaVersion", "enum", String.valueOf(sv),
          "this SDK reads manifest schema version " + Manifest.SCHEMA_VERSION));
    }
    Manifest.Builder b = Manifest.builder();
    String name = string(p + ".name", top.get("name"), problems);
    if (name != null) {
      try {
        b.name(ModelId.of(name));
      } catch (AivmValidationException e) {
        rebase(p + ".name", e, problems);
      }
    }
    String version = string(p + ".version", top.get("version"), problems);
    if (version != null) {
      try {
        b.version(Semver.of(version));
      } catch (AivmValidationException e) {
        rebase(p + ".version", e, problems);
      }
    }
    Object files = top.get("files");
    if (files != null && !(files instanceof List)) {
      problems.add(Problem.of(p + ".files", "type", typeOf(files), "files is an array"));
    } else if (files != null) {
      List<?> list = (List<?>) files;
      for (int i = 0; i < list.size(); i++) {
        ManifestEntry e = entry(p + ".files[" + i + "]", list.get(i), problems);
        if (e != null) {
          b.file(e);
        }
      }
    }
    if (top.containsKey("keys")) {
      b.keys(keys(p + ".keys", top.get("keys"), problems));
    }
    if (problems.size() > before) {
      return null;
    }
    try {
      return b.build();
    } catch (AivmValidationException e) {
      for (Problem q : e.problems()) { // the builder's paths start with "$"
        problems.add(Problem.of(p + q.path().substring(1), q.rule(), q.value().orElse(null), q.message()));
      }
      return null;
    }
  }

  /**
   * Reads one file entry at JSON path {@code p}; adds every problem to {@code problems} and returns
   * null when there is one.
   */
  public static ManifestEntry entry(String p, Object v, List<Problem> problems) {
    Map<String, Object> m = object(p, v, problems);
    if (m == null) {
      return null;
    }
    int before = problems.size();
    keys(p, m, ENTRY, ENTRY_REQUIRED, problems);
    ManifestEntry.Builder b = ManifestEntry.builder();
    String path = string(p + ".path", m.get("path"), problems);
    b.path(path);
    Long size = integer(p + ".size", m.get("size"), problems);
    if (size != null) {
      b.size(size);
    }
    String cid = string(p + ".cid", m.get("cid"), problems);
    if (cid != null) {
      try {
        b.cid(Cid.of(cid));
      } catch (AivmValidationException e) {
        rebase(p + ".cid", e, problems);
      }
    }
    b.mediaType(string(p + ".mediaType", m.get("mediaType"), problems));
    String role = string(p + ".role", m.get("role"), problems);
    if (role != null) {
      FileRole r = FileRole.fromWire(role);
      if (r == null) {
        problems.add(Problem.of(p + ".role", "enum", role,
            "a role is weights, code, aggregation, docs, example or config"));
      }
      b.role(r);
    }
    if (m.containsKey("encryption")) {
      FileEncryption enc = encryption(p + ".encryption", m.get("encryption"), problems);
      if (enc != null) {
        b.encryption(enc);
      }
    }
    if (problems.size() > before) {
      return null;
    }
    try {
      return b.build();
    } catch (AivmValidationException e) {
      for (Problem q : e.problems()) {
        problems.add(Problem.of(p + "." + q.path(), q.rule(), q.value().orElse(null), q.message()));
      }
      return null;
    }
  }

  private static ManifestKeys keys(String p, Object v, List<Problem> problems) {
    Map<String, Object> m = object(p, v, problems);
    if (m == null) {
      return null;
    }
    int before = problems.size();
    keys(p, m, KEYS, KEYS, problems);
    Long epoch = integer(p + ".epoch", m.get("epoch"), problems);
    Address owner = null;
    String ownerText = string(p + ".owner", m.get("owner"), problems);
    if (ownerText != null) {
      if (!LOWER_ADDRESS.matcher(ownerText).matches()) {
        problems.add(Problem.of(p + ".owner", "pattern", ownerText, "the owner is a lower-case 0x address"));
      } else {
        owner = Address.of(ownerText);
      }
    }
    byte[] sealedDataKey = hex(p + ".sealedDataKey", m.get("sealedDataKey"), ManifestKeys.SEALED_DATA_KEY_LENGTH, problems);
    byte[] sealedSeed = hex(p + ".sealedSeed", m.get("sealedSeed"), ManifestKeys.SEALED_SEED_LENGTH, problems);
    if (epoch != null && epoch < 0) {
      problems.add(Problem.of(p + ".epoch", "minimum", epoch, "a key epoch is not negative"));
    }
    if (problems.size() > before) {
      return null;
    }
    return new ManifestKeys(epoch, owner, sealedDataKey, sealedSeed);
  }

  private static byte[] hex(String p, Object v, int length, List<Problem> problems) {
    String text = string(p, v, problems);
    if (text == null) {
      return null;
    }
    if (!LOWER_HEX.matcher(text).matches() || text.length() != 2 * length) {
      problems.add(Problem.of(p, "pattern", text.length() > 16 ? text.substring(0, 16) + "…" : text,
          "expected " + length + " bytes as " + 2 * length + " lower-case hex digits without 0x"));
      return null;
    }
    return Hex.decode(text);
  }

  private static FileEncryption encryption(String p, Object v, List<Problem> problems) {
    Map<String, Object> m = object(p, v, problems);
    if (m == null) {
      return null;
    }
    int before = problems.size();
    keys(p, m, ENCRYPTION, ENCRYPTION, problems);
    String scheme = string(p + ".scheme", m.get("scheme"), problems);
    Map<String, Object> params = m.get("parameters") == null ? null : object(p + ".parameters", m.get("parameters"), problems);
    Map<String, Object> values = new LinkedHashMap<>();
    if (params != null) {
      params.forEach((k, x) -> {
        if (x instanceof BigDecimal) {
          Long n = integer(p + ".parameters." + k, x, problems);
          values.put(k, n);
        } else {
          values.put(k, string(p + ".parameters." + k, x, problems));
        }
      });
    }
    if (problems.size() > before) {
      return null;
    }
    try {
      return new FileEncryption(scheme, values);
    } catch (AivmValidationException e) {
      for (Problem q : e.problems()) {
        problems.add(Problem.of(p + "." + q.path(), q.rule(), q.value().orElse(null), q.message()));
      }
      return null;
    }
  }

  private static void rebase(String p, AivmValidationException e, List<Problem> problems) {
    for (Problem q : e.problems()) {
      problems.add(Problem.of(p, q.rule(), q.value().orElse(null), q.message()));
    }
  }

  /** Reports keys outside {@code allowed} and missing {@code required} ones under {@code p}. */
  public static void keys(String p, Map<String, Object> m, Set<String> allowed, Set<String> required,
      List<Problem> problems) {
    for (String k : m.keySet()) {
      if (!allowed.contains(k)) {
        problems.add(Problem.of(p + "." + k, "unknown", "'" + k + "' is not a manifest field"));
      }
    }
    for (String k : required) {
      if (!m.containsKey(k)) {
        problems.add(Problem.of(p + "." + k, "required", "'" + k + "' is required"));
      }
    }
  }

  /** {@code v} as an object, or null after reporting that it is not one. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(String p, Object v, List<Problem> problems) {
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    problems.add(Problem.of(p, "type", typeOf(v), "expected an object, found " + typeOf(v)));
    return null;
  }

  /** {@code v} as a string; null when absent, or after reporting another type. */
  public static String string(String p, Object v, List<Problem> problems) {
    if (v == null) {
      return null; // absent: reported as required by keys()
    }
    if (v instanceof String s) {
      return s;
    }
    problems.add(Problem.of(p, "type", typeOf(v), "expected a string, found " + typeOf(v)));
    return null;
  }

  /** {@code v} as a 64-bit integer; null when absent, or after reporting another type. */
  public static Long integer(String p, Object v, List<Problem> problems) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof BigDecimal d)) {
      problems.add(Problem.of(p, "type", typeOf(v), "expected an integer, found " + typeOf(v)));
      return null;
    }
    try {
      return d.longValueExact();
    } catch (ArithmeticException e) {
      problems.add(Problem.of(p, "integer", d.toString(), "expected an integer that fits in 64 bits"));
      return null;
    }
  }

  private static String typeOf(Object v) {
    if (v == JsonTree.NULL) {
      return "null";
    }
    if (v instanceof Map) {
      return "object";
    }
    if (v instanceof List) {
      return "array";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof BigDecimal) {
      return "number";
    }
    return "boolean";
  }
}
