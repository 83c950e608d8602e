package ai.nesa.aivm.sdk.access;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.ChunkedDecryptor;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.Ecies;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.KeyShare;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.crypto.Shamir;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.internal.access.AccessRules;
import ai.nesa.aivm.sdk.internal.access.ModelKeys;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.kernels.Manifest;
import ai.nesa.aivm.sdk.kernels.ManifestKeys;
import ai.nesa.aivm.sdk.ledger.GrantRecord;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.ledger.ModelRecord;
import ai.nesa.aivm.sdk.ledger.NodeRecord;
import ai.nesa.aivm.sdk.models.Access;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node operator's side of private models: reads the node's own grant from the ledger, unwraps
 * it with the node's encryption key, opens a version's data key and decrypts its files as they
 * stream or chunk by chunk; in k-of-n mode, gathers its peers' shares and serves its own to them.
 *
 * <pre>{@code
 * NodeKeyring keyring = NodeKeyring.of(encryptionKey, nodeAddress, ledger, KernelUploader.using(store));
 * Manifest manifest = kernels.manifest(ledger.version(model, version).orElseThrow().manifestCid());
 * try (InputStream weights = keyring.openDecrypted(manifest, "model.onnx", List.of())) {
 *   session.load(weights.readAllBytes());
 * }
 * }</pre>
 *
 * <p>Every call reads the ledger afresh: a grant revoked a moment ago is refused ({@link
 * AccessDeniedException}). Keys live only as long as a call or a stream needs them and are wiped
 * after; none reaches a log line. A manifest whose data key does not open with the node's key (a
 * wrong key, a changed manifest) is a {@link CryptoException} {@code AUTHENTICATION}; a changed
 * file fails the same way while it streams. Thread-safe.
 *
 * @since 0.1.0
 */
public final class NodeKeyring implements SharePeer {
  private static final Logger log = LoggerFactory.getLogger(NodeKeyring.class);

  private final EthPrivateKey encryptionKey;
  private final Address node;
  private final Ledger ledger;
  private final KernelUploader kernels;
  private final SecureRandom random = new SecureRandom();

  private NodeKeyring(EthPrivateKey encryptionKey, Address node, Ledger ledger, KernelUploader kernels) {
    this.encryptionKey = encryptionKey;
    this.node = node;
    this.ledger = ledger;
    this.kernels = kernels;
  }

  /**
   * The keyring of node {@code node}, whose grants are wrapped to {@code encryptionKey} (the key
   * its registration published; used, not copied).
   */
  public static NodeKeyring of(EthPrivateKey encryptionKey, Address node, Ledger ledger, KernelUploader kernels) {
    return new NodeKeyring(Objects.requireNonNull(encryptionKey, "encryptionKey"), Objects.requireNonNull(node, "node"),
        Objects.requireNonNull(ledger, "ledger"), Objects.requireNonNull(kernels, "kernels"));
  }

  @Override
  public Address address() {
    return node;
  }

  /** Whether this node may run {@code model} now, by the ledger. */
  public boolean mayRun(ModelId model) {
    return AccessRules.mayRun(ledger, model, node);
  }

  /**
   * The data key of the manifest's version, from this node's grant (and, in k-of-n mode, shares
   * from {@code peers} until the threshold is met). The caller owns the key and should destroy it.
   *
   * @throws AccessDeniedException when the node holds no grant of the current epoch, or fewer
   *     shares than the threshold could be had
   * @throws CryptoException {@code AUTHENTICATION} when the key does not open the version's data
   *     key, {@code SHARES} when the shares do not reconstruct the committed key
   */
  public SecretBytes dataKey(Manifest manifest, List<? extends SharePeer> peers) {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(peers, "peers");
    ModelId model = manifest.name();
    ModelRecord record = privateModel(model);
    GrantRecord grant = ownGrant(record);
    if (grant.version().isPresent() && !grant.version().get().equals(manifest.version())) {
      throw new AccessDeniedException(model, node, "node " + node + "'s grant of " + model + " is for version "
          + grant.version().get().text() + " only, not " + manifest.version().text());
    }
    Optional<ManifestKeys> keys = manifest.keys();
    if (keys.isEmpty()) {
      if (record.threshold() > 1) {
        throw new AccessDeniedException(model, node, manifest.name() + "@" + manifest.version().text()
            + " has no sealed data key, which a k-of-n model's versions need");
      }
      return Ecies.unwrapKey(encryptionKey, grant.wrappedKey()); // a data key granted directly
    }
    long published = keys.get().epoch();
    if (published > grant.epoch()) {
      throw new AccessDeniedException(model, node, manifest.name() + "@" + manifest.version().text()
          + " is sealed to key epoch " + published + ", after this node's grant of epoch " + grant.epoch());
    }
    SecretBytes granted = epochKey(record, grant, peers);
    SecretBytes older = null;
    try {
      older = ModelKeys.olderKey(granted, grant.epoch(), published);
      return ModelKeys.openDataKey(older, keys.get().sealedDataKey(), model, manifest.version(), published);
    } finally {
      granted.destroy();
      if (older != null) {
        older.destroy();
      }
    }
  }

