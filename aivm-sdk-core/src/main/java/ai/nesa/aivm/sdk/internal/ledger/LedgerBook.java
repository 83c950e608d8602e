package ai.nesa.aivm.sdk.internal.ledger;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.Eip712;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.ledger.GrantRecord;
import ai.nesa.aivm.sdk.ledger.LedgerAction.DeprecateVersion;
import ai.nesa.aivm.sdk.ledger.LedgerAction.Grant;
import ai.nesa.aivm.sdk.ledger.LedgerAction.PublishVersion;
import ai.nesa.aivm.sdk.ledger.LedgerAction.RegisterModel;
import ai.nesa.aivm.sdk.ledger.LedgerAction.RegisterNode;
import ai.nesa.aivm.sdk.ledger.LedgerAction.Review;
import ai.nesa.aivm.sdk.ledger.LedgerAction.Revoke;
import ai.nesa.aivm.sdk.ledger.LedgerAction.RotateEpoch;
import ai.nesa.aivm.sdk.ledger.LedgerAction.TransferOwnership;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerDomain;
import ai.nesa.aivm.sdk.ledger.LedgerError.Code;
import ai.nesa.aivm.sdk.ledger.ModelRecord;
import ai.nesa.aivm.sdk.ledger.NodeRecord;
import ai.nesa.aivm.sdk.ledger.ReviewRecord;
import ai.nesa.aivm.sdk.ledger.VersionRecord;
import ai.nesa.aivm.sdk.models.Access;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A ledger's records (models, versions, nodes, grants, reviews) and the rules each action must pass
 * before it changes them, checked in the order {@code Ledger}'s documentation lists them. The
 * devnet's in-memory ledger checks every request against it; the EVM ledger rebuilds its view of the
 * contract by applying the contract's events to one, which also holds the contract to the same rules.
 *
 * <p>Not thread-safe: the ledger holds its lock around every call. Every rule is checked before
 * the first change, so a {@link LedgerRefusal} leaves the records as they were. The maps are
 * insertion-ordered because the lists are read in the order changes were applied; a replacement
 * that must come last is removed and put back.
 */
public final class LedgerBook {
  private static final Address ZERO = Address.of("0x0000000000000000000000000000000000000000");

  private final LedgerDomain domain;
  private final Map<ModelId, ModelRecord> models = new LinkedHashMap<>();
  private final Map<ModelId, Map<Semver, VersionRecord>> versions = new HashMap<>();
  private final Map<Address, NodeRecord> nodes = new LinkedHashMap<>();
  private final Map<ModelId, Map<Address, GrantRecord>> grants = new HashMap<>();
  private final Map<ModelId, Map<ReviewKey, ReviewRecord>> reviews = new HashMap<>();

  /** An empty book whose node registrations are checked in {@code domain}. */
  public LedgerBook(LedgerDomain domain) {
    this.domain = Objects.requireNonNull(domain, "domain");
  }

  /**
   * Applies {@code action}, signed by {@code signer}, at {@code at}.
   *
   * @throws LedgerRefusal with the first rule it breaks, having changed nothing
   */
  public void apply(LedgerAction action, Address signer, Instant at) {
    if (action instanceof RegisterModel a) {
      registerModel(a, signer, at);
    } else if (action instanceof PublishVersion a) {
      publish(a, signer, at);
    } else if (action instanceof DeprecateVersion a) {
      deprecate(a, signer);
    } else if (action instanceof TransferOwnership a) {
      transfer(a, signer);
    } else if (action instanceof RegisterNode a) {
      registerNode(a, signer, at);
    } else if (action instanceof Grant a) {
      grant(a, signer, at);
    } else if (action instanceof Revoke a) {
      revoke(a, signer);
    } else if (action instanceof RotateEpoch a) {
      rotate(a, signer);
    } else if (action instanceof Review a) {
      review(a, signer, at);
    } else {
      throw new IllegalStateException("an action kind this ledger does not know: " + action.kind());
    }
  }

