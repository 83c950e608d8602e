package ai.nesa.aivm.devnet.internal;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.devnet.DevnetNode;
import ai.nesa.aivm.devnet.NodeResult;
import ai.nesa.aivm.devnet.RunControl;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.inference.Receipt;
import ai.nesa.aivm.sdk.inference.Tensor;
import ai.nesa.aivm.sdk.inference.TensorOutput;
import ai.nesa.aivm.sdk.kernels.DType;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one inference on every node of its deployment in parallel and ends its {@link
 * InferenceRecord} with the result or the error the document names.
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>The first node's tokens (or, for tensors, its output tensors once it ends) are queued as
 *       chunks on the record.
 *   <li>{@code timeouts.firstChunkMs}: the first node's first chunk must come within it (a node
 *       that ends without one counts as having made it); {@code timeouts.totalMs}: every node must
 *       end within it. Either passing cancels the node runs and is a {@code 504} {@code timeout}.
 *   <li>The nodes' answers are aggregated by {@link Vote}; none meeting the policy is a {@code 422}
 *       {@code consensus_failed} with one detail per answering node (path its address, rule {@code
 *       output_hash}, message its output hash).
 *   <li>An input the kernel refuses (every node refuses it alike) is a {@code 400} {@code
 *       invalid_request} with the node's problems under {@code $.input}. A node that fails
 *       otherwise has not answered; when none answered, a {@code 502} {@code node_failed}.
 *   <li>Usage: units in and the chosen output's units out, times the price per unit, times the
 *       nodes that answered, taken from the deployment's lock (down to zero at most).
 * </ul>
 */
public final class InferenceRunner {
  private final Map<Address, DevnetNode> nodes;
  private final GatewayMetrics metrics;
  private final ExecutorService executor;
  private final Clock clock;

  public InferenceRunner(Map<Address, DevnetNode> nodes, ExecutorService executor, Clock clock,
      GatewayMetrics metrics) {
    this.metrics = metrics;
    this.nodes = nodes;
    this.executor = executor;
    this.clock = clock;
  }

  /** Starts {@code record}'s inference of {@code input}; returns at once. */
  public void start(InferenceRecord record, InferenceInput input, long unitsIn, boolean receiptsRequired) {
    Deployment deployment = record.deployment();
    List<RunControl> controls = new ArrayList<>();
    List<CompletableFuture<NodeResult>> runs = new ArrayList<>();
    for (int i = 0; i < deployment.nodes().size(); i++) {
      Address address = deployment.nodes().get(i);
      DevnetNode node = nodes.get(address);
      RunControl control = i == 0 ? RunControl.create(piece -> record.chunk(Map.of("text", piece)))
          : RunControl.create();
      controls.add(control);
      boolean first = i == 0;
      runs.add(CompletableFuture.supplyAsync(() -> {
        // the first node's chunks are queued before its run counts as ended, so before the result
        metrics.nodeStarted(record, address);
        long t0 = System.nanoTime();
        try {
          NodeResult result;
          try {
            result = node.run(deployment.model(), deployment.version(), record.id(), input, control);
          } catch (RuntimeException e) {
            metrics.nodeEnded(record, address, System.nanoTime() - t0, unitsIn, null, e);
            throw e;
          }
          metrics.nodeEnded(record, address, System.nanoTime() - t0, unitsIn, result, null);
          if (first && result.output() instanceof TensorOutput tensors) {
            tensors.tensors().forEach(t -> record.chunk(Map.of("tensor", tensor(t))));
          }
          return result;
        } finally {
          if (first) {
            record.firstChunkOrNone();
          }
        }
      }, executor));
    }
    record.controls(controls);
    executor.execute(() -> coordinate(record, runs, controls, unitsIn, receiptsRequired));
  }

