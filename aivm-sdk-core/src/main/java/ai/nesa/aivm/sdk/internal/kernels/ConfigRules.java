package ai.nesa.aivm.sdk.internal.kernels;

import ai.nesa.aivm.sdk.internal.kernels.bundle.BundlePaths;
import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.kernels.BundleView;
import ai.nesa.aivm.sdk.kernels.SizeLimits;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of {@code aivm.json}, checked on the whole document so that every problem is found in
 * one pass. They mirror {@code aivm-config.schema.json} and add what a schema cannot say
 * (duplicate names, EIP-55 checksums, files in the bundle, sizes); the tests hold the two to the
 * same fixtures.
 */
final class ConfigRules {
  static final List<String> ENGINES = List.of("onnx", "wasm", "python", "container");
  static final List<String> DTYPES =
      List.of("float32", "float16", "int64", "int32", "int8", "uint8", "bool", "string");
  static final List<String> MODES = List.of("single_node", "distributed");
  static final List<String> CONSENSUS = List.of("none", "majority", "k_of_n");
  static final List<String> ACCESS = List.of("public", "private");
  static final List<String> ROLES = List.of("weights", "code", "aggregation", "docs", "example", "config");
  static final String SCHEME = "c2sp-chunked-aes-256-gcm";
  static final int MAX_NODES = 64;
  static final long MAX_SAFE_INTEGER = 9007199254740991L;

