package ai.nesa.aivm.devnet;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.devnet.internal.Answer;
import ai.nesa.aivm.devnet.internal.CatalogIndex;
import ai.nesa.aivm.devnet.internal.CatalogQuery;
import ai.nesa.aivm.devnet.internal.Deployments;
import ai.nesa.aivm.devnet.internal.GatewayMetrics;
import ai.nesa.aivm.devnet.internal.GatewayTap;
import ai.nesa.aivm.devnet.internal.Grants;
import ai.nesa.aivm.devnet.internal.InferenceRunner;
import ai.nesa.aivm.devnet.internal.Inferences;
import ai.nesa.aivm.devnet.internal.MetricsLog;
import ai.nesa.aivm.devnet.internal.Paging;
import ai.nesa.aivm.devnet.internal.Query;
import ai.nesa.aivm.devnet.internal.RawJson;
import ai.nesa.aivm.devnet.internal.UsageLog;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.kernels.AivmConfigValidator;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.ledger.LedgerError;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.ledger.ModelRecord;
import ai.nesa.aivm.sdk.ledger.NodeRecord;
import ai.nesa.aivm.sdk.models.Access;
import ai.nesa.aivm.sdk.storage.KernelStore;
import com.squareup.moshi.JsonAdapter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The devnet's gateway: the gateway document's HTTP API over a {@link Ledger}, on the JDK's own
 * HTTP server ({@code jdk.httpserver}: no dependency, maintained with the JDK, streams responses),
 * bound to 127.0.0.1.
 *
 * <p>What it serves, as the document says: the catalog's search ({@link CatalogQuery}) and a
 * model's details, versions, one version, benchmarks, reviews and examples ({@link CatalogIndex}),
 * kernel config validation ({@code POST /v1/kernels/validate}, the SDK's validator's report), the
 * ledger relay ({@code GET /v1/ledger/domain}, {@code GET /v1/ledger/nonces/{address}}, {@code POST
 * /v1/ledger/requests}, {@code GET /v1/ledger/requests/{id}}), the nodes ({@code GET /v1/nodes}
 * with its filters and cursor, {@code GET /v1/nodes/{address}}), the grants' read side ({@code GET
 * /v1/models/{org}/{name}/grants} and {@code .../grants/{node}}), deployments ({@code POST}, {@code
 * GET} and {@code DELETE} on {@code /v1/deployments}) and inference ({@code POST
 * /v1/deployments/{id}/inferences}, a JSON result or an event stream; {@code GET} and {@code
 * DELETE /v1/inferences/{id}}).
 *
 * <p>The nodes listed are the registered ones this devnet runs, online, with the capabilities of
 * this JVM (runtime {@code onnx}, its processors and heap); for a public model every node may run
 * it, for a private one the nodes granted it. Every answer carries {@code X-Request-Id}; every
 * error is the document's {@code ErrorResponse} with a stable code and a 4xx (5xx only for a
 * timeout, a fault switched on, or a failure of every node), never a stack trace; a request body
 * over {@value #MAX_BODY} bytes is a 413 {@code payload_too_large}. A request the ledger refuses on
 * arrival (signature, deadline, nonce, signer not allowed) is a 4xx with the ledger's code; one it
 * refuses by the action's own rules is a 200 receipt with {@code status: rejected}.
 *
 * <h2>Deployments and inference</h2>
 *
 * <p>Where the document leaves a choice, the devnet decides as follows (the internal classes
 * {@code Deployments}, {@code DeploymentSpec}, {@code Inferences}, {@code InferenceRunner} and
 * {@code Vote} give the details):
 *
 * <ul>
 *   <li>Ids: deployments {@code dep-N}, inferences {@code inf-N}. The price per unit is the
 *       constant 0.000001; the lock is 10 unless given; {@code timeouts.totalMs} is 30000 unless
 *       given, {@code firstChunkMs} none.
 *   <li>Node count: {@code k_of_n} runs on {@code n}; {@code majority} on 3 or {@code
 *       nodes.minimum}; {@code none} on 1 or {@code nodes.minimum} (then the first node's output is
 *       taken). Naming more addresses than that, an unknown address, or a node without a grant of a
 *       private model is a {@code 400} with the address's path.
 *   <li>Unknown fields in a request body are {@code 400} problems with rule {@code unknown}.
 *   <li>{@code majority} needs more than half of the deployment's nodes (not of those that
 *       answered) to agree; {@code k_of_n} at least {@code k}.
 *   <li>Units out: tokens generated (the stop token included) for text, elements for tensors.
 *       {@code usage.total} = (units in + out) × price × nodes that answered; the lock goes down by
 *       it, to zero at most. A deleted deployment's lock is released (zero left).
 *   <li>Text generation: a line feed stops it ({@code stop}, not part of the text), {@code
 *       maxTokens} is 16 unless given and at most 256; chunks are the first node's tokens as soon as
 *       they form whole UTF-8 characters. Empty text is a {@code 400} (the byte models need a token).
 *   <li>A cancelled inference answers {@code 409} {@code cancelled} (JSON) or that {@code error}
 *       event; a node error that is not the input's fault leaves the node out, and when every node
 *       failed the answer is {@code 502} {@code node_failed}.
 *   <li>A deployment that is not {@code ready} is a {@code 409} {@code deployment_not_ready}. A
 *       deadline passing is a {@code 504} {@code timeout}: {@code totalMs} for every node's run,
 *       {@code firstChunkMs} for the first node's first token (its whole run for tensors), JSON
 *       answers included.
 *   <li>The answer streams when the body says {@code stream: true} or {@code Accept} rates {@code
 *       text/event-stream} above zero and at least as high as JSON; a {@code : keep-alive} comment
 *       follows each second without an event.
 *   <li>{@code Idempotency-Key} is kept for the gateway's life; a repeat with another body is not
 *       compared and answers for the first.
 *   <li>{@code output.format} is recorded and echoed; answers are always in the model's own form.
 *   <li>{@code distributed} runs as {@code single_node} does (every node runs the whole input),
 *       once the kernel declares it.
 * </ul>
 *
 * <h2>Fault switches</h2>
 *
 * <p>{@link #faults()} ({@link GatewayFaults}) answers the next inference requests with 429 or 503,
 * before running or after; node faults are each node's {@link DevnetNode#faults()}.
 *
 * <p>Sets {@code sun.net.httpserver.nodelay=true} for the JVM (without it the JDK's server delays
 * small answers by about 40 ms).
 *
 * @since 0.1.0
 */
public final class DevnetGateway implements AutoCloseable {
  /** The largest request body accepted: 1 MiB. */
  public static final int MAX_BODY = 1 << 20;

  private static final Pattern NONCE = Pattern.compile("/v1/ledger/nonces/([^/]+)");
  private static final Pattern REQUEST = Pattern.compile("/v1/ledger/requests/([^/]+)");
  private static final Pattern NODE = Pattern.compile("/v1/nodes/([^/]+)");
  private static final Pattern MODEL = Pattern.compile("/v1/models/([^/]+)/([^/]+)(/versions(?:/([^/]+))?)?");
  private static final Pattern MODEL_PART = Pattern.compile("/v1/models/([^/]+)/([^/]+)/(benchmarks|reviews|examples)");
  private static final Pattern CAPABILITY = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
  private static final Set<String> NODE_QUERY = Set.of("status", "capability", "model", "limit", "cursor");
  private static final Pattern GRANTS = Pattern.compile("/v1/models/([^/]+)/([^/]+)/grants(?:/([^/]+))?");
  private static final Pattern DEPLOYMENT = Pattern.compile("/v1/deployments/([^/]+)");
  private static final Pattern INFERENCES = Pattern.compile("/v1/deployments/([^/]+)/inferences");
  private static final Pattern INFERENCE = Pattern.compile("/v1/inferences/([^/]+)");
  private static final JsonAdapter<Object> JSON = RawJson.moshi().adapter(Object.class).serializeNulls();

  private final Ledger ledger;
  private final Map<Address, DevnetNode> nodes;
  private final CatalogIndex catalog;
  private final HttpServer server;
  private final ExecutorService executor;
  private final ExecutorService workers;
  private final AtomicLong requests = new AtomicLong();
  private final GatewayFaults faults = new GatewayFaults();
  private final Deployments deployments;
  private final Inferences inferences;
  private final Grants grants;
  private final GatewayMetrics metrics;

  private DevnetGateway(Ledger ledger, List<DevnetNode> nodes, KernelStore store, Clock clock, HttpServer server,
      ExecutorService executor, int metricsCapacity) {
    this.ledger = ledger;
    this.metrics = new GatewayMetrics(ledger, clock, JSON, metricsCapacity, UsageLog.DEFAULT_CAPACITY,
        faults::dropMetricsEvery);
    this.catalog = new CatalogIndex(ledger, store);
    this.nodes = new LinkedHashMap<>();
    nodes.forEach(n -> this.nodes.put(n.address(), n));
    this.server = server;
    this.executor = executor;
    this.workers = Executors.newCachedThreadPool(daemon("aivm-devnet-worker"));
    // the inferences are told of deletions through this holder: both need the other
    Inferences[] cancel = new Inferences[1];
    this.deployments = new Deployments(ledger, this.nodes, KernelUploader.using(store), clock, workers, this::mayRun,
        id -> cancel[0].cancelAll(id), metrics::deploymentChanged);
    this.inferences = new Inferences(deployments, this.nodes, new InferenceRunner(this.nodes, workers, clock, metrics),
        clock, JSON, faults::takeBeforeRun, faults::takeAfterRun, this::mayRun, metrics::inferenceEnded);
    cancel[0] = inferences;
    this.grants = new Grants(ledger);
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread t = new Thread(runnable, name);
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Starts a gateway over {@code ledger}, the devnet's {@code nodes} and the kernels in {@code
   * store}, on 127.0.0.1 and {@code port} (0: a free one).
   *
   * @throws AivmIoException when the port cannot be bound
   */
  public static DevnetGateway start(Ledger ledger, List<DevnetNode> nodes, KernelStore store, int port) {
    return start(ledger, nodes, store, port, Clock.systemUTC());
  }

  /**
   * Starts a gateway as {@link #start(Ledger, List, KernelStore, int)} does, reading the time of
   * deployments and inferences from {@code clock}.
   *
   * @throws AivmIoException when the port cannot be bound
   */
  public static DevnetGateway start(Ledger ledger, List<DevnetNode> nodes, KernelStore store, int port, Clock clock) {
    return start(ledger, nodes, store, port, clock, MetricsLog.DEFAULT_CAPACITY);
  }

  /**
   * Starts a gateway as {@link #start(Ledger, List, KernelStore, int, Clock)} does, its live event
   * log holding the last {@code metricsEvents} events for clients resuming.
   *
   * @throws AivmIoException when the port cannot be bound
   * @throws IllegalArgumentException when {@code metricsEvents} is below 1
   */
  public static DevnetGateway start(Ledger ledger, List<DevnetNode> nodes, KernelStore store, int port, Clock clock,
      int metricsEvents) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(ledger, "ledger");
    Objects.requireNonNull(nodes, "nodes");
    Objects.requireNonNull(store, "store");
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
      // a thread per open request: streams and waiting inference answers hold theirs
      ExecutorService executor = Executors.newCachedThreadPool(daemon("aivm-devnet-gateway"));
      DevnetGateway gateway = new DevnetGateway(ledger, List.copyOf(nodes), store, clock, server, executor,
          metricsEvents);
      server.createContext("/", gateway::handle);
      server.setExecutor(executor);
      server.start();
      return gateway;
    } catch (IOException e) {
      throw new AivmIoException("could not start the devnet gateway on port " + port + ": " + e.getMessage(), e);
    }
  }

  /** The gateway's base URL, such as {@code http://127.0.0.1:40123}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The gateway's fault switches, all off until a test sets them. */
  public GatewayFaults faults() {
    return faults;
  }

  /** Stops serving at once; answers in flight are cut, inferences running are abandoned. */
  @Override
  public void close() {
    metrics.close();
    server.stop(0);
    executor.shutdownNow();
    workers.shutdownNow();
  }

  @Override
  public String toString() {
    return "DevnetGateway{" + uri() + "}";
  }

  private void handle(HttpExchange exchange) throws IOException {
    String id = "gw-" + requests.incrementAndGet();
    exchange.getResponseHeaders().set("X-Request-Id", id);
    try (exchange) {
      Answer answer;
      try {
        answer = route(exchange, id);
      } catch (RuntimeException e) {
        answer = Answer.error(500, "internal", "the devnet gateway failed: " + e.getClass().getSimpleName(), id, List.of());
      }
      if (answer == null) {
        return; // a stream, written as it went
      }
      answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      String json = JSON.toJson(answer.body());
      GatewayTap.answered(exchange.getRequestMethod(), template(exchange.getRequestURI().getPath()), answer.status(), json);
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** The document's path template for {@code path}, or null when the document has none. */
  private static String template(String path) {
    Matcher grant = GRANTS.matcher(path);
    if (grant.matches()) {
      return "/v1/models/{org}/{name}/grants" + (grant.group(3) == null ? "" : "/{node}");
    }
    if (INFERENCES.matcher(path).matches()) {
      return "/v1/deployments/{id}/inferences";
    }
    if (DEPLOYMENT.matcher(path).matches()) {
      return "/v1/deployments/{id}";
    }
    if (INFERENCE.matcher(path).matches()) {
      return "/v1/inferences/{id}";
    }
    Matcher part = MODEL_PART.matcher(path);
    Matcher model = MODEL.matcher(path);
    if (part.matches()) {
      return "/v1/models/{org}/{name}/" + part.group(3);
    }
    if (model.matches()) {
      return model.group(3) == null ? "/v1/models/{org}/{name}"
          : model.group(4) == null ? "/v1/models/{org}/{name}/versions" : "/v1/models/{org}/{name}/versions/{version}";
    }
    if (NONCE.matcher(path).matches()) {
      return "/v1/ledger/nonces/{address}";
    }
    if (REQUEST.matcher(path).matches()) {
      return "/v1/ledger/requests/{id}";
    }
    if (NODE.matcher(path).matches()) {
      return "/v1/nodes/{address}";
    }
    return Set.of("/v1/models", "/v1/kernels/validate", "/v1/ledger/domain", "/v1/ledger/requests", "/v1/nodes",
        "/v1/deployments", "/v1/metrics/events", "/v1/metrics/usage", "/v1/metrics/summary")
        .contains(path) ? path : null;
  }

  private Answer route(HttpExchange exchange, String id) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    Matcher nonce = NONCE.matcher(path);
    Matcher request = REQUEST.matcher(path);
    if (path.equals("/v1/models")) {
      return method.equals("GET") ? listModels(exchange.getRequestURI().getRawQuery(), id) : notAllowed(method, path, id);
    }
    Answer served = deploymentsAndInferences(exchange, path, method, id);
    if (served != NOT_MINE) {
      return served;
    }
    if (path.startsWith("/v1/metrics/")) {
      return metrics(exchange, path, method, id);
    }
    Matcher grant = GRANTS.matcher(path);
    if (grant.matches()) {
      String query = exchange.getRequestURI().getRawQuery();
      return !method.equals("GET") ? notAllowed(method, path, id)
          : grant.group(3) == null ? grants.list(grant.group(1), grant.group(2), query, id)
          : grants.one(grant.group(1), grant.group(2), grant.group(3), query, id);
    }
    Matcher part = MODEL_PART.matcher(path);
    if (part.matches()) {
      return method.equals("GET")
          ? modelPart(part.group(1) + "/" + part.group(2), part.group(3), exchange.getRequestURI().getRawQuery(), id)
          : notAllowed(method, path, id);
    }
    Matcher model = MODEL.matcher(path);
    if (model.matches()) {
      return method.equals("GET") ? model(model.group(1), model.group(2), model.group(3), model.group(4), id)
          : notAllowed(method, path, id);
    }
    if (path.equals("/v1/kernels/validate")) {
      return method.equals("POST") ? validate(exchange, id) : notAllowed(method, path, id);
    }
    if (path.equals("/v1/ledger/domain")) {
      return method.equals("GET") ? domain() : notAllowed(method, path, id);
    }
    if (nonce.matches()) {
      return method.equals("GET") ? nonce(nonce.group(1), id) : notAllowed(method, path, id);
    }
    if (path.equals("/v1/ledger/requests")) {
      return method.equals("POST") ? submit(exchange, id) : notAllowed(method, path, id);
    }
    if (request.matches()) {
      return method.equals("GET") ? receipt(request.group(1), id) : notAllowed(method, path, id);
    }
    Matcher node = NODE.matcher(path);
    if (path.equals("/v1/nodes")) {
      return method.equals("GET") ? listNodes(exchange.getRequestURI().getRawQuery(), id) : notAllowed(method, path, id);
    }
    if (node.matches()) {
      return method.equals("GET") ? node(node.group(1), id) : notAllowed(method, path, id);
    }
    return Answer.error(404, "not_found", "the devnet gateway serves no " + path, id, List.of());
  }

  /** {@code /v1/metrics/events}, {@code /usage} and {@code /summary}; null for a stream written. */
  private Answer metrics(HttpExchange exchange, String path, String method, String id) throws IOException {
    if (!Set.of("/v1/metrics/events", "/v1/metrics/usage", "/v1/metrics/summary").contains(path)) {
      return Answer.error(404, "not_found", "the devnet gateway serves no " + path, id, List.of());
    }
    if (!method.equals("GET")) {
      return notAllowed(method, path, id);
    }
    String query = exchange.getRequestURI().getRawQuery();
    return switch (path) {
      case "/v1/metrics/events" -> metrics.stream().serve(exchange, id);
      case "/v1/metrics/usage" -> metrics.usage().series(query, id, m -> ledger.model(m).isPresent(),
          d -> deployments.get(d).isPresent());
      default -> metrics.usage().summary(query, id, m -> ledger.model(m).isPresent(),
          d -> deployments.get(d).isPresent());
    };
  }

  /** Not an answer: the path is not a deployment's or an inference's. */
  private static final Answer NOT_MINE = new Answer(0, Map.of());

  /** The deployments and inference routes; null for a stream written, {@link #NOT_MINE} for another path. */
  private Answer deploymentsAndInferences(HttpExchange exchange, String path, String method, String id)
      throws IOException {
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    if (path.equals("/v1/deployments")) {
      if (method.equals("GET")) {
        return deployments.list(exchange.getRequestURI().getRawQuery(), id);
      }
      if (!method.equals("POST")) {
        return notAllowed(method, path, id);
      }
      byte[] bytes = body(exchange);
      return bytes == null ? tooLarge("a deployment request", id) : deployments.create(bytes, key, id);
    }
    Matcher run = INFERENCES.matcher(path);
    if (run.matches()) {
      if (!method.equals("POST")) {
        return notAllowed(method, path, id);
      }
      byte[] bytes = body(exchange);
      return bytes == null ? tooLarge("an inference request", id)
          : inferences.create(exchange, run.group(1), bytes, id);
    }
    Matcher deployment = DEPLOYMENT.matcher(path);
    if (deployment.matches()) {
      return switch (method) {
        case "GET" -> deployments.read(deployment.group(1), id);
        case "DELETE" -> deployments.delete(deployment.group(1), id);
        default -> notAllowed(method, path, id);
      };
    }
    Matcher inference = INFERENCE.matcher(path);
    if (inference.matches()) {
      return switch (method) {
        case "GET" -> inferences.read(inference.group(1), id);
        case "DELETE" -> inferences.cancel(inference.group(1), id);
        default -> notAllowed(method, path, id);
      };
    }
    return NOT_MINE;
  }

  private Answer domain() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "AIVM");
    body.put("version", "1");
    body.put("chainId", ledger.domain().chainId());
    body.put("verifyingContract", ledger.domain().verifyingContract().toString());
    return new Answer(200, body);
  }

  private Answer nonce(String text, String id) {
    Address address;
    try {
      address = Address.of(text);
    } catch (RuntimeException e) {
      return Answer.error(400, "invalid_parameter", "address: '" + text + "' is not an Ethereum address", id,
          List.of(Query.problem("address", "address", "0x and 40 hex digits")));
    }
    return new Answer(200, Map.of("address", address.toString(), "nextNonce", ledger.nextNonce(address)));
  }

  /** The request's body, or null when it is over {@value #MAX_BODY} bytes. */
  private static byte[] body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      return bytes.length > MAX_BODY ? null : bytes;
    }
  }

  private static Answer tooLarge(String what, String id) {
    return Answer.error(413, "payload_too_large", what + " is at most " + MAX_BODY + " bytes", id, List.of());
  }

  /** {@code GET /v1/models}: search, filters, sort and cursor paging ({@link CatalogQuery}). */
  private Answer listModels(String rawQuery, String id) {
    CatalogQuery query = CatalogQuery.parse(Query.parse(rawQuery));
    if (!query.problems().isEmpty()) {
      return Answer.error(400, "invalid_parameter", "GET /v1/models: " + query.problems().size() + " bad parameter(s)",
          id, query.problems());
    }
    return new Answer(200, query.page(catalog.entries()));
  }

  /** {@code GET /v1/models/{org}/{name}}, its {@code /versions} and {@code /versions/{version}}. */
  private Answer model(String org, String name, String versions, String version, String id) {
    ModelId model;
    try {
      model = ModelId.of(org + "/" + name);
    } catch (RuntimeException e) {
      return Answer.error(404, "model_not_found", "'" + org + "/" + name + "' is not a model name", id, List.of());
    }
    Optional<Map<String, Object>> body;
    if (versions == null) {
      body = catalog.details(model);
    } else if (version == null) {
      body = catalog.versions(model);
    } else {
      Semver semver;
      try {
        semver = Semver.of(version);
      } catch (RuntimeException e) {
        return Answer.error(404, "version_not_found", "'" + version + "' is not a version", id, List.of());
      }
      if (!catalog.inCatalog(model)) {
        return modelNotFound(model, id);
      }
      return catalog.version(model, semver).map(v -> new Answer(200, v)).orElseGet(() -> Answer.error(404,
          "version_not_found", "model " + model + " has no version " + semver.text(), id, List.of()));
    }
    return body.map(b -> new Answer(200, b)).orElseGet(() -> modelNotFound(model, id));
  }

  /** {@code GET /v1/models/{org}/{name}/benchmarks}, {@code /reviews} and {@code /examples}. */
  private Answer modelPart(String name, String part, String rawQuery, String id) {
    ModelId model;
    try {
      model = ModelId.of(name);
    } catch (RuntimeException e) {
      return Answer.error(404, "model_not_found", "'" + name + "' is not a model name", id, List.of());
    }
    Map<String, List<String>> query = Query.parse(rawQuery);
    Set<String> allowed = part.equals("reviews") ? Set.of("version", "limit", "cursor") : Set.of("version");
    List<Map<String, Object>> problems = new ArrayList<>();
    for (String p : query.keySet()) {
      if (!allowed.contains(p)) {
        problems.add(Query.problem(p, "unknown", "not a parameter of GET /v1/models/{org}/{name}/" + part));
      }
    }
    Semver version = null;
    String versionText = Query.one(query, "version");
    if (versionText != null) {
      try {
        version = Semver.of(versionText);
      } catch (RuntimeException e) {
        problems.add(Query.problem("version", "semver", "'" + versionText + "' is not a semantic version"));
      }
    }
    Paging paging = Paging.parse(query, "reviews", problems);
    if (!problems.isEmpty()) {
      return Answer.error(400, "invalid_parameter", "GET " + part + ": " + problems.size() + " bad parameter(s)", id,
          problems);
    }
    if (part.equals("reviews")) {
      Optional<List<Map<String, Object>>> reviews = catalog.reviews(model, version);
      if (reviews.isEmpty()) {
        return modelNotFound(model, id);
      }
      return new Answer(200, paging.page(reviews.get()));
    }
    Optional<Map<String, Object>> body = part.equals("benchmarks") ? catalog.benchmarks(model, version)
        : catalog.examples(model, version);
    if (body.isPresent()) {
      return new Answer(200, body.get());
    }
    if (!catalog.inCatalog(model)) {
      return modelNotFound(model, id);
    }
    return Answer.error(404, "version_not_found", "model " + model + " has no version " + versionText, id, List.of());
  }

  private Answer modelNotFound(ModelId model, String id) {
    String why = ledger.model(model).isPresent() ? " has no published version yet" : " is not registered";
    return Answer.error(404, "model_not_found", "model " + model + why, id, List.of());
  }

  /** {@code POST /v1/kernels/validate}: the SDK's validator's report; only a body that is not a JSON object is a 400. */
  private Answer validate(HttpExchange exchange, String id) throws IOException {
    byte[] bytes = body(exchange);
    if (bytes == null) {
      return tooLarge("a config", id);
    }
    String json = new String(bytes, StandardCharsets.UTF_8);
    Object parsed;
    try {
      parsed = JSON.fromJson(json);
    } catch (IOException | RuntimeException e) {
      parsed = null;
    }
    if (!(parsed instanceof Map)) {
      return Answer.error(400, "invalid_request", "the body is not a JSON object", id, List.of());
    }
    List<Map<String, Object>> problems = new ArrayList<>();
    try {
      AivmConfigValidator.create().validate(json);
    } catch (AivmValidationException e) {
      for (Problem p : e.problems()) {
        problems.add(Query.problem(p.path(), p.rule(), p.message()));
      }
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("valid", problems.isEmpty());
    report.put("problems", problems);
    return new Answer(200, report);
  }

  private Answer submit(HttpExchange exchange, String id) throws IOException {
    byte[] bytes = body(exchange);
    if (bytes == null) {
      return tooLarge("a ledger request", id);
    }
    LedgerRequest request;
    try {
      request = LedgerRequest.fromJson(new String(bytes, StandardCharsets.UTF_8));
    } catch (AivmValidationException e) {
      List<Map<String, Object>> details = new ArrayList<>();
      for (Problem p : e.problems()) {
        details.add(Query.problem(p.path(), p.rule(), p.message()));
      }
      return Answer.error(400, "invalid_request", "the ledger request is not valid: " + e.problems().size()
          + " problem(s)", id, details);
    }
    LedgerReceipt receipt = ledger.submit(request);
    Optional<LedgerError> error = receipt.error();
    if (error.isPresent()) {
      LedgerError.Code code = error.get().code();
      int status = switch (code) {
        case INVALID_SIGNATURE, DEADLINE_PASSED -> 400;
        case NOT_ALLOWED -> 403;
        case NONCE_MISMATCH -> 409;
        default -> 200;
      };
      if (status != 200) {
        return Answer.error(status, code.wireName(), error.get().message(), id, List.of());
      }
    }
    return new Answer(200, receipt(receipt, id));
  }

  private Answer receipt(String requestId, String id) {
    return ledger.receipt(requestId)
        .map(r -> new Answer(200, receipt(r, id)))
        .orElseGet(() -> Answer.error(404, "ledger_request_not_found", "no ledger request '" + requestId + "'", id, List.of()));
  }

  private static Map<String, Object> receipt(LedgerReceipt r, String id) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("requestId", r.requestId());
    body.put("kind", r.kind().wireName());
    body.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
    r.eventSequence().ifPresent(s -> body.put("eventId", Long.toString(s)));
    r.error().ifPresent(e -> body.put("error", Map.of("code", e.code().wireName(), "message", e.message(), "requestId", id)));
    return body;
  }

  /** {@code GET /v1/nodes}: the registered nodes this devnet runs, filtered and paged as the document says. */
  private Answer listNodes(String rawQuery, String id) {
    Map<String, List<String>> query = Query.parse(rawQuery);
    List<Map<String, Object>> problems = new ArrayList<>();
    for (String name : query.keySet()) {
      if (!NODE_QUERY.contains(name)) {
        problems.add(Query.problem(name, "unknown", "not a parameter of GET /v1/nodes"));
      }
    }
    String status = Query.one(query, "status");
    if (status != null && !List.of("online", "offline", "draining").contains(status)) {
      problems.add(Query.problem("status", "enum", "online, offline or draining"));
    }
    List<String> capabilities = query.getOrDefault("capability", List.of());
    for (String c : capabilities) {
      if (!CAPABILITY.matcher(c).matches()) {
        problems.add(Query.problem("capability", "pattern", "'" + c + "' is not a runtime name or gpu"));
      }
    }
    ModelId model = null;
    String modelText = Query.one(query, "model");
    if (modelText != null) {
      try {
        model = ModelId.of(modelText);
      } catch (RuntimeException e) {
        problems.add(Query.problem("model", "pattern", "'" + modelText + "' is not org/model"));
      }
    }
    Paging paging = Paging.parse(query, "nodes", problems);
    if (!problems.isEmpty()) {
      return Answer.error(400, "invalid_parameter", "GET /v1/nodes: " + problems.size() + " bad parameter(s)", id, problems);
    }
    Set<Address> allowed = model == null ? null : mayRun(model);
    List<Map<String, Object>> matching = new ArrayList<>();
    for (NodeRecord record : ledger.nodes()) {
      DevnetNode running = nodes.get(record.address());
      if (running == null || (allowed != null && !allowed.contains(record.address()))) {
        continue;
      }
      if ((status != null && !status.equals("online")) || !List.of("onnx").containsAll(capabilities)) {
        continue;
      }
      matching.add(node(record));
    }
    return new Answer(200, paging.page(matching));
  }

  /** The nodes that may run {@code model}: every node for a public one, the granted ones for a private one. */
  private Set<Address> mayRun(ModelId model) {
    Optional<ModelRecord> record = ledger.model(model);
    if (record.isEmpty()) {
      return Set.of();
    }
    if (record.get().access() != Access.PRIVATE) {
      return nodes.keySet();
    }
    Set<Address> granted = new HashSet<>();
    ledger.grants(model).forEach(g -> granted.add(g.node()));
    return granted;
  }

  private Answer node(String text, String id) {
    Address address;
    try {
      address = Address.of(text);
    } catch (RuntimeException e) {
      return Answer.error(404, "node_not_found", "'" + text + "' is not a node's address", id, List.of());
    }
    Optional<NodeRecord> record = ledger.node(address).filter(r -> nodes.containsKey(r.address()));
    return record.map(r -> new Answer(200, node(r)))
        .orElseGet(() -> Answer.error(404, "node_not_found", "no node " + address + " in this devnet", id, List.of()));
  }

  /** A node as the document's {@code Node}: the ledger's record and what the devnet knows of it. */
  private static Map<String, Object> node(NodeRecord record) {
    Runtime runtime = Runtime.getRuntime();
    Map<String, Object> capabilities = new LinkedHashMap<>();
    capabilities.put("runtimes", List.of("onnx"));
    capabilities.put("cpuCores", runtime.availableProcessors());
    capabilities.put("memoryBytes", runtime.maxMemory());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("address", record.address().toString());
    body.put("encryptionPublicKey", Hex.encode(record.encryptionPublicKey().uncompressed()));
    body.put("endpoint", record.endpoint());
    body.put("capabilities", capabilities);
    body.put("status", "online");
    body.put("registeredAt", record.registeredAt().toString());
    body.put("registrationSignature", record.registrationSignature().toHex());
    return body;
  }

  private static Answer notAllowed(String method, String path, String id) {
    return Answer.error(405, "method_not_allowed", method + " is not served on " + path, id, List.of());
  }
}