  /** {@link #dataKey(Manifest, List)} without peers: for a model whose grants hold the whole key. */
  public SecretBytes dataKey(Manifest manifest) {
    return dataKey(manifest, List.of());
  }

  /**
   * The file at {@code path}, decrypted as it streams (authenticated chunk by chunk; a changed
   * chunk ends the stream with {@code AUTHENTICATION}). The data key is wiped as soon as the file
   * is open: the decryption keeps only what it derived from it.
   */
  public InputStream openDecrypted(Manifest manifest, String path, List<? extends SharePeer> peers) {
    SecretBytes key = dataKey(manifest, peers);
    try {
      return kernels.openDecrypted(manifest, path, key);
    } finally {
      key.destroy();
    }
  }

  /**
   * The file at {@code path} for reading chunk by chunk or by byte range ({@link
   * ChunkedDecryptor}: only the chunks a read needs are fetched and authenticated). The data key is
   * wiped as soon as the file is open.
   */
  public ChunkedDecryptor openDecryptor(Manifest manifest, String path, List<? extends SharePeer> peers) {
    SecretBytes key = dataKey(manifest, peers);
    try {
      return kernels.openDecryptor(manifest, path, key);
    } finally {
      key.destroy();
    }
  }

  /**
   * This node's share of {@code model}'s current epoch key, wrapped to {@code requester}'s
   * registered encryption key, after checking on the ledger that the requester holds a grant of
   * the same epoch and that its registration is its operator's.
   */
  @Override
  public byte[] shareFor(Address requester, ModelId model) {
    Objects.requireNonNull(requester, "requester");
    ModelRecord record = privateModel(model);
    if (record.threshold() < 2) {
      throw new AccessDeniedException(model, requester, model + " is not in k-of-n mode: its grants hold the whole key");
    }
    if (!AccessRules.mayRun(ledger, model, requester)) {
      throw new AccessDeniedException(model, requester, requester + " holds no grant of " + model + " in key epoch "
          + record.epoch() + ": no share is given to it");
    }
    NodeRecord peer = ledger.node(requester).orElseThrow();
    if (!AccessRules.registrationVerifies(ledger.domain(), peer)) {
      throw new AccessDeniedException(model, requester, requester + "'s registration is not its operator's");
    }
    byte[] share = Ecies.decrypt(encryptionKey, ownGrant(record).wrappedKey());
    try {
      return Ecies.encrypt(peer.encryptionPublicKey(), share, random);
    } finally {
      Arrays.fill(share, (byte) 0);
    }
  }

  private SecretBytes epochKey(ModelRecord record, GrantRecord grant, List<? extends SharePeer> peers) {
    if (record.threshold() == 1) {
      return Ecies.unwrapKey(encryptionKey, grant.wrappedKey());
    }
    List<KeyShare> shares = new ArrayList<>();
    try {
      shares.add(share(Ecies.decrypt(encryptionKey, grant.wrappedKey())));
      for (SharePeer peer : peers) {
        if (shares.size() >= record.threshold()) {
          break;
        }
        if (peer.address().equals(node)) {
          continue;
        }
        try {
          shares.add(share(Ecies.decrypt(encryptionKey, peer.shareFor(node, record.id()))));
        } catch (AccessDeniedException | CryptoException e) {
          log.info("node {} got no share of {} from {}: {}", node, record.id(), peer.address(), e.getMessage());
        }
      }
      if (shares.size() < record.threshold()) {
        throw new AccessDeniedException(record.id(), node, "node " + node + " has " + shares.size() + " of the "
            + record.threshold() + " shares that open " + record.id() + "'s key of epoch " + record.epoch());
      }
      return Shamir.combine(shares, Shamir.Commitment.fromBytes(record.keyCommitment()));
    } finally {
      shares.forEach(KeyShare::destroy);
    }
  }

  private static KeyShare share(byte[] encoded) {
    try {
      return KeyShare.fromBytes(encoded);
    } finally {
      Arrays.fill(encoded, (byte) 0);
    }
  }

  private ModelRecord privateModel(ModelId model) {
    Objects.requireNonNull(model, "model");
    ModelRecord record = ledger.model(model).orElseThrow(() -> new AccessDeniedException(model, node,
        model + " is not registered on the ledger"));
    if (record.access() != Access.PRIVATE) {
      throw new AccessDeniedException(model, node, model + " is public: it has no key to open");
    }
    return record;
  }

  private GrantRecord ownGrant(ModelRecord record) {
    return ledger.grants(record.id()).stream()
        .filter(g -> g.node().equals(node) && g.epoch() == record.epoch())
        .findFirst()
        .orElseThrow(() -> new AccessDeniedException(record.id(), node, "node " + node + " holds no grant of "
            + record.id() + " in key epoch " + record.epoch()));
  }

  @Override
  public String toString() {
    return "NodeKeyring[" + node + "]";
  }
}