  private void registerModel(RegisterModel a, Address signer, Instant at) {
    ModelRecord existing = models.get(a.id());
    if (existing != null) {
      throw new LedgerRefusal(Code.CONFLICT, "model " + a.id() + " is registered already, owned by " + existing.owner());
    }
    if (a.access() != Access.PUBLIC && a.access() != Access.PRIVATE) {
      throw new LedgerRefusal(Code.INVALID, "access is public or private, not " + a.access().wireName());
    }
    models.put(a.id(), new ModelRecord(a.id(), signer, a.access(), 0, 1, new byte[0], at));
  }

  private void publish(PublishVersion a, Address signer, Instant at) {
    ownedModel(a.id(), signer);
    if (version(a.id(), a.version()).isPresent()) {
      throw new LedgerRefusal(Code.CONFLICT, "model " + a.id() + " has a version " + a.version().text() + " already");
    }
    versions.computeIfAbsent(a.id(), id -> new LinkedHashMap<>())
        .put(a.version(), new VersionRecord(a.id(), a.version(), a.manifestCid(), a.manifestHash(), signer, at,
            Optional.empty()));
  }

  private void deprecate(DeprecateVersion a, Address signer) {
    ownedModel(a.id(), signer);
    VersionRecord v = publishedVersion(a.id(), a.version());
    if (v.deprecated()) {
      throw new LedgerRefusal(Code.CONFLICT, "version " + a.version().text() + " of " + a.id()
          + " is deprecated already: " + v.deprecation().orElseThrow());
    }
    versions.get(a.id()).put(a.version(), new VersionRecord(v.model(), v.version(), v.manifestCid(), v.manifestHash(),
        v.publisher(), v.publishedAt(), Optional.of(a.reason())));
  }

  private void transfer(TransferOwnership a, Address signer) {
    ModelRecord m = ownedModel(a.id(), signer);
    if (a.newOwner().equals(ZERO)) {
      throw new LedgerRefusal(Code.INVALID, "model " + a.id() + " cannot go to the zero address: nobody could own it");
    }
    models.put(a.id(), new ModelRecord(m.id(), a.newOwner(), m.access(), m.epoch(), m.threshold(), m.keyCommitment(),
        m.registeredAt()));
  }

  private void registerNode(RegisterNode a, Address signer, Instant at) {
    if (!a.node().equals(signer)) {
      throw new LedgerRefusal(Code.NOT_ALLOWED, "node " + a.node() + " registers itself; " + signer + " signed");
    }
    try {
      Eip712.verify(RegisterNode.registrationTypedData(domain, a.node(), a.encryptionPublicKey(), a.endpoint()),
          a.registrationSignature(), a.node());
    } catch (CryptoException e) {
      throw new LedgerRefusal(Code.INVALID, "registrationSignature is not node " + a.node()
          + "'s over its NodeRegistration in this ledger's domain: " + e.getMessage());
    }
    nodes.put(a.node(), new NodeRecord(a.node(), a.encryptionPublicKey(), a.endpoint(), a.registrationSignature(), at));
  }

  private void grant(Grant a, Address signer, Instant at) {
    ModelRecord m = ownedModel(a.id(), signer);
    if (m.access() != Access.PRIVATE) {
      throw new LedgerRefusal(Code.INVALID, "model " + a.id() + " is " + m.access().wireName()
          + ": only a private model's key is granted");
    }
    if (a.epoch() != m.epoch()) {
      throw new LedgerRefusal(Code.INVALID, "epoch " + a.epoch() + " is not model " + a.id() + "'s current one, "
          + m.epoch());
    }
    if (!nodes.containsKey(a.node())) {
      throw new LedgerRefusal(Code.NOT_FOUND, "node " + a.node() + " is not registered");
    }
    if (a.version().isPresent()) {
      publishedVersion(a.id(), a.version().get());
    }
    Map<Address, GrantRecord> byNode = grants.computeIfAbsent(a.id(), id -> new LinkedHashMap<>());
    byNode.remove(a.node()); // the replacement was made last, so it comes last
    byNode.put(a.node(), new GrantRecord(a.id(), a.node(), a.epoch(), a.wrappedKey(), a.version(), at));
  }

