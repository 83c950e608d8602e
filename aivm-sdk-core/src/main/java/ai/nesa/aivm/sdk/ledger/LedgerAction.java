package ai.nesa.aivm.sdk.ledger;

import static ai.nesa.aivm.crypto.TypedData.field;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.EthPublicKey;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.Signature;
import ai.nesa.aivm.crypto.TypedData;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.models.Access;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a ledger request asks the ledger to do: one record per {@link LedgerRequestKind}, each with
 * its EIP-712 struct. The struct is the record's fields in the order below, then {@code uint256
 * nonce} and {@code uint256 deadline} (Unix seconds), which {@link LedgerRequest} adds.
 *
 * <pre>
 * RegisterModel(string model,string access,uint256 nonce,uint256 deadline)
 * PublishVersion(string model,string version,string manifestCid,bytes32 manifestHash,uint256 nonce,uint256 deadline)
 * DeprecateVersion(string model,string version,string reason,uint256 nonce,uint256 deadline)
 * TransferOwnership(string model,address newOwner,uint256 nonce,uint256 deadline)
 * RegisterNode(address node,bytes encryptionPublicKey,string endpoint,bytes registrationSignature,uint256 nonce,uint256 deadline)
 * Grant(string model,address node,uint64 epoch,bytes wrappedKey,string version,uint256 nonce,uint256 deadline)
 * Revoke(string model,address node,uint256 nonce,uint256 deadline)
 * RotateEpoch(string model,uint64 epoch,uint8 threshold,bytes keyCommitment,uint256 nonce,uint256 deadline)
 * Review(string model,string version,uint8 rating,string textCid,uint256 nonce,uint256 deadline)
 * </pre>
 *
 * <p>{@code model} is {@code org/model}; {@code version} semver text ({@code ""} in a grant: every
 * version of the epoch); {@code access} {@code public} or {@code private}; CIDs as text. A node's
 * {@code registrationSignature} is its operator's signature, in the same domain, over {@code
 * NodeRegistration(address node,bytes encryptionPublicKey,string endpoint)}: a statement anyone can
 * check from the node's record alone.
 *
 * @since 0.1.0
 */
public sealed interface LedgerAction {
  /** What kind of request this is. */
  LedgerRequestKind kind();

  /** The struct's fields before {@code nonce} and {@code deadline}. */
  List<TypedData.Field> fields();

  /** The struct's values before {@code nonce} and {@code deadline}, by field name. */
  Map<String, Object> values();

  /** The model the action is about; empty for a node's registration. */
  Optional<ModelId> model();

  /** Registers a new model; the signer becomes its owner, at key epoch 0. */
  record RegisterModel(ModelId id, Access access) implements LedgerAction {
    public RegisterModel {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(access, "access");
    }

    @Override
    public LedgerRequestKind kind() {
      return LedgerRequestKind.REGISTER_MODEL;
    }

    @Override
    public List<TypedData.Field> fields() {
      return List.of(field("model", "string"), field("access", "string"));
    }

    @Override
    public Map<String, Object> values() {
      return ordered("model", id.toString(), "access", access.wireName());
    }

    @Override
    public Optional<ModelId> model() {
      return Optional.of(id);
    }
  }

  /** Publishes a version of a model the signer owns: its manifest's CID and hash. */
  record PublishVersion(ModelId id, Semver version, Cid manifestCid, Hash32 manifestHash) implements LedgerAction {
    public PublishVersion {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(manifestCid, "manifestCid");
      Objects.requireNonNull(manifestHash, "manifestHash");
    }

    @Override
    public LedgerRequestKind kind() {
      return LedgerRequestKind.PUBLISH_VERSION;
    }

    @Override
    public List<TypedData.Field> fields() {
      return List.of(field("model", "string"), field("version", "string"), field("manifestCid", "string"),
          field("manifestHash", "bytes32"));
    }

    @Override
    public Map<String, Object> values() {
      return ordered("model", id.toString(), "version", version.text(), "manifestCid", manifestCid.value(),
          "manifestHash", manifestHash);
    }

    @Override
    public Optional<ModelId> model() {
      return Optional.of(id);
    }
  }

