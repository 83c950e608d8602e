package ai.nesa.aivm.devnet;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.devnet.internal.CatalogIndex;
import ai.nesa.aivm.devnet.internal.CatalogQuery;
import ai.nesa.aivm.devnet.internal.GatewayTap;
import ai.nesa.aivm.devnet.internal.Paging;
import ai.nesa.aivm.devnet.internal.Query;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.kernels.AivmConfigValidator;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.ledger.LedgerError;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.ledger.ModelRecord;
import ai.nesa.aivm.sdk.ledger.NodeRecord;
import ai.nesa.aivm.sdk.models.Access;
import ai.nesa.aivm.sdk.storage.KernelStore;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The devnet's gateway: the gateway document's HTTP API over a {@link Ledger}, on the JDK's own
 * HTTP server ({@code jdk.httpserver}: no dependency, maintained with the JDK, streams responses),
 * bound to 127.0.0.1.
 *
 * <p>What it serves today, as the document says: the catalog's search ({@link CatalogQuery}) and a
 * model's details, versions, one version, benchmarks, reviews and examples ({@link CatalogIndex}), kernel config validation ({@code POST
 * /v1/kernels/validate}, the SDK's validator's report), the ledger relay ({@code GET /v1/ledger/domain},
 * {@code GET /v1/ledger/nonces/{address}}, {@code POST /v1/ledger/requests}, {@code GET
 * /v1/ledger/requests/{id}}) and the nodes ({@code GET /v1/nodes} with its filters and cursor, {@code
 * GET /v1/nodes/{address}}). The nodes listed are the registered ones this devnet runs, online,
 * with the capabilities of this JVM (runtime {@code onnx}, its processors and heap); for a public
 * model every node may run it (the devnet does not match runtimes yet), for a private one the nodes
 * granted it. Every answer carries {@code X-Request-Id}; every error is the
 * document's {@code ErrorResponse} with a stable code and a 4xx, never a stack trace; a request body
 * over {@value #MAX_BODY} bytes is a 413 {@code payload_too_large}. A request the ledger refuses on
 * arrival (signature, deadline, nonce, signer not allowed) is a 4xx with the ledger's code; one it
 * refuses by the action's own rules is a 200 receipt with {@code status: rejected}.
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
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class).serializeNulls();

  private final Ledger ledger;
  private final Map<Address, DevnetNode> nodes;
  private final CatalogIndex catalog;
  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicLong requests = new AtomicLong();

  private DevnetGateway(Ledger ledger, List<DevnetNode> nodes, KernelStore store, HttpServer server,
      ExecutorService executor) {
    this.ledger = ledger;
    this.catalog = new CatalogIndex(ledger, store);
    this.nodes = new LinkedHashMap<>();
    nodes.forEach(n -> this.nodes.put(n.address(), n));
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts a gateway over {@code ledger}, the devnet's {@code nodes} and the kernels in {@code
   * store}, on 127.0.0.1 and {@code port} (0: a free one).
   *
   * @throws AivmIoException when the port cannot be bound
   */
  public static DevnetGateway start(Ledger ledger, List<DevnetNode> nodes, KernelStore store, int port) {
    Objects.requireNonNull(ledger, "ledger");
    Objects.requireNonNull(nodes, "nodes");
    Objects.requireNonNull(store, "store");
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
      ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
        Thread t = new Thread(runnable, "aivm-devnet-gateway");
        t.setDaemon(true);
        return t;
      });
      DevnetGateway gateway = new DevnetGateway(ledger, List.copyOf(nodes), store, server, executor);
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

  /** Stops serving at once; answers in flight are cut. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
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
    return Set.of("/v1/models", "/v1/kernels/validate", "/v1/ledger/domain", "/v1/ledger/requests", "/v1/nodes")
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

  /** A status and a JSON body. */
  private record Answer(int status, Object body) {
    static Answer error(int status, String code, String message, String requestId, List<Map<String, Object>> details) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("code", code);
      error.put("message", message);
      error.put("requestId", requestId);
      if (!details.isEmpty()) {
        error.put("details", details);
      }
      return new Answer(status, Map.of("error", error));
    }
  }
}
