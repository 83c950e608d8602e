package ai.nesa.aivm.devnet.internal;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.kernels.ReportedBenchmark;
import ai.nesa.aivm.sdk.models.Author;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/models} as the gateway document defines it: every filter (combined with AND),
 * every sort and order, and cursor paging over {@link CatalogIndex#entries()}. Parameters are
 * checked first; each bad one is a problem naming it.
 *
 * <p>Text search ({@code q}) matches each whitespace-separated term, case-insensitively, against
 * the name, the description and the authors' names; a model must match every term. Relevance is
 * 3 points a term found in the name and 1 in the description or an author. Models carry no tags
 * in their config, so any {@code tag} filter matches none. {@code popularity} counts inferences
 * served, none yet on the devnet, so it orders by the newest. Models without the benchmark a
 * {@code benchmark:NAME} sort names come last, whatever the order. Ties are broken by name.
 */
public final class CatalogQuery {
  private static final Set<String> PARAMETERS = Set.of("q", "task", "architecture", "runtime", "minParameters",
      "maxParameters", "minBenchmark", "owner", "author", "tag", "license", "access", "sort", "order", "limit", "cursor");
  private static final Pattern TASK = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern BENCHMARK = Pattern.compile("([A-Za-z0-9_.\\-/]{1,64}):(-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?)");
  private static final Pattern SORT = Pattern.compile("relevance|newest|popularity|rating|benchmark:[A-Za-z0-9_.\\-/]{1,64}");

  private final List<Map<String, Object>> problems = new ArrayList<>();
  private String[] terms = new String[0];
  private String task;
  private String architecture;
  private String runtime;
  private Long minParameters;
  private Long maxParameters;
  private final Map<String, Double> minBenchmarks = new LinkedHashMap<>();
  private Address owner;
  private String author;
  private List<String> tags = List.of();
  private String license;
  private String access;
  private String sort;
  private boolean ascending;
  private Paging paging;

  private CatalogQuery() {}

  /** The query {@code parameters} describe; {@link #problems()} lists what is wrong with them. */
  public static CatalogQuery parse(Map<String, List<String>> parameters) {
    CatalogQuery q = new CatalogQuery();
    for (String name : parameters.keySet()) {
      if (!PARAMETERS.contains(name)) {
        q.problem(name, "unknown", "not a parameter of GET /v1/models");
      }
    }
    String text = Query.one(parameters, "q");
    if (text != null) {
      if (text.length() > 256) {
        q.problem("q", "maxLength", "at most 256 characters");
      }
      q.terms = text.toLowerCase(Locale.ROOT).trim().split("\\s+");
      if (q.terms.length == 1 && q.terms[0].isEmpty()) {
        q.terms = new String[0];
      }
    }
    q.task = q.pattern(parameters, "task", TASK, "a task such as text-classification");
    q.architecture = q.bounded(parameters, "architecture", 64);
    q.runtime = q.pattern(parameters, "runtime", TASK, "a runtime engine such as onnx");
    q.minParameters = q.count(parameters, "minParameters");
    q.maxParameters = q.count(parameters, "maxParameters");
    for (String b : parameters.getOrDefault("minBenchmark", List.of())) {
      var m = BENCHMARK.matcher(b);
      if (m.matches()) {
        q.minBenchmarks.put(m.group(1), Double.parseDouble(m.group(2)));
      } else {
        q.problem("minBenchmark", "pattern", "'" + b + "' is not NAME:VALUE");
      }
    }
    String ownerText = Query.one(parameters, "owner");
    if (ownerText != null) {
      try {
        q.owner = Address.of(ownerText);
      } catch (RuntimeException e) {
        q.problem("owner", "address", "'" + ownerText + "' is not an Ethereum address");
      }
    }
    q.author = q.bounded(parameters, "author", 128);
    q.tags = parameters.getOrDefault("tag", List.of());
    for (String t : q.tags) {
      if (t.length() > 64) {
        q.problem("tag", "maxLength", "a tag is at most 64 characters");
      }
    }
    q.license = q.bounded(parameters, "license", 64);
    q.access = Query.one(parameters, "access");
    if (q.access != null && !q.access.equals("public") && !q.access.equals("private")) {
      q.problem("access", "enum", "public or private");
    }
    q.sort = Query.one(parameters, "sort");
    if (q.sort != null && !SORT.matcher(q.sort).matches()) {
      q.problem("sort", "pattern", "relevance, newest, popularity, rating or benchmark:NAME");
    }
    if (q.sort == null) {
      q.sort = q.terms.length > 0 ? "relevance" : "newest";
    }
    String order = Query.one(parameters, "order");
    if (order != null && !order.equals("asc") && !order.equals("desc")) {
      q.problem("order", "enum", "asc or desc");
    }
    q.ascending = "asc".equals(order);
    q.paging = Paging.parse(parameters, "models", q.problems);
    return q;
  }

  /** Every bad parameter, as the document's error details. */
  public List<Map<String, Object>> problems() {
    return problems;
  }

  /** The page of {@code entries} this query selects: {@code data} and {@code nextCursor}. */
  public Map<String, Object> page(List<CatalogIndex.Entry> entries) {
    List<Scored> matching = new ArrayList<>();
    for (CatalogIndex.Entry e : entries) {
      int score = relevance(e);
      if (score >= 0 && matches(e)) {
        matching.add(new Scored(e, score));
      }
    }
    matching.sort(order());
    return paging.page(matching.stream().map(s -> s.entry().summary()).toList());
  }

  private record Scored(CatalogIndex.Entry entry, int score) {}

  /** -1 when a term is missing; otherwise the relevance score. */
  private int relevance(CatalogIndex.Entry e) {
    String name = e.model().id().toString().toLowerCase(Locale.ROOT);
    String description = e.config().description().orElse("").toLowerCase(Locale.ROOT);
    StringBuilder authors = new StringBuilder();
    for (Author a : e.config().authors()) {
      authors.append(a.name().toLowerCase(Locale.ROOT)).append('\n');
    }
    int score = 0;
    for (String term : terms) {
      int points = (name.contains(term) ? 3 : 0) + (description.contains(term) ? 1 : 0)
          + (authors.indexOf(term) >= 0 ? 1 : 0);
      if (points == 0) {
        return -1;
      }
      score += points;
    }
    return score;
  }

  private boolean matches(CatalogIndex.Entry e) {
    var c = e.config();
    if (task != null && !task.equals(c.task().value())) {
      return false;
    }
    if (architecture != null && !architecture.equalsIgnoreCase(c.architecture().orElse(""))) {
      return false;
    }
    if (runtime != null && !runtime.equals(c.runtime().engine().value())) {
      return false;
    }
    if ((minParameters != null || maxParameters != null) && c.parameterCount().isEmpty()) {
      return false;
    }
    if (minParameters != null && c.parameterCount().getAsLong() < minParameters) {
      return false;
    }
    if (maxParameters != null && c.parameterCount().getAsLong() > maxParameters) {
      return false;
    }
    for (Map.Entry<String, Double> b : minBenchmarks.entrySet()) {
      OptionalDouble value = benchmark(e, b.getKey());
      if (value.isEmpty() || value.getAsDouble() < b.getValue()) {
        return false;
      }
    }
    if (owner != null && !owner.equals(e.model().owner())) {
      return false;
    }
    if (author != null && c.authors().stream().noneMatch(a -> a.name().equalsIgnoreCase(author)
        || a.address().map(x -> x.toString().equalsIgnoreCase(author)).orElse(false))) {
      return false;
    }
    if (!tags.isEmpty()) {
      return false; // configs carry no tags
    }
    if (license != null && !license.equals(c.license())) {
      return false;
    }
    return access == null || access.equals(e.model().access().wireName());
  }

  private static OptionalDouble benchmark(CatalogIndex.Entry e, String name) {
    for (ReportedBenchmark b : e.config().benchmarks()) {
      if (b.name().equals(name)) {
        return OptionalDouble.of(b.value());
      }
    }
    return OptionalDouble.empty();
  }

  private Comparator<Scored> order() {
    Comparator<Scored> byName = Comparator.comparing(s -> s.entry().model().id().toString());
    Comparator<Scored> key;
    if (sort.equals("relevance")) {
      key = Comparator.comparingInt(Scored::score);
    } else if (sort.equals("rating")) {
      key = Comparator.comparingDouble(s -> s.entry().rating());
    } else if (sort.startsWith("benchmark:")) {
      String name = sort.substring("benchmark:".length());
      Comparator<Scored> value = Comparator.comparingDouble(s -> benchmark(s.entry(), name).orElse(0));
      Comparator<Scored> present = Comparator.comparing(s -> benchmark(s.entry(), name).isEmpty());
      return present.thenComparing(ascending ? value : value.reversed()).thenComparing(byName);
    } else { // newest, and popularity while no inference is counted
      key = Comparator.comparing(s -> s.entry().createdAt());
    }
    return (ascending ? key : key.reversed()).thenComparing(byName);
  }

  private void problem(String path, String rule, String message) {
    problems.add(Query.problem(path, rule, message));
  }

  private String pattern(Map<String, List<String>> parameters, String name, Pattern pattern, String what) {
    String v = Query.one(parameters, name);
    if (v != null && !pattern.matcher(v).matches()) {
      problem(name, "pattern", "'" + v + "' is not " + what);
    }
    return v;
  }

  private String bounded(Map<String, List<String>> parameters, String name, int max) {
    String v = Query.one(parameters, name);
    if (v != null && v.length() > max) {
      problem(name, "maxLength", "at most " + max + " characters");
    }
    return v;
  }

  private Long count(Map<String, List<String>> parameters, String name) {
    String v = Query.one(parameters, name);
    if (v == null) {
      return null;
    }
    if (!v.matches("[0-9]{1,18}")) {
      problem(name, "minimum", "'" + v + "' is not a count of parameters");
      return null;
    }
    return Long.parseLong(v);
  }
}