  /** Marks a published version deprecated, with a reason (may be empty). */
  record DeprecateVersion(ModelId id, Semver version, String reason) implements LedgerAction {
    public DeprecateVersion {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public LedgerRequestKind kind() {
      return LedgerRequestKind.DEPRECATE_VERSION;
    }

    @Override
    public List<TypedData.Field> fields() {
      return List.of(field("model", "string"), field("version", "string"), field("reason", "string"));
    }

    @Override
    public Map<String, Object> values() {
      return ordered("model", id.toString(), "version", version.text(), "reason", reason);
    }

    @Override
    public Optional<ModelId> model() {
      return Optional.of(id);
    }
  }

  /** Hands a model the signer owns to another owner. */
  record TransferOwnership(ModelId id, Address newOwner) implements LedgerAction {
    public TransferOwnership {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(newOwner, "newOwner");
    }

    @Override
    public LedgerRequestKind kind() {
      return LedgerRequestKind.TRANSFER_OWNERSHIP;
    }

    @Override
    public List<TypedData.Field> fields() {
      return List.of(field("model", "string"), field("newOwner", "address"));
    }

    @Override
    public Map<String, Object> values() {
      return ordered("model", id.toString(), "newOwner", newOwner);
    }

    @Override
    public Optional<ModelId> model() {
      return Optional.of(id);
    }
  }

  /**
   * Registers the signer's node: the key data keys are wrapped to, where it listens, and the
   * operator's {@code NodeRegistration} signature ({@link #registrationTypedData}).
   */
  record RegisterNode(Address node, EthPublicKey encryptionPublicKey, String endpoint, Signature registrationSignature)
      implements LedgerAction {
    public RegisterNode {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(encryptionPublicKey, "encryptionPublicKey");
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(registrationSignature, "registrationSignature");
    }

    /** The typed data a node's operator signs to state its key and endpoint, in {@code domain}. */
    public static TypedData registrationTypedData(LedgerDomain domain, Address node, EthPublicKey encryptionPublicKey,
        String endpoint) {
      return TypedData.builder()
          .domain(domain.typedDataDomain())
          .type("NodeRegistration", field("node", "address"), field("encryptionPublicKey", "bytes"),
              field("endpoint", "string"))
          .primaryType("NodeRegistration")
          .message(ordered("node", node, "encryptionPublicKey", encryptionPublicKey.uncompressed(), "endpoint", endpoint))
          .build();
    }

    @Override
    public LedgerRequestKind kind() {
      return LedgerRequestKind.REGISTER_NODE;
    }

    @Override
    public List<TypedData.Field> fields() {
      return List.of(field("node", "address"), field("encryptionPublicKey", "bytes"), field("endpoint", "string"),
          field("registrationSignature", "bytes"));
    }

    @Override
    public Map<String, Object> values() {
      return ordered("node", node, "encryptionPublicKey", encryptionPublicKey.uncompressed(), "endpoint", endpoint,
          "registrationSignature", registrationSignature.toBytes());
    }

    @Override
    public Optional<ModelId> model() {
      return Optional.empty();
    }
  }

  /**
   * Gives a node the model's data key (or its share of it) for key epoch {@code epoch}, wrapped to
   * the node's encryption key; {@code version} limits it to one version, empty for all of the epoch.
   */
  record Grant(ModelId id, Address node, long epoch, byte[] wrappedKey, Optional<Semver> version) implements LedgerAction {
    public Grant {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(version, "version");
      if (epoch < 0) {
        throw AivmValidationException.of("epoch", "minimum", epoch, "a key epoch is not negative");
      }
      wrappedKey = Objects.requireNonNull(wrappedKey, "wrappedKey").clone();
    }

    /** A copy of the wrapped key. */
    @Override
    public byte[] wrappedKey() {
      return wrappedKey.clone();
    }

    @Override
    public LedgerRequestKind kind() {
      return LedgerRequestKind.GRANT;
    }

    @Override
    public List<TypedData.Field> fields() {
      return List.of(field("model", "string"), field("node", "address"), field("epoch", "uint64"),
          field("wrappedKey", "bytes"), field("version", "string"));
    }

    @Override
    public Map<String, Object> values() {
      return ordered("model", id.toString(), "node", node, "epoch", epoch, "wrappedKey", wrappedKey.clone(),
          "version", version.map(Semver::text).orElse(""));
    }

