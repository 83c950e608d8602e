package ai.nesa.aivm.devnet.internal;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.devnet.DevnetNode;
import ai.nesa.aivm.devnet.KernelVerificationException;
import ai.nesa.aivm.devnet.UnsupportedRuntimeException;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.InferenceMode;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.ledger.NodeRecord;
import ai.nesa.aivm.sdk.ledger.VersionRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The gateway's deployments: {@code POST}, {@code GET} (one and the list) and {@code DELETE} on
 * {@code /v1/deployments}, as the document says, and the registry the inference endpoint reads.
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>Ids are {@code dep-1}, {@code dep-2} and so on. The list is newest first.
 *   <li>Nodes: the named {@code nodes.addresses} first (one that is not a registered node of this
 *       devnet, or that holds no grant of a private model, is a {@code 400} detail with rule {@code
 *       node} or {@code grant}), then the other nodes that may run the model, in the devnet's
 *       order; too few is a {@code 422} {@code not_enough_nodes}.
 *   <li>The price per unit is {@link #PRICE_PER_UNIT}; a {@code maxPricePerUnit} below it is a
 *       {@code 422} {@code price_limit}. {@code distributed} on a kernel whose {@code aivm.json}
 *       does not declare {@code inference.mode: distributed} is a {@code 422} {@code unsupported}
 *       (the devnet then runs it as it runs {@code single_node}: every node runs the whole input).
 *   <li>A new deployment is {@code pending} while each node loads the kernel on a background
 *       thread, then {@code ready} or {@code failed} (the first node's error, code {@code
 *       kernel_verification_failed}, {@code unsupported_runtime} or {@code kernel_load_failed}).
 *   <li>{@code Idempotency-Key} on {@code POST}: a key seen before answers the first answer again.
 *   <li>{@code output.format} is recorded and echoed; the devnet always answers in the model's own
 *       form ({@code auto}).
 * </ul>
 */
public final class Deployments {
  /** The devnet's price per unit: a constant. */
  public static final BigDecimal PRICE_PER_UNIT = new BigDecimal("0.000001");

  private static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Set<String> LIST_QUERY = Set.of("model", "status", "limit", "cursor");

  private final Ledger ledger;
  private final Map<Address, DevnetNode> nodes;
  private final KernelUploader kernels;
  private final Clock clock;
  private final ExecutorService executor;
  private final Function<ModelId, Set<Address>> mayRun;
  private final Consumer<String> onDelete;
  private final Consumer<Deployment> onChange;
  private final Map<String, Deployment> byId = new ConcurrentHashMap<>();
  private final Map<String, Answer> created = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  /**
   * @param mayRun the nodes that may run a model (every node for a public one, the granted ones for a private one)
   * @param onDelete told the id of each deployment deleted, to cancel its running inferences
   * @param onChange told of each deployment made and of each change of its status
   */
  public Deployments(Ledger ledger, Map<Address, DevnetNode> nodes, KernelUploader kernels, Clock clock,
      ExecutorService executor, Function<ModelId, Set<Address>> mayRun, Consumer<String> onDelete,
      Consumer<Deployment> onChange) {
    this.onChange = onChange;
    this.ledger = ledger;
    this.nodes = nodes;
    this.kernels = kernels;
    this.clock = clock;
    this.executor = executor;
    this.mayRun = mayRun;
    this.onDelete = onDelete;
  }

  /** The deployment {@code id}, if there is one. */
  public Optional<Deployment> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** {@code POST /v1/deployments}. */
  public synchronized Answer create(byte[] body, String idempotencyKey, String requestId) {
    if (idempotencyKey != null && created.containsKey(idempotencyKey)) {
      return created.get(idempotencyKey);
    }
    Answer answer = createOnce(body, requestId);
    if (idempotencyKey != null) {
      created.put(idempotencyKey, answer);
    }
    return answer;
  }

  private Answer createOnce(byte[] body, String requestId) {
    JsonFields fields = new JsonFields();
    DeploymentSpec spec = DeploymentSpec.read(new String(body, StandardCharsets.UTF_8), fields);
    if (spec == null) {
      return Answer.error(400, "invalid_request", "the deployment request has " + fields.problems().size()
          + " problem(s)", requestId, fields.problems());
    }
    if (ledger.model(spec.model()).isEmpty()) {
      return Answer.error(404, "model_not_found", "model " + spec.model() + " is not registered", requestId, List.of());
    }
    Optional<VersionRecord> published = spec.version() == null ? latest(spec.model())
        : ledger.version(spec.model(), spec.version());
    if (published.isEmpty()) {
      return Answer.error(404, "version_not_found", "model " + spec.model() + " has no published version"
          + (spec.version() == null ? "" : " " + spec.version().text()), requestId, List.of());
    }
    Semver version = published.get().version();
    Set<Address> allowed = mayRun.apply(spec.model());
    List<Address> registered = ledger.nodes().stream().map(NodeRecord::address).filter(nodes::containsKey).toList();
    for (int i = 0; i < spec.addresses().size(); i++) {
      Address a = spec.addresses().get(i);
      if (!registered.contains(a)) {
        fields.problem("$.nodes.addresses[" + i + "]", "node", a + " is not a registered node of this devnet");
      } else if (!allowed.contains(a)) {
        fields.problem("$.nodes.addresses[" + i + "]", "grant", a + " holds no grant of the private model "
            + spec.model());
      }
    }
    if (!fields.problems().isEmpty()) {
      return Answer.error(400, "invalid_request", "the deployment request has " + fields.problems().size()
          + " problem(s)", requestId, fields.problems());
    }
    if (spec.maxPricePerUnit() != null && PRICE_PER_UNIT.compareTo(spec.maxPricePerUnit()) > 0) {
      return Answer.error(422, "price_limit", "the devnet's price per unit is " + JsonFields.plain(PRICE_PER_UNIT)
          + ", above pricing.maxPricePerUnit " + JsonFields.plain(spec.maxPricePerUnit()), requestId, List.of());
    }
    if (spec.mode() == InferenceMode.DISTRIBUTED && !declaresDistributed(published.get())) {
      return Answer.error(422, "unsupported", "the kernel of " + spec.model() + "@" + version.text()
          + " does not declare inference.mode distributed", requestId, List.of());
    }
    List<Address> chosen = new ArrayList<>(spec.addresses());
    for (Address a : registered) {
      if (chosen.size() >= spec.nodeCount()) {
        break;
      }
      if (allowed.contains(a) && !chosen.contains(a)) {
        chosen.add(a);
      }
    }
    if (chosen.size() < spec.nodeCount()) {
      return Answer.error(422, "not_enough_nodes", "the deployment runs on " + spec.nodeCount() + " nodes, but only "
          + chosen.size() + " may run " + spec.model(), requestId, List.of());
    }
    Deployment deployment = new Deployment("dep-" + ids.incrementAndGet(), spec.model(), version, spec, chosen,
        clock.instant());
    byId.put(deployment.id(), deployment);
    deployment.onChange(onChange);
    onChange.accept(deployment);
    Map<String, Object> pending = deployment.toJson();
    load(deployment, requestId);
    return new Answer(201, pending).withHeader("Location", "/v1/deployments/" + deployment.id());
  }

