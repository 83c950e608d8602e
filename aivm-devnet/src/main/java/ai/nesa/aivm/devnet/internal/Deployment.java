package ai.nesa.aivm.devnet.internal;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.kernels.Consensus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One deployment of the devnet gateway: its parameters (fixed) and its status and lock (changing).
 * Status goes {@code pending} → {@code ready} or {@code failed}; any → {@code deleted}, which is
 * final. Thread-safe.
 */
public final class Deployment {
  /** The deployment's statuses, by their wire names. */
  public enum Status {
    PENDING, READY, FAILED, DELETED;

    /** The document's name. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final String id;
  private final ModelId model;
  private final Semver version;
  private final DeploymentSpec spec;
  private final List<Address> nodes;
  private final Instant createdAt;
  private Status status = Status.PENDING;
  private volatile Consumer<Deployment> onChange = d -> {};
  private Instant readyAt;
  private Map<String, Object> failure;
  private BigDecimal lockRemaining;

  public Deployment(String id, ModelId model, Semver version, DeploymentSpec spec, List<Address> nodes,
      Instant createdAt) {
    this.id = Objects.requireNonNull(id, "id");
    this.model = Objects.requireNonNull(model, "model");
    this.version = Objects.requireNonNull(version, "version");
    this.spec = Objects.requireNonNull(spec, "spec");
    this.nodes = List.copyOf(nodes);
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.lockRemaining = spec.lockAmount();
  }

  public String id() {
    return id;
  }

  public ModelId model() {
    return model;
  }

  public Semver version() {
    return version;
  }

  public DeploymentSpec spec() {
    return spec;
  }

  /** The nodes, in the order they run and are listed; the first streams its tokens. */
  public List<Address> nodes() {
    return nodes;
  }

  public Consensus consensus() {
    return spec.consensus();
  }

  public synchronized Status status() {
    return status;
  }

  /** Who is told of each change of its status, after it changed. */
  public void onChange(Consumer<Deployment> listener) {
    this.onChange = Objects.requireNonNull(listener, "listener");
  }

  /** Marks it ready, unless it was deleted meanwhile. */
  public void ready(Instant at) {
    synchronized (this) {
      if (status != Status.PENDING) {
        return;
      }
      status = Status.READY;
      readyAt = at;
    }
    onChange.accept(this);
  }

  /** Marks it failed with the document's {@code Error}, unless it was deleted meanwhile. */
  public void failed(Map<String, Object> error) {
    synchronized (this) {
      if (status != Status.PENDING) {
        return;
      }
      status = Status.FAILED;
      failure = error;
    }
    onChange.accept(this);
  }

  /** Marks it deleted and releases the unspent lock; true when it was not deleted before. */
  public boolean delete() {
    synchronized (this) {
      if (status == Status.DELETED) {
        return false;
      }
      status = Status.DELETED;
      lockRemaining = BigDecimal.ZERO;
    }
    onChange.accept(this);
    return true;
  }

  /** What is left of the lock. */
  public synchronized BigDecimal lockRemaining() {
    return lockRemaining;
  }

  /** Takes {@code amount} from the lock, down to zero at most; returns what is left. */
  public synchronized BigDecimal charge(BigDecimal amount) {
    lockRemaining = lockRemaining.subtract(amount).max(BigDecimal.ZERO);
    return lockRemaining;
  }

  /** The document's {@code Deployment}. */
  public synchronized Map<String, Object> toJson() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("model", model.toString());
    body.put("version", version.text());
    body.put("status", status.wireName());
    body.put("inferenceType", spec.mode().wireName());
    body.put("nodes", nodes.stream().map(Address::toString).toList());
    Map<String, Object> consensus = new LinkedHashMap<>();
    consensus.put("policy", spec.consensus().kind().wireName());
    if (spec.consensus().kind() == Consensus.Kind.K_OF_N) {
      consensus.put("k", spec.consensus().k());
      consensus.put("n", spec.consensus().n());
    }
    body.put("consensus", consensus);
    Map<String, Object> timeouts = new LinkedHashMap<>();
    if (spec.firstChunkMs() != null) {
      timeouts.put("firstChunkMs", spec.firstChunkMs());
    }
    timeouts.put("totalMs", spec.totalMs());
    body.put("timeouts", timeouts);
    Map<String, Object> pricing = new LinkedHashMap<>();
    if (spec.maxPricePerUnit() != null) {
      pricing.put("maxPricePerUnit", JsonFields.plain(spec.maxPricePerUnit()));
    }
    pricing.put("lockAmount", JsonFields.plain(spec.lockAmount()));
    body.put("pricing", pricing);
    body.put("output", Map.of("format", spec.format(), "receiptsRequired", spec.receiptsRequired()));
    body.put("createdAt", createdAt.toString());
    if (readyAt != null) {
      body.put("readyAt", readyAt.toString());
    }
    if (failure != null) {
      body.put("failure", failure);
    }
    return body;
  }

  @Override
  public String toString() {
    return "Deployment{" + id + ", " + model + "@" + version.text() + ", " + status() + "}";
  }
}