  private void revoke(Revoke a, Address signer) {
    ownedModel(a.id(), signer);
    Map<Address, GrantRecord> byNode = grants.get(a.id());
    if (byNode == null || byNode.remove(a.node()) == null) {
      throw new LedgerRefusal(Code.NOT_FOUND, "node " + a.node() + " holds no grant of model " + a.id());
    }
  }

  private void rotate(RotateEpoch a, Address signer) {
    ModelRecord m = ownedModel(a.id(), signer);
    if (m.access() != Access.PRIVATE) {
      throw new LedgerRefusal(Code.INVALID, "model " + a.id() + " is " + m.access().wireName()
          + ": only a private model has key epochs");
    }
    if (a.epoch() != m.epoch() + 1) {
      throw new LedgerRefusal(Code.INVALID, "epoch " + a.epoch() + " is not model " + a.id() + "'s next one, "
          + (m.epoch() + 1));
    }
    models.put(a.id(), new ModelRecord(m.id(), m.owner(), m.access(), a.epoch(), a.threshold(), a.keyCommitment(),
        m.registeredAt()));
    Map<Address, GrantRecord> byNode = grants.get(a.id());
    if (byNode != null) {
      byNode.values().removeIf(g -> g.epoch() < a.epoch());
    }
  }

  private void review(Review a, Address signer, Instant at) {
    if (!models.containsKey(a.id())) {
      throw new LedgerRefusal(Code.NOT_FOUND, "model " + a.id() + " is not registered");
    }
    publishedVersion(a.id(), a.version());
    Map<ReviewKey, ReviewRecord> byReviewer = reviews.computeIfAbsent(a.id(), id -> new LinkedHashMap<>());
    ReviewKey key = new ReviewKey(a.version(), signer);
    byReviewer.remove(key); // the list is in the order reviews were last written
    byReviewer.put(key, new ReviewRecord(a.id(), a.version(), signer, a.rating(), a.textCid(), at));
  }

  /** The model, checked to exist and to be {@code signer}'s. */
  private ModelRecord ownedModel(ModelId id, Address signer) {
    ModelRecord m = models.get(id);
    if (m == null) {
      throw new LedgerRefusal(Code.NOT_FOUND, "model " + id + " is not registered");
    }
    if (!m.owner().equals(signer)) {
      throw new LedgerRefusal(Code.NOT_ALLOWED, signer + " does not own model " + id + "; " + m.owner() + " does");
    }
    return m;
  }

  private VersionRecord publishedVersion(ModelId id, Semver version) {
    return version(id, version).orElseThrow(() -> new LedgerRefusal(Code.NOT_FOUND,
        "model " + id + " has no version " + version.text()));
  }

  /** The model named {@code id}, if registered. */
  public Optional<ModelRecord> model(ModelId id) {
    return Optional.ofNullable(models.get(id));
  }

  /** Every model, in order of registration. */
  public List<ModelRecord> models() {
    return List.copyOf(models.values());
  }

  /** The model's versions, in order of publication. */
  public List<VersionRecord> versions(ModelId id) {
    return List.copyOf(versions.getOrDefault(id, Map.of()).values());
  }

  /** One version of a model, if published. */
  public Optional<VersionRecord> version(ModelId id, Semver version) {
    return Optional.ofNullable(versions.getOrDefault(id, Map.of()).get(version));
  }

  /** The node at {@code address}, if registered. */
  public Optional<NodeRecord> node(Address address) {
    return Optional.ofNullable(nodes.get(address));
  }

  /** Every node, in order of first registration. */
  public List<NodeRecord> nodes() {
    return List.copyOf(nodes.values());
  }

  /** The model's standing grants, in the order they were last written. */
  public List<GrantRecord> grants(ModelId id) {
    return List.copyOf(grants.getOrDefault(id, Map.of()).values());
  }

  /** The model's reviews, in the order they were last written. */
  public List<ReviewRecord> reviews(ModelId id) {
    return List.copyOf(reviews.getOrDefault(id, Map.of()).values());
  }

  /** How many models are registered. */
  public int modelCount() {
    return models.size();
  }

  /** How many nodes are registered. */
  public int nodeCount() {
    return nodes.size();
  }

  private record ReviewKey(Semver version, Address reviewer) {}
}
