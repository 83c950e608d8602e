package ai.nesa.aivm.devnet.internal;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.devnet.NodeResult;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerEvent;
import com.squareup.moshi.JsonAdapter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

/**
 * The devnet gateway's monitoring: it is told of every deployment change and every inference (each
 * node's run, and the inference's end), watches the ledger for versions published and grants
 * given or taken, writes each as an event to the {@link MetricsLog}, and records each ended
 * inference and node run in the {@link UsageLog}.
 */
public final class GatewayMetrics implements AutoCloseable {
  private static final long LEDGER_POLL_MILLIS = 100;

  private final MetricsLog log;
  private final UsageLog usage;
  private final MetricsStream stream;
  private final Ledger ledger;
  private final Clock clock;
  private final Thread watcher;
  private final AtomicBoolean closed = new AtomicBoolean();
  private long ledgerSeen;

  public GatewayMetrics(Ledger ledger, Clock clock, JsonAdapter<Object> json, int eventCapacity, int usageCapacity,
      IntSupplier dropStreamsEvery) {
    this.ledger = ledger;
    this.clock = clock;
    this.log = new MetricsLog(eventCapacity, clock, json);
    this.usage = new UsageLog(usageCapacity, clock);
    this.stream = new MetricsStream(log, dropStreamsEvery);
    this.ledgerSeen = lastSequence(ledger);
    this.watcher = new Thread(this::watchLedger, "aivm-devnet-metrics-ledger");
    watcher.setDaemon(true);
    watcher.start();
  }

  public MetricsLog log() {
    return log;
  }

  public UsageLog usage() {
    return usage;
  }

  public MetricsStream stream() {
    return stream;
  }

  /** A deployment was made or changed status. */
  public void deploymentChanged(Deployment d) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("model", d.model().toString());
    f.put("version", d.version().text());
    f.put("deployment", d.id());
    f.put("deploymentStatus", d.status().wireName());
    log.append("deployment_changed", f);
  }

  /** A node starts its run of an inference. */
  public void nodeStarted(InferenceRecord record, Address node) {
    Deployment d = record.deployment();
    log.append("inference_started", inference(d.model(), d.version(), d.id(), record.id(), node));
  }

  /**
   * A node's run of an inference ended, after {@code nanos}: with {@code result}, or with {@code
   * failure}; its cost is its own units at the deployment's price.
   */
  public void nodeEnded(InferenceRecord record, Address node, long nanos, long unitsIn, NodeResult result,
      Throwable failure) {
    Deployment d = record.deployment();
    Map<String, Object> f = inference(d.model(), d.version(), d.id(), record.id(), node);
    double latency = millis(nanos);
    f.put("latencyMs", latency);
    if (result != null) {
      BigDecimal cost = Deployments.PRICE_PER_UNIT.multiply(BigDecimal.valueOf(unitsIn + result.unitsOut()));
      f.put("unitsIn", unitsIn);
      f.put("unitsOut", result.unitsOut());
      f.put("cost", JsonFields.plain(cost));
      log.append("inference_completed", f);
      usage.record(new UsageLog.Usage(clock.instant(), d.model(), d.version(), d.id(), node, latency, unitsIn,
          result.unitsOut(), cost, false));
    } else {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
          : failure;
      Map<String, Object> error = new LinkedHashMap<>();
      String code = cause instanceof CancellationException ? "cancelled"
          : cause instanceof AivmValidationException ? "invalid_request" : "node_failed";
      error.put("code", code);
      error.put("message", code.equals("invalid_request") ? "node " + node + " refused the input: " + cause.getMessage()
          : "node " + node + " did not answer: " + cause.getMessage());
      error.put("requestId", record.requestId());
      f.put("error", error);
      log.append("inference_failed", f);
      usage.record(new UsageLog.Usage(clock.instant(), d.model(), d.version(), d.id(), node, latency, unitsIn, 0,
          BigDecimal.ZERO, true));
    }
  }

  /** An inference ended: its whole latency, units and the cost charged, or its failure. */
  @SuppressWarnings("unchecked")
  public void inferenceEnded(InferenceRecord record) {
    Deployment d = record.deployment();
    Instant end = record.completedAt();
    double latency = millis(Duration.between(record.startedAt(), end).toNanos());
    Map<String, Object> result = record.result();
    if (result != null) {
      Map<String, Object> u = (Map<String, Object>) result.get("usage");
      usage.record(new UsageLog.Usage(end, d.model(), d.version(), d.id(), null, latency,
          ((Number) u.get("unitsIn")).longValue(), ((Number) u.get("unitsOut")).longValue(),
          new BigDecimal((String) u.get("total")), false));
    } else {
      usage.record(new UsageLog.Usage(end, d.model(), d.version(), d.id(), null, latency, 0, 0, BigDecimal.ZERO, true));
    }
  }

  private void watchLedger() {
    while (!closed.get()) {
      try {
        List<LedgerEvent> events = ledger.events(ledgerSeen, 256);
        for (LedgerEvent e : events) {
          ledgerEvent(e.action());
          ledgerSeen = e.sequence();
        }
        if (events.size() < 256) {
          Thread.sleep(LEDGER_POLL_MILLIS);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (closed.get()) {
          return; // the ledger closed under it
        }
        try {
          Thread.sleep(LEDGER_POLL_MILLIS);
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }

  private void ledgerEvent(LedgerAction action) {
    Map<String, Object> f = new LinkedHashMap<>();
    if (action instanceof LedgerAction.PublishVersion p) {
      f.put("model", p.id().toString());
      f.put("version", p.version().text());
      log.append("version_published", f);
    } else if (action instanceof LedgerAction.Grant g) {
      f.put("model", g.id().toString());
      g.version().map(Semver::text).ifPresent(v -> f.put("version", v));
      f.put("node", g.node().toString());
      log.append("access_granted", f);
    } else if (action instanceof LedgerAction.Revoke r) {
      f.put("model", r.id().toString());
      f.put("node", r.node().toString());
      log.append("access_revoked", f);
    }
  }

  /** The fields common to an inference's events on one node. */
  private static Map<String, Object> inference(ModelId model, Semver version, String deployment, String inference,
      Address node) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", model.toString());
    m.put("version", version.text());
    m.put("deployment", deployment);
    m.put("inference", inference);
    m.put("node", node.toString());
    return m;
  }

  /** A latency in milliseconds, to the microsecond. */
  private static double millis(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }

  private static long lastSequence(Ledger ledger) {
    long seen = 0;
    for (List<LedgerEvent> page = ledger.events(0, 1024); !page.isEmpty(); page = ledger.events(seen, 1024)) {
      seen = page.get(page.size() - 1).sequence();
    }
    return seen;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      stream.close();
      watcher.interrupt();
    }
  }
}