  private void coordinate(InferenceRecord record, List<CompletableFuture<NodeResult>> runs, List<RunControl> controls,
      long unitsIn, boolean receiptsRequired) {
    DeploymentSpec spec = record.deployment().spec();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(spec.totalMs());
    try {
      if (spec.firstChunkMs() != null && !record.awaitFirstChunk(spec.firstChunkMs())) {
        timeout(record, controls, "no first chunk within timeouts.firstChunkMs " + spec.firstChunkMs() + " ms");
        return;
      }
      CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new))
          .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      timeout(record, controls, "the nodes did not end within timeouts.totalMs " + spec.totalMs() + " ms");
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      controls.forEach(RunControl::cancel);
      return;
    } catch (ExecutionException e) {
      // some node failed: looked at node by node below
    }
    if (record.status() != InferenceRecord.Status.RUNNING) {
      return;
    }
    end(record, runs, unitsIn, receiptsRequired);
  }

  private void timeout(InferenceRecord record, List<RunControl> controls, String why) {
    controls.forEach(RunControl::cancel);
    record.fail(Answer.error(504, "timeout", "inference " + record.id() + " timed out: " + why, record.requestId(),
        List.of()), clock.instant());
  }

  private void end(InferenceRecord record, List<CompletableFuture<NodeResult>> runs, long unitsIn,
      boolean receiptsRequired) {
    Deployment deployment = record.deployment();
    List<Vote.Ballot> answered = new ArrayList<>();
    Throwable firstFailure = null;
    for (int i = 0; i < runs.size(); i++) {
      try {
        answered.add(new Vote.Ballot(deployment.nodes().get(i), runs.get(i).join()));
      } catch (CompletionException | CancellationException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof AivmValidationException invalid) {
          record.fail(invalidInput(invalid, record.requestId()), clock.instant());
          return;
        }
        firstFailure = firstFailure == null ? cause : firstFailure;
      }
    }
    if (answered.isEmpty()) {
      String why = firstFailure == null ? "no node answered" : firstFailure.getMessage();
      record.fail(Answer.error(502, "node_failed", "no node of " + deployment.id() + " answered: " + why,
          record.requestId(), List.of()), clock.instant());
      return;
    }
    Vote vote = Vote.decide(deployment.consensus(), deployment.nodes().size(), answered);
    if (vote.chosen().isEmpty()) {
      List<Map<String, Object>> details = new ArrayList<>();
      answered.forEach(b -> details.add(Query.problem(b.node().toString(), "output_hash",
          b.result().output().hash().hex())));
      record.fail(Answer.error(422, "consensus_failed", "no output met consensus "
          + deployment.consensus().kind().wireName() + ": at most " + vote.agreeing() + " of "
          + deployment.nodes().size() + " nodes agreed", record.requestId(), details), clock.instant());
      return;
    }
    NodeResult chosen = vote.chosen().get();
    BigDecimal total = Deployments.PRICE_PER_UNIT.multiply(BigDecimal.valueOf(unitsIn + chosen.unitsOut()))
        .multiply(BigDecimal.valueOf(answered.size()));
    BigDecimal remaining = deployment.charge(total);
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("unitsIn", unitsIn);
    usage.put("unitsOut", chosen.unitsOut());
    usage.put("pricePerUnit", JsonFields.plain(Deployments.PRICE_PER_UNIT));
    usage.put("total", JsonFields.plain(total));
    usage.put("lockRemaining", JsonFields.plain(remaining));
    Map<String, Object> consensus = new LinkedHashMap<>();
    consensus.put("policy", deployment.consensus().kind().wireName());
    consensus.put("agreeing", vote.agreeing());
    consensus.put("total", answered.size());
    consensus.put("dissenters", vote.dissenters().stream().map(Address::toString).toList());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("id", record.id());
    result.put("deployment", deployment.id());
    result.put("model", deployment.model().toString());
    result.put("version", deployment.version().text());
    result.put("output", new RawJson(chosen.output().toJson()));
    result.put("receipts", receiptsRequired ? answered.stream().map(b -> receipt(b.result().receipt())).toList()
        : List.of());
    result.put("consensus", consensus);
    result.put("usage", usage);
    result.put("startedAt", record.startedAt().toString());
    result.put("completedAt", clock.instant().toString());
    record.complete(result, clock.instant());
  }

  /** A {@code 400} naming each problem of an input the kernel refused, under {@code $.input}. */
  public static Answer invalidInput(AivmValidationException e, String requestId) {
    return Answer.error(400, "invalid_request", "the input is not valid: " + e.problems().size() + " problem(s)",
        requestId, inputProblems(e));
  }

  /** The problems of an input as {@code ErrorDetail}s, their paths under {@code $.input}. */
  public static List<Map<String, Object>> inputProblems(AivmValidationException e) {
    List<Map<String, Object>> details = new ArrayList<>();
    for (Problem p : e.problems()) {
      String path = p.path().startsWith("input") ? "$." + p.path() : "$.input." + p.path();
      details.add(Query.problem(path, p.rule(), p.message()));
    }
    return details;
  }

  /** The document's {@code Receipt}. */
  static Map<String, Object> receipt(Receipt r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requestId", r.requestId());
    m.put("model", r.model().toString());
    m.put("version", r.version().text());
    m.put("manifestHash", r.manifestHash().hex());
    m.put("inputHash", r.inputHash().hex());
    m.put("outputHash", r.outputHash().hex());
    m.put("node", r.node().toString());
    m.put("timestamp", r.timestamp().toEpochMilli());
    m.put("signature", r.signature().toHex());
    return m;
  }

  /** The document's {@code Tensor}, data as base64 of its little-endian bytes (a list for strings). */
  static Map<String, Object> tensor(Tensor t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", t.name());
    m.put("dtype", t.dtype().wireName());
    List<Long> shape = new ArrayList<>();
    for (long d : t.shape()) {
      shape.add(d);
    }
    m.put("shape", shape);
    m.put("data", t.dtype() == DType.STRING ? t.asStrings() : Base64.getEncoder().encodeToString(t.rawBytes()));
    return m;
  }
}