  /** Loads the kernel on every node of {@code deployment} in the background, then marks it ready or failed. */
  private void load(Deployment deployment, String requestId) {
    List<CompletableFuture<Void>> loads = deployment.nodes().stream()
        .map(a -> CompletableFuture.runAsync(() -> nodes.get(a).load(deployment.model(), deployment.version()),
            executor))
        .toList();
    CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).whenComplete((ok, failure) -> {
      if (failure == null) {
        deployment.ready(clock.instant());
        return;
      }
      Throwable cause = failure.getCause() == null ? failure : failure.getCause();
      String code = cause instanceof KernelVerificationException ? "kernel_verification_failed"
          : cause instanceof UnsupportedRuntimeException ? "unsupported_runtime" : "kernel_load_failed";
      deployment.failed(Answer.errorBody(code, "a node could not load the kernel: " + cause.getMessage(), requestId,
          List.of()));
    });
  }

  private Optional<VersionRecord> latest(ModelId model) {
    List<VersionRecord> versions = ledger.versions(model);
    Comparator<VersionRecord> byVersion = Comparator.comparing(VersionRecord::version);
    Optional<VersionRecord> current = versions.stream().filter(v -> !v.deprecated()).max(byVersion);
    return current.isPresent() ? current : versions.stream().max(byVersion);
  }

  private boolean declaresDistributed(VersionRecord published) {
    try {
      AivmConfig config = KernelConfigs.read(kernels, kernels.manifest(published.manifestCid()));
      return config.inference().map(i -> i.mode() == InferenceMode.DISTRIBUTED).orElse(false);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** {@code GET /v1/deployments/{id}}. */
  public Answer read(String id, String requestId) {
    return find(id).map(d -> new Answer(200, d.toJson())).orElseGet(() -> notFound(id, requestId));
  }

  /** {@code DELETE /v1/deployments/{id}}: deleted, its inferences cancelled; deleting again answers it again. */
  public Answer delete(String id, String requestId) {
    Optional<Deployment> deployment = find(id);
    if (deployment.isEmpty()) {
      return notFound(id, requestId);
    }
    if (deployment.get().delete()) {
      onDelete.accept(id);
    }
    return new Answer(200, deployment.get().toJson());
  }

  /** {@code GET /v1/deployments}: filtered by {@code model} and {@code status}, newest first, paged. */
  public Answer list(String rawQuery, String requestId) {
    Map<String, List<String>> query = Query.parse(rawQuery);
    List<Map<String, Object>> problems = new ArrayList<>();
    for (String name : query.keySet()) {
      if (!LIST_QUERY.contains(name)) {
        problems.add(Query.problem(name, "unknown", "not a parameter of GET /v1/deployments"));
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
    String status = Query.one(query, "status");
    if (status != null && List.of(Deployment.Status.values()).stream().noneMatch(s -> s.wireName().equals(status))) {
      problems.add(Query.problem("status", "enum", "pending, ready, failed or deleted"));
    }
    Paging paging = Paging.parse(query, "deployments", problems);
    if (!problems.isEmpty()) {
      return Answer.error(400, "invalid_parameter", "GET /v1/deployments: " + problems.size() + " bad parameter(s)",
          requestId, problems);
    }
    ModelId wanted = model;
    List<Map<String, Object>> matching = byId.values().stream()
        .sorted(Comparator.comparingLong((Deployment d) -> Long.parseLong(d.id().substring(4))).reversed())
        .filter(d -> wanted == null || d.model().equals(wanted))
        .filter(d -> status == null || d.status().wireName().equals(status))
        .map(Deployment::toJson)
        .toList();
    return new Answer(200, paging.page(matching));
  }

  private Optional<Deployment> find(String id) {
    return RESOURCE_ID.matcher(id).matches() ? get(id) : Optional.empty();
  }

  /** The {@code 404} for an unknown deployment. */
  public static Answer notFound(String id, String requestId) {
    return Answer.error(404, "deployment_not_found", "no deployment '" + id + "'", requestId, List.of());
  }
}