  private static final Pattern TASK = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern TENSOR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:/-]{0,127}");
  private static final Pattern SYMBOL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
  private static final Pattern ENCODING = Pattern.compile("[a-z0-9][a-z0-9.+-]{0,63}");
  private static final Pattern OS = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");
  private static final Pattern BENCHMARK = Pattern.compile("[A-Za-z0-9_./-]{1,64}");
  private static final Pattern HEX_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final Pattern EXTENSION = Pattern.compile("x-[A-Za-z0-9._-]+");

  static final List<String> TOP = List.of("schemaVersion", "name", "version", "description",
      "authors", "license", "task", "architecture", "parameterCount", "runtime", "environment",
      "hardware", "determinism", "inputs", "outputs", "inference", "security", "benchmarks",
      "examples", "files");

  private final List<Problem> problems;
  private final BundleView bundle;
  private final SizeLimits limits;
  /** Every bundle path the config references, with the JSON path that names it first. */
  private final Map<String, String> referenced = new LinkedHashMap<>();
  private final Set<String> code = new HashSet<>();

  private ConfigRules(List<Problem> problems, BundleView bundle, SizeLimits limits) {
    this.problems = problems;
    this.bundle = bundle;
    this.limits = limits;
  }

  /**
   * Every problem of the document, in document order; the bundle rules run only when {@code
   * bundle} is not null.
   */
  static List<Problem> check(Object root, BundleView bundle, SizeLimits limits, List<Problem> problems) {
    ConfigRules rules = new ConfigRules(problems, bundle, limits);
    rules.top(root);
    if (bundle != null) {
      rules.bundleRules();
    }
    return problems;
  }

  /** Throws the problems found, if any. */
  static void throwIfAny(List<Problem> problems) {
    if (!problems.isEmpty()) {
      throw new AivmValidationException(problems);
    }
  }

  // ---- the document ----

  private void top(Object root) {
    Map<String, Object> m = object("$", root);
    if (m == null) {
      return;
    }
    keys("$", m, TOP, List.of("schemaVersion", "name", "version", "license", "task", "runtime",
        "inputs", "outputs"), true);
    Object v;
    if ((v = m.get("schemaVersion")) != null && string("$.schemaVersion", v) != null && !"1".equals(v)) {
      add("$.schemaVersion", "const", v, "schemaVersion must be \"1\", the only version this SDK reads");
    }
    if ((v = m.get("name")) != null) {
      name(string("$.name", v));
    }
    if ((v = m.get("version")) != null) {
      String s = string("$.version", v);
      if (s != null) {
        try {
          Semver.of(s);
        } catch (AivmValidationException e) {
          add("$.version", "semver", s, "version must be semver 2.0.0, MAJOR.MINOR.PATCH[-pre][+build],"
              + " such as 1.0.0 or 2.1.0-rc.1");
        }
      }
    }
    optString(m, "$.description", "description", 0, 4096);
    if ((v = m.get("authors")) != null) {
      array("$.authors", v, 0, 64, this::author);
    }
    if ((v = m.get("license")) != null) {
      license(string("$.license", v));
    }
    if ((v = m.get("task")) != null) {
      pattern("$.task", string("$.task", v), TASK, "a task is 1-64 lower-case letters, digits and '-',"
          + " such as text-classification");
    }
    optString(m, "$.architecture", "architecture", 1, 64);
    if ((v = m.get("parameterCount")) != null) {
      integer("$.parameterCount", v, 1, MAX_SAFE_INTEGER);
    }
    if ((v = m.get("runtime")) != null) {
      runtime(v);
    }
    if ((v = m.get("environment")) != null) {
      environment(v);
    }
    if ((v = m.get("hardware")) != null) {
      hardware(v);
    }
    if ((v = m.get("determinism")) != null) {
      determinism(v);
    }
    for (String side : List.of("inputs", "outputs")) {
      if ((v = m.get(side)) != null) {
        Set<String> names = new HashSet<>();
        array("$." + side, v, 1, 64, (p, t) -> tensor(p, t, names));
      }
    }
    if ((v = m.get("inference")) != null) {
      inference(v);
    }
    if ((v = m.get("security")) != null) {
      security(v);
    }
    if ((v = m.get("benchmarks")) != null) {
      array("$.benchmarks", v, 0, 256, this::benchmark);
    }
    if ((v = m.get("examples")) != null) {
      array("$.examples", v, 0, 64, this::example);
    }
    if ((v = m.get("files")) != null) {
      Set<String> seen = new HashSet<>();
      array("$.files", v, 0, 10_000, (p, f) -> file(p, f, seen));
    }
  }

  private void name(String s) {
    if (s == null) {
      return;
    }
    try {
      ModelId.of(s);
    } catch (AivmValidationException e) {
      add("$.name", "pattern", s, "a model name is org/model: two parts of 1-64 lower-case letters,"
          + " digits, '.', '_' or '-', each starting and ending with a letter or digit");
    }
  }

  private void author(String p, Object v) {
    Map<String, Object> m = object(p, v);
    if (m == null) {
      return;
    }
    keys(p, m, List.of("name", "address", "url"), List.of("name"), false);
    optString(m, p + ".name", "name", 1, 128);
    Object a = m.get("address");
    if (a != null) {
      String s = string(p + ".address", a);
      if (s != null && !HEX_ADDRESS.matcher(s).matches()) {
        add(p + ".address", "pattern", s, "an address is 0x and 40 hex digits");
      } else if (s != null) {
        try {
          Address.of(s);
        } catch (AivmValidationException e) {
          add(p + ".address", "checksum", s, "the address's EIP-55 checksum is wrong (a mistyped digit?);"
              + " write it all lower-case to skip the check");
        }
      }
    }
    Object u = m.get("url");
    if (u != null) {
      String s = string(p + ".url", u);
      if (s != null) {
        boolean ok = (s.startsWith("http://") || s.startsWith("https://")) && s.length() <= 2048;
        try {
          new URI(s);
        } catch (URISyntaxException e) {
          ok = false;
        }
        if (!ok) {
          add(p + ".url", "pattern", s, "url must be an http:// or https:// URI");
        }
      }
    }
  }

  private void license(String s) {
    if (s == null || Spdx.isValid(s)) {
      return;
    }
    String hint = Spdx.caseInsensitiveMatch(s).map(id -> "did you mean '" + id + "'? ").orElse("");
    add("$.license", "spdx", s, "license must be an SPDX id from the common list (such as Apache-2.0,"
        + " MIT, CC-BY-4.0) or LicenseRef-<letters, digits, '.', '-'>; " + hint
        + "SPDX ids are case-sensitive");
  }

  private void runtime(Object v) {
    Map<String, Object> m = object("$.runtime", v);
    if (m == null) {
      return;
    }
    keys("$.runtime", m, List.of("engine", "engineVersion", "entrypoint", "dependencies"),
        List.of("engine", "entrypoint"), false);
    Object e = m.get("engine");
    String engine = e == null ? null : string("$.runtime.engine", e);
    if (engine != null) {
      oneOf("$.runtime.engine", engine, ENGINES, "known engines");
    }
    optString(m, "$.runtime.engineVersion", "engineVersion", 1, 64);
    Object ep = m.get("entrypoint");
    if (ep != null) {
      String path = bundlePath("$.runtime.entrypoint", ep);
      if (path != null && !"onnx".equals(engine)) {
        code.add(path); // an ONNX entrypoint is the weights graph: it gets the file limit only
      }
    }
    Object d = m.get("dependencies");
    if (d != null) {
      array("$.runtime.dependencies", d, 0, 256, this::nameVersion);
    }
  }

  private void environment(Object v) {
    Map<String, Object> m = object("$.environment", v);
    if (m == null) {
      return;
    }
    keys("$.environment", m, List.of("os", "libraries"), List.of(), false);
    Object os = m.get("os");
    if (os != null) {
      pattern("$.environment.os", string("$.environment.os", os), OS,
          "os is 1-32 lower-case letters, digits, '.', '_' or '-', such as linux");
    }
    Object libs = m.get("libraries");
    if (libs != null) {
      array("$.environment.libraries", libs, 0, 256, this::nameVersion);
    }
  }

  private void nameVersion(String p, Object v) {
    Map<String, Object> m = object(p, v);
    if (m == null) {
      return;
    }
    keys(p, m, List.of("name", "version"), List.of("name", "version"), false);
    optString(m, p + ".name", "name", 1, 128);
    optString(m, p + ".version", "version", 1, 64);
  }

  private void hardware(Object v) {
    Map<String, Object> m = object("$.hardware", v);
    if (m == null) {
      return;
    }
    keys("$.hardware", m, List.of("cpu", "memory", "gpu"), List.of(), false);
    Object cpu = m.get("cpu");
    if (cpu != null) {
      Map<String, Object> c = object("$.hardware.cpu", cpu);
      if (c != null) {
        keys("$.hardware.cpu", c, List.of("cores"), List.of("cores"), false);
        if (c.get("cores") != null) {
          integer("$.hardware.cpu.cores", c.get("cores"), 1, 1024);
        }
      }
    }
    if (m.get("memory") != null) {
      integer("$.hardware.memory", m.get("memory"), 0, MAX_SAFE_INTEGER);
    }
    Object gpu = m.get("gpu");
    if (gpu != null) {
      Map<String, Object> g = object("$.hardware.gpu", gpu);
      if (g != null) {
        keys("$.hardware.gpu", g, List.of("required", "memory"), List.of("required"), false);
        if (g.get("required") != null) {
          bool("$.hardware.gpu.required", g.get("required"));
        }
        if (g.get("memory") != null) {
          integer("$.hardware.gpu.memory", g.get("memory"), 0, MAX_SAFE_INTEGER);
        }
      }
    }
  }

  private void determinism(Object v) {
    Map<String, Object> m = object("$.determinism", v);
    if (m == null) {
      return;
    }
    keys("$.determinism", m, List.of("allowNondeterministicOps", "seed"),
        List.of("allowNondeterministicOps"), false);
    if (m.get("allowNondeterministicOps") != null) {
      bool("$.determinism.allowNondeterministicOps", m.get("allowNondeterministicOps"));
    }
    if (m.get("seed") != null) {
      integer("$.determinism.seed", m.get("seed"), 0, MAX_SAFE_INTEGER);
    }
  }

  private void tensor(String p, Object v, Set<String> names) {
    Map<String, Object> m = object(p, v);
    if (m == null) {
      return;
    }
    keys(p, m, List.of("name", "dtype", "shape", "encoding"), List.of("name", "dtype", "shape"), false);
    Object n = m.get("name");
    if (n != null) {
      String s = string(p + ".name", n);
      pattern(p + ".name", s, TENSOR_NAME, "a tensor name starts with a letter or '_' and has up to 128"
          + " letters, digits, '_', '.', ':', '/' or '-'");
      if (s != null && !names.add(s)) {
        add(p + ".name", "unique", s, "the tensor name '" + s + "' is used twice");
      }
    }
    Object d = m.get("dtype");
    if (d != null) {
      String s = string(p + ".dtype", d);
      if (s != null) {
        oneOf(p + ".dtype", s, DTYPES, "known dtypes");
      }
    }
    Object shape = m.get("shape");
    if (shape != null) {
      array(p + ".shape", shape, 0, 16, this::dimension);
    }
    Object e = m.get("encoding");
    if (e != null) {
      pattern(p + ".encoding", string(p + ".encoding", e), ENCODING,
          "an encoding is lower-case letters, digits, '.', '+' or '-', such as utf-8, png or json");
    }
  }

  private void dimension(String p, Object v) {
    if (v instanceof String s) {
      if (!SYMBOL.matcher(s).matches()) {
        add(p, "shape", s, "a named dimension is a letter or '_' then letters, digits or '_', such as batch");
      }
      return;
    }
    if (v instanceof BigDecimal n && isInteger(n)) {
      if (n.signum() > 0 && n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0
          || n.compareTo(BigDecimal.ONE.negate()) == 0) {
        return;
      }
    }
    add(p, "shape", JsonTree.toJson(v), "a dimension is a positive size (at most 2^31-1), -1 for a"
        + " dynamic size, or a symbol such as \"batch\"");
  }

  private void inference(Object v) {
    Map<String, Object> m = object("$.inference", v);
    if (m == null) {
      return;
    }
    keys("$.inference", m, List.of("mode", "consensus", "k", "n", "aggregationEntrypoint"),
        List.of("mode"), false);
    String mode = m.get("mode") == null ? null : string("$.inference.mode", m.get("mode"));
    if (mode != null) {
      oneOf("$.inference.mode", mode, MODES, "modes");
    }
    String consensus = m.get("consensus") == null ? null : string("$.inference.consensus", m.get("consensus"));
    if (consensus != null) {
      oneOf("$.inference.consensus", consensus, CONSENSUS, "consensus policies");
    }
    Long k = m.get("k") == null ? null : integer("$.inference.k", m.get("k"), 1, MAX_NODES);
    Long n = m.get("n") == null ? null : integer("$.inference.n", m.get("n"), 1, MAX_NODES);
    if ("k_of_n".equals(consensus)) {
      if (!m.containsKey("k")) {
        add("$.inference.k", "required", null, "k_of_n consensus needs k, how many results must agree");
      }
      if (!m.containsKey("n")) {
        add("$.inference.n", "required", null, "k_of_n consensus needs n, how many nodes run it");
      }
      if (k != null && n != null && k > n) {
        add("$.inference.k", "maximum", k, "k (" + k + ") must not exceed n (" + n + ")");
      }
    } else {
      for (String key : List.of("k", "n")) {
        if (m.containsKey(key)) {
          add("$.inference." + key, "unexpected", JsonTree.toJson(m.get(key)),
              key + " belongs to consensus k_of_n only");
        }
      }
    }
    Object agg = m.get("aggregationEntrypoint");
    if (agg != null) {
      String path = bundlePath("$.inference.aggregationEntrypoint", agg);
      if (path != null) {
        code.add(path);
      }
    } else if ("distributed".equals(mode)) {
      add("$.inference.aggregationEntrypoint", "required", null,
          "distributed inference needs aggregationEntrypoint, the code that combines the nodes' results");
    }
  }

  private void security(Object v) {
    Map<String, Object> m = object("$.security", v);
    if (m == null) {
      return;
    }
    keys("$.security", m, List.of("access", "encryption"), List.of("access"), false);
    String access = m.get("access") == null ? null : string("$.security.access", m.get("access"));
    if (access != null) {
      oneOf("$.security.access", access, ACCESS, "access levels");
    }
    Object e = m.get("encryption");
    if (e != null) {
      Map<String, Object> enc = object("$.security.encryption", e);
      if (enc != null) {
        keys("$.security.encryption", enc, List.of("scheme"), List.of("scheme"), false);
        Object s = enc.get("scheme");
        if (s != null && string("$.security.encryption.scheme", s) != null && !SCHEME.equals(s)) {
          add("$.security.encryption.scheme", "const", s, "the only scheme is " + SCHEME);
        }
      }
    } else if ("private".equals(access)) {
      add("$.security.encryption", "required", null, "a private kernel is stored encrypted: add"
          + " \"encryption\": {\"scheme\": \"" + SCHEME + "\"}");
    }
  }

  private void benchmark(String p, Object v) {
    Map<String, Object> m = object(p, v);
    if (m == null) {
      return;
    }
    keys(p, m, List.of("name", "value", "unit", "dataset"), List.of("name", "value"), false);
    if (m.get("name") != null) {
      pattern(p + ".name", string(p + ".name", m.get("name")), BENCHMARK,
          "a benchmark name is 1-64 letters, digits, '_', '.', '/' or '-'");
    }
    Object value = m.get("value");
    if (value != null && !(value instanceof BigDecimal)) {
      typeError(p + ".value", value, "a number");
    }
    optString(m, p + ".unit", "unit", 1, 32);
    optString(m, p + ".dataset", "dataset", 1, 128);
  }

  private void example(String p, Object v) {
    Map<String, Object> m = object(p, v);
    if (m == null) {
      return;
    }
    keys(p, m, List.of("title", "input", "inputFile", "output", "outputFile"), List.of(), false);
    optString(m, p + ".title", "title", 1, 128);
    for (String side : List.of("input", "output")) {
      boolean inline = m.containsKey(side);
      boolean file = m.containsKey(side + "File");
      if (inline && file) {
        add(p, "oneOf", null, "give " + side + " inline or as " + side + "File, not both");
      } else if (!inline && !file) {
        add(p + "." + side, "required", null, "an example needs " + side + " (inline JSON) or "
            + side + "File (a bundle path)");
      }
      if (file) {
        bundlePath(p + "." + side + "File", m.get(side + "File"));
      }
    }
  }

  private void file(String p, Object v, Set<String> seen) {
    Map<String, Object> m = object(p, v);
    if (m == null) {
      return;
    }
    keys(p, m, List.of("path", "role"), List.of("path", "role"), false);
    if (m.get("path") != null) {
      String path = bundlePath(p + ".path", m.get("path"));
      if (path != null && !seen.add(path)) {
        add(p + ".path", "unique", path, "the file '" + path + "' is listed twice");
      }
    }
    if (m.get("role") != null) {
      String role = string(p + ".role", m.get("role"));
      if (role != null) {
        oneOf(p + ".role", role, ROLES, "roles");
      }
    }
  }

  // ---- paths and the bundle ----

  /** Checks a bundle path; returns it when valid (and records it as referenced), else null. */
  private String bundlePath(String p, Object v) {
    String s = string(p, v);
    if (s == null) {
      return null;
    }
    String why = BundlePaths.problem(s);
    if (why != null) {
      add(p, "path", s.replace("\0", "\\0"), why);
      return null;
    }
    referenced.putIfAbsent(s, p);
    return s;
  }

  private void bundleRules() {
    long total = 0;
    for (Map.Entry<String, String> e : referenced.entrySet()) {
      String path = e.getKey();
      String at = e.getValue();
      Optional<Long> size = bundle.size(path);
      if (size.isEmpty()) {
        String what = at.endsWith("ntrypoint") ? "the entrypoint" : "the file";
        add(at, "present", path, what + " '" + path + "' is not in the bundle");
        continue;
      }
      long bytes = size.get();
      total += bytes;
      if (bytes > limits.maxFileBytes()) {
        add(at, "size", bytes, "'" + path + "' is " + bytes + " bytes; a file may be at most "
            + limits.maxFileBytes() + " bytes");
      } else if (code.contains(path) && bytes > limits.maxCodeBytes()) {
        add(at, "size", bytes, "the entrypoint '" + path + "' is " + bytes + " bytes; code may be at"
            + " most " + limits.maxCodeBytes() + " bytes");
      }
    }
    if (total > limits.maxBundleBytes()) {
      add("$", "size", total, "the bundle's files total " + total + " bytes; a bundle may be at most "
          + limits.maxBundleBytes() + " bytes");
    }
  }

  // ---- helpers: each adds its problem and returns null (or false) on failure ----

  private void add(String path, String rule, Object value, String message) {
    problems.add(value == null ? Problem.of(path, rule, message) : Problem.of(path, rule, value, message));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> object(String p, Object v) {
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    typeError(p, v, "an object");
    return null;
  }

  private void array(String p, Object v, int min, int max, ItemRule item) {
    if (!(v instanceof List<?> list)) {
      typeError(p, v, "an array");
      return;
    }
    if (list.size() < min) {
      add(p, "minItems", list.size(), p.substring(p.lastIndexOf('.') + 1) + " needs at least " + min
          + (min == 1 ? " item" : " items"));
    }
    if (list.size() > max) {
      add(p, "maxItems", list.size(), "at most " + max + " items");
    }
    for (int i = 0; i < list.size(); i++) {
      item.check(p + "[" + i + "]", list.get(i));
    }
  }

  private String string(String p, Object v) {
    if (v instanceof String s) {
      return s;
    }
    typeError(p, v, "a string");
    return null;
  }

  private void optString(Map<String, Object> m, String p, String key, int min, int max) {
    Object v = m.get(key);
    if (v == null) {
      return;
    }
    String s = string(p, v);
    if (s != null && (s.length() < min || s.length() > max)) {
      add(p, "length", s.length() > 64 ? s.substring(0, 64) + "…" : s,
          key + " must be " + min + "-" + max + " characters");
    }
  }

  private void pattern(String p, String s, Pattern pattern, String message) {
    if (s != null && !pattern.matcher(s).matches()) {
      add(p, "pattern", s, message);
    }
  }

  private void oneOf(String p, String s, List<String> known, String what) {
    if (!known.contains(s)) {
      String near = Suggest.nearest(s, known).map(k -> "did you mean '" + k + "'? ").orElse("");
      add(p, "enum", s, "'" + s + "' is not known; " + near + what + ": " + String.join(", ", known));
    }
  }

  private void bool(String p, Object v) {
    if (!(v instanceof Boolean)) {
      typeError(p, v, "a boolean");
    }
  }

  private Long integer(String p, Object v, long min, long max) {
    if (!(v instanceof BigDecimal n) || !isInteger(n)) {
      typeError(p, v, "an integer");
      return null;
    }
    if (n.compareTo(BigDecimal.valueOf(min)) < 0) {
      add(p, "minimum", n.toPlainString(), "must be at least " + min);
      return null;
    }
    if (n.compareTo(BigDecimal.valueOf(max)) > 0) {
      add(p, "maximum", n.toPlainString(), "must be at most " + max);
      return null;
    }
    return n.longValueExact();
  }

  static boolean isInteger(BigDecimal n) {
    return n.signum() == 0 || n.stripTrailingZeros().scale() <= 0;
  }

  private void typeError(String p, Object v, String expected) {
    String found = JsonTree.typeOf(v);
    String shown = JsonTree.toJson(v);
    add(p, "type", shown.length() > 64 ? shown.substring(0, 64) + "…" : shown, "expected " + expected + ", found " + found);
  }

  private void keys(String p, Map<String, Object> m, List<String> known, List<String> required,
      boolean extensions) {
    for (String key : m.keySet()) {
      if (known.contains(key) || extensions && EXTENSION.matcher(key).matches()) {
        continue;
      }
      String near = Suggest.nearest(key, known).map(k -> " did you mean '" + k + "'?").orElse("");
      add(child(p, key), "additionalProperties", key, "unknown key '" + key + "';" + near
          + (extensions ? " (extension keys start with 'x-')" : ""));
    }
    for (String key : required) {
      if (!m.containsKey(key)) {
        add(child(p, key), "required", null, key + " is required");
      } else if (m.get(key) == JsonTree.NULL) {
        add(child(p, key), "type", "null", key + " is required and must not be null");
        m.remove(key); // reported once: the field's own rule must not report it again
      }
    }
    // An example's inline input or output may be JSON null; everywhere else null is refused.
    m.entrySet().removeIf(e -> e.getValue() == JsonTree.NULL && known.contains(e.getKey())
        && !e.getKey().equals("input") && !e.getKey().equals("output")
        && addNull(child(p, e.getKey())));
  }

  private boolean addNull(String path) {
    add(path, "type", "null", "null is not allowed; leave the key out instead");
    return true;
  }

  static String child(String p, String key) {
    return key.matches("[A-Za-z_$][A-Za-z0-9_$-]*") ? p + "." + key
        : p + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  @FunctionalInterface
  private interface ItemRule {
    void check(String path, Object item);
  }
}