    @Override
    public Optional<ModelId> model() {
      return Optional.of(id);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Grant g && id.equals(g.id) && node.equals(g.node) && epoch == g.epoch
          && Arrays.equals(wrappedKey, g.wrappedKey) && version.equals(g.version);
    }

    @Override
    public int hashCode() {
      return Objects.hash(id, node, epoch, Arrays.hashCode(wrappedKey), version);
    }

    @Override
    public String toString() {
      return "Grant[" + id + " to " + node + ", epoch " + epoch + ", " + wrappedKey.length + "-byte wrapped key"
          + version.map(v -> ", version " + v.text()).orElse("") + "]";
    }
  }

  /** Takes a node's grant of a model away. */
  record Revoke(ModelId id, Address node) implements LedgerAction {
    public Revoke {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(node, "node");
    }

    @Override
    public LedgerRequestKind kind() {
      return LedgerRequestKind.REVOKE;
    }

    @Override
    public List<TypedData.Field> fields() {
      return List.of(field("model", "string"), field("node", "address"));
    }

    @Override
    public Map<String, Object> values() {
      return ordered("model", id.toString(), "node", node);
    }

    @Override
    public Optional<ModelId> model() {
      return Optional.of(id);
    }
  }

  /**
   * Starts key epoch {@code epoch} (the current one plus one): grants of earlier epochs stop
   * counting. {@code threshold} shares open the new key (1: each grant wraps the whole key) and
   * {@code keyCommitment} lets a node check what it reconstructs (empty when there is none).
   */
  record RotateEpoch(ModelId id, long epoch, int threshold, byte[] keyCommitment) implements LedgerAction {
    public RotateEpoch {
      Objects.requireNonNull(id, "id");
      if (epoch < 1) {
        throw AivmValidationException.of("epoch", "minimum", epoch, "a new key epoch is at least 1");
      }
      if (threshold < 1 || threshold > 255) {
        throw AivmValidationException.of("threshold", "range", threshold, "a threshold is from 1 to 255 shares");
      }
      keyCommitment = Objects.requireNonNull(keyCommitment, "keyCommitment").clone();
    }

    /** A copy of the key commitment. */
    @Override
    public byte[] keyCommitment() {
      return keyCommitment.clone();
    }

    @Override
    public LedgerRequestKind kind() {
      return LedgerRequestKind.ROTATE_EPOCH;
    }

    @Override
    public List<TypedData.Field> fields() {
      return List.of(field("model", "string"), field("epoch", "uint64"), field("threshold", "uint8"),
          field("keyCommitment", "bytes"));
    }

    @Override
    public Map<String, Object> values() {
      return ordered("model", id.toString(), "epoch", epoch, "threshold", threshold, "keyCommitment", keyCommitment.clone());
    }

    @Override
    public Optional<ModelId> model() {
      return Optional.of(id);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RotateEpoch r && id.equals(r.id) && epoch == r.epoch && threshold == r.threshold
          && Arrays.equals(keyCommitment, r.keyCommitment);
    }

    @Override
    public int hashCode() {
      return Objects.hash(id, epoch, threshold, Arrays.hashCode(keyCommitment));
    }

    @Override
    public String toString() {
      return "RotateEpoch[" + id + " to epoch " + epoch + ", threshold " + threshold + ", commitment "
          + Hex.encode(keyCommitment) + "]";
    }
  }

  /**
   * Rates a published version from 1 to 5, with the CID of the review's text; a reviewer's later
   * review of the same version replaces the earlier one.
   */
  record Review(ModelId id, Semver version, int rating, Cid textCid) implements LedgerAction {
    public Review {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(textCid, "textCid");
      if (rating < 1 || rating > 5) {
        throw AivmValidationException.of("rating", "range", rating, "a rating is from 1 to 5");
      }
    }

    @Override
    public LedgerRequestKind kind() {
      return LedgerRequestKind.REVIEW;
    }

    @Override
    public List<TypedData.Field> fields() {
      return List.of(field("model", "string"), field("version", "string"), field("rating", "uint8"),
          field("textCid", "string"));
    }

    @Override
    public Map<String, Object> values() {
      return ordered("model", id.toString(), "version", version.text(), "rating", rating, "textCid", textCid.value());
    }

    @Override
    public Optional<ModelId> model() {
      return Optional.of(id);
    }
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
