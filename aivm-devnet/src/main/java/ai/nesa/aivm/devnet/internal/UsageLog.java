package ai.nesa.aivm.devnet.internal;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the devnet gateway serves at {@code /v1/metrics/usage} and {@code /v1/metrics/summary}:
 * a record of every inference that ended (and of every node's run of it), kept up to a bound,
 * oldest dropped first, and the series and totals computed from it on request.
 *
 * <ul>
 *   <li>Without {@code groupBy} and with {@code groupBy=version} a request is an inference, counted
 *       when it ends: its latency from start to end, units in, the chosen output's units out, and
 *       the cost charged for it; it is an error when it failed, timed out or was cancelled.
 *   <li>With {@code groupBy=node} a request is one node's run: its latency, units and its own units
 *       at the deployment's price; an error when the node failed.
 *   <li>Percentiles are exact, by nearest rank (the smallest latency with at least p % of the
 *       bucket's requests at or below it), over every request of the bucket, failed ones included;
 *       null for a bucket without requests.
 * </ul>
 */
public final class UsageLog {
  /** The records kept of each kind unless told otherwise. */
  public static final int DEFAULT_CAPACITY = 200_000;
  /** The most buckets one series has. */
  public static final int MAX_BUCKETS = 1440;

  private static final Set<String> SERIES_QUERY = Set.of("model", "deployment", "from", "to", "bucket", "groupBy");
  private static final Set<String> SUMMARY_QUERY = Set.of("model", "deployment", "from", "to");
  private static final Map<String, Duration> BUCKETS = Map.of("1m", Duration.ofMinutes(1), "1h", Duration.ofHours(1),
      "1d", Duration.ofDays(1));

  /**
   * One request as recorded.
   *
   * @param node the node, for a node's run; null for a whole inference
   */
  public record Usage(Instant time, ModelId model, Semver version, String deployment, Address node, double latencyMs,
      long unitsIn, long unitsOut, BigDecimal cost, boolean failed) {}

  private final int capacity;
  private final Clock clock;
  private final Deque<Usage> inferences = new ArrayDeque<>();
  private final Deque<Usage> runs = new ArrayDeque<>();

  public UsageLog(int capacity, Clock clock) {
    this.capacity = capacity;
    this.clock = clock;
  }

  /** Records an ended inference ({@code node} null) or one node's run of it. */
  public synchronized void record(Usage usage) {
    Deque<Usage> into = usage.node() == null ? inferences : runs;
    if (into.size() == capacity) {
      into.removeFirst();
    }
    into.addLast(usage);
  }

  /** {@code GET /v1/metrics/usage}. */
  public Answer series(String rawQuery, String requestId, Predicate<ModelId> modelKnown,
      Predicate<String> deploymentKnown) {
    Map<String, List<String>> query = Query.parse(rawQuery);
    List<Map<String, Object>> problems = new ArrayList<>();
    Scope scope = scope(query, SERIES_QUERY, "GET /v1/metrics/usage", true, problems);
    String bucketText = Optional.ofNullable(Query.one(query, "bucket")).orElse("1h");
    Duration bucket = BUCKETS.get(bucketText);
    if (bucket == null) {
      problems.add(Query.problem("bucket", "enum", "a bucket is 1m, 1h or 1d"));
    }
    String groupBy = Optional.ofNullable(Query.one(query, "groupBy")).orElse("none");
    if (!Set.of("none", "node", "version").contains(groupBy)) {
      problems.add(Query.problem("groupBy", "enum", "groupBy is none, node or version"));
    }
    long count = 0;
    Instant start = null;
    if (problems.isEmpty()) {
      long size = bucket.toMillis();
      start = Instant.ofEpochMilli(Math.floorDiv(scope.from.toEpochMilli(), size) * size);
      count = Math.max(1, (scope.to.toEpochMilli() - start.toEpochMilli() + size - 1) / size);
      if (count > MAX_BUCKETS) {
        problems.add(Query.problem("to", "buckets", "from " + scope.from + " to " + scope.to + " is " + count + " "
            + bucketText + " buckets, more than " + MAX_BUCKETS + ": take a larger bucket or a shorter range"));
      }
    }
    if (!problems.isEmpty()) {
      return Answer.error(400, "invalid_parameter", "GET /v1/metrics/usage: " + problems.size() + " bad parameter(s)",
          requestId, problems);
    }
    Answer unknown = unknown(scope, requestId, modelKnown, deploymentKnown);
    if (unknown != null) {
      return unknown;
    }
    List<Usage> records = select(scope, groupBy.equals("node"));
    Function<Usage, String> key = switch (groupBy) {
      case "node" -> u -> u.node().toString();
      case "version" -> u -> u.version().text();
      default -> u -> "";
    };
    Map<String, List<Usage>> groups = new TreeMap<>();
    if (groupBy.equals("none")) {
      groups.put("", records);
    } else {
      records.forEach(u -> groups.computeIfAbsent(key.apply(u), k -> new ArrayList<>()).add(u));
    }
    List<Object> series = new ArrayList<>();
    long size = bucket.toMillis();
    for (Map.Entry<String, List<Usage>> group : groups.entrySet()) {
      List<List<Usage>> perBucket = new ArrayList<>();
      for (long i = 0; i < count; i++) {
        perBucket.add(new ArrayList<>());
      }
      for (Usage u : group.getValue()) {
        long i = (u.time().toEpochMilli() - start.toEpochMilli()) / size;
        if (i >= 0 && i < count) {
          perBucket.get((int) i).add(u);
        }
      }
      List<Object> points = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("start", start.plusMillis(i * size).toString());
        point.putAll(totals(perBucket.get(i)));
        points.add(point);
      }
      Map<String, Object> one = new LinkedHashMap<>();
      if (!groupBy.equals("none")) {
        one.put("key", group.getKey());
      }
      one.put("points", points);
      series.add(one);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("bucket", bucketText);
    body.put("from", start.toString());
    body.put("to", scope.to.toString());
    body.put("series", series);
    return new Answer(200, body);
  }

  /** {@code GET /v1/metrics/summary}. */
  public Answer summary(String rawQuery, String requestId, Predicate<ModelId> modelKnown,
      Predicate<String> deploymentKnown) {
    Map<String, List<String>> query = Query.parse(rawQuery);
    List<Map<String, Object>> problems = new ArrayList<>();
    Scope scope = scope(query, SUMMARY_QUERY, "GET /v1/metrics/summary", false, problems);
    if (!problems.isEmpty()) {
      return Answer.error(400, "invalid_parameter", "GET /v1/metrics/summary: " + problems.size()
          + " bad parameter(s)", requestId, problems);
    }
    Answer unknown = unknown(scope, requestId, modelKnown, deploymentKnown);
    if (unknown != null) {
      return unknown;
    }
    List<Usage> records = select(scope, false);
    Instant from = scope.from != null ? scope.from
        : records.isEmpty() ? scope.to : records.get(0).time();
    Map<String, Object> body = new LinkedHashMap<>();
    if (scope.model != null) {
      body.put("model", scope.model.toString());
    } else {
      body.put("deployment", scope.deployment);
    }
    body.put("from", from.toString());
    body.put("to", scope.to.toString());
    body.putAll(totals(records));
    return new Answer(200, body);
  }

  /** Counts, error rate, percentiles, units and cost of {@code requests}. */
  static Map<String, Object> totals(List<Usage> requests) {
    long errors = requests.stream().filter(Usage::failed).count();
    double[] latencies = requests.stream().mapToDouble(Usage::latencyMs).sorted().toArray();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requests", (long) requests.size());
    m.put("errors", errors);
    m.put("errorRate", requests.isEmpty() ? 0.0 : (double) errors / requests.size());
    Map<String, Object> latency = new LinkedHashMap<>();
    latency.put("p50", percentile(latencies, 50));
    latency.put("p95", percentile(latencies, 95));
    latency.put("p99", percentile(latencies, 99));
    m.put("latencyMs", latency);
    m.put("unitsIn", requests.stream().mapToLong(Usage::unitsIn).sum());
    m.put("unitsOut", requests.stream().mapToLong(Usage::unitsOut).sum());
    m.put("cost", JsonFields.plain(requests.stream().map(Usage::cost).reduce(BigDecimal.ZERO, BigDecimal::add)));
    return m;
  }

  /** The nearest-rank percentile of sorted values: the value at rank ⌈p/100 × n⌉; null for none. */
  static Double percentile(double[] sorted, int p) {
    if (sorted.length == 0) {
      return null;
    }
    int rank = BigDecimal.valueOf((long) p * sorted.length).divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING)
        .intValueExact();
    return sorted[Math.max(1, rank) - 1];
  }

  private synchronized List<Usage> select(Scope scope, boolean nodeRuns) {
    List<Usage> out = new ArrayList<>();
    for (Usage u : nodeRuns ? runs : inferences) {
      boolean of = scope.model != null ? u.model().equals(scope.model) : u.deployment().equals(scope.deployment);
      if (of && (scope.from == null || !u.time().isBefore(scope.from)) && u.time().isBefore(scope.to)) {
        out.add(u);
      }
    }
    return out;
  }

  private static Answer unknown(Scope scope, String requestId, Predicate<ModelId> modelKnown,
      Predicate<String> deploymentKnown) {
    if (scope.model != null && !modelKnown.test(scope.model)) {
      return Answer.error(404, "model_not_found", "no model " + scope.model + " is registered", requestId, List.of());
    }
    if (scope.deployment != null && !deploymentKnown.test(scope.deployment)) {
      return Answer.error(404, "deployment_not_found", "no deployment " + scope.deployment, requestId, List.of());
    }
    return null;
  }

  private record Scope(ModelId model, String deployment, Instant from, Instant to) {}

  private Scope scope(Map<String, List<String>> query, Set<String> allowed, String operation, boolean fromRequired,
      List<Map<String, Object>> problems) {
    for (String name : query.keySet()) {
      if (!allowed.contains(name)) {
        problems.add(Query.problem(name, "unknown", "not a parameter of " + operation));
      }
    }
    String modelText = Query.one(query, "model");
    String deployment = Query.one(query, "deployment");
    if ((modelText == null) == (deployment == null)) {
      problems.add(Query.problem(modelText == null ? "model" : "deployment", "oneOf",
          "exactly one of model and deployment is required"));
    }
    ModelId model = null;
    if (modelText != null) {
      try {
        model = ModelId.of(modelText);
      } catch (RuntimeException e) {
        problems.add(Query.problem("model", "pattern", "'" + modelText + "' is not org/model"));
      }
    }
    Instant from = instant(query, "from", problems);
    if (from == null && fromRequired && Query.one(query, "from") == null) {
      problems.add(Query.problem("from", "required", "from is required: the start of the range"));
    }
    Instant to = Optional.ofNullable(instant(query, "to", problems)).orElseGet(clock::instant);
    if (from != null && !from.isBefore(to)) {
      problems.add(Query.problem("from", "range", "from " + from + " is not before to " + to));
    }
    return new Scope(model, deployment, from, to);
  }

  private static Instant instant(Map<String, List<String>> query, String name, List<Map<String, Object>> problems) {
    String text = Query.one(query, name);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      problems.add(Query.problem(name, "format", "'" + text + "' is not an RFC 3339 time such as 2026-12-07T10:00:00Z"));
      return null;
    }
  }

  @Override
  public String toString() {
    return "UsageLog{" + Arrays.asList(inferences.size(), runs.size()) + "}";
  }
}
