package ai.nesa.aivm.chain.internal.ledger;

import ai.nesa.aivm.chain.internal.contracts.AivmLedger;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.EthPublicKey;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.Signature;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.models.Access;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Turns the AivmLedger contract's logs back into the {@link LedgerAction}s that made them, with
 * their signers.
 *
 * <p>The events carry every field of the action except, for the owner's actions on an existing
 * model, the model's name (a grant names only the model's key) and the signer (deprecate, grant,
 * revoke and rotate: only the owner may, so the signer is the owner at that point of the log). The
 * {@link Context} answers both from the records rebuilt so far; a transfer's signer is the event's
 * previous owner, everyone else's is in the event. A {@code Granted} followed in the same transaction
 * by a {@code GrantLimited} of the same model and node is one grant limited to a version.
 *
 * <p>A log whose values the SDK's types cannot hold (a model name that is not {@code org/model}, a
 * key that is not a curve point: only a direct call, which skips the SDK's checks, can make one) is
 * {@link Decoded#unreadable unreadable}, with the reason.
 */
final class LogDecoder {
  private enum Kind {
    MODEL_REGISTERED(AivmLedger.MODELREGISTERED_EVENT),
    VERSION_PUBLISHED(AivmLedger.VERSIONPUBLISHED_EVENT),
    VERSION_DEPRECATED(AivmLedger.VERSIONDEPRECATED_EVENT),
    OWNERSHIP_TRANSFERRED(AivmLedger.OWNERSHIPTRANSFERRED_EVENT),
    NODE_REGISTERED(AivmLedger.NODEREGISTERED_EVENT),
    GRANTED(AivmLedger.GRANTED_EVENT),
    GRANT_LIMITED(AivmLedger.GRANTLIMITED_EVENT),
    REVOKED(AivmLedger.REVOKED_EVENT),
    EPOCH_ROTATED(AivmLedger.EPOCHROTATED_EVENT),
    REVIEWED(AivmLedger.REVIEWED_EVENT);

    final String topic;

    Kind(Event event) {
      this.topic = EventEncoder.encode(event);
    }
  }

  private static final Map<String, Kind> BY_TOPIC =
      Arrays.stream(Kind.values()).collect(Collectors.toUnmodifiableMap(k -> k.topic, k -> k));

  /** What the decoder needs of the records rebuilt from the earlier logs. */
  interface Context {
    /** The model whose key (keccak-256 of its name) this is, if registered. */
    Optional<ModelId> modelByKey(Hash32 key);

    /** The model's owner now, if registered. */
    Optional<Address> ownerOf(ModelId model);
  }

  /**
   * One log decoded: the action and signer, or why it cannot be read; {@code consumedNext} when the
   * next log (a {@code GrantLimited}) was part of it.
   */
  record Decoded(Optional<LedgerAction> action, Address signer, String unreadable, boolean consumedNext) {
    static Decoded of(LedgerAction action, Address signer, boolean consumedNext) {
      return new Decoded(Optional.of(action), signer, null, consumedNext);
    }

    static Decoded unreadable(String why) {
      return new Decoded(Optional.empty(), null, why, false);
    }

    /** A log of no interest (another contract's, or a {@code GrantLimited} read with its grant). */
    static Decoded none() {
      return new Decoded(Optional.empty(), null, null, false);
    }
  }

  private LogDecoder() {}

  /**
   * Decodes {@code log}; {@code next} is the log after it in the same block, or null.
   *
   * <p>Never throws for what the log holds: a value the SDK cannot hold makes it unreadable.
   */
  static Decoded decode(Log log, Log next, Context context) {
    Kind kind = log.getTopics().isEmpty() ? null : BY_TOPIC.get(log.getTopics().get(0));
    if (kind == null) {
      return Decoded.none();
    }
    try {
      return decode(kind, log, next, context);
    } catch (RuntimeException e) {
      // A value outside the SDK's types (AivmValidationException), or a log whose data does not decode.
      return Decoded.unreadable(kind.name().toLowerCase(Locale.ROOT) + ": " + e.getMessage());
    }
  }

  private static Decoded decode(Kind kind, Log log, Log next, Context context) {
    switch (kind) {
      case MODEL_REGISTERED: {
        var e = AivmLedger.getModelRegisteredEventFromLog(log);
        return Decoded.of(new LedgerAction.RegisterModel(ModelId.of(e.model), e.isPrivate ? Access.PRIVATE : Access.PUBLIC),
            Address.of(e.owner), false);
      }
      case VERSION_PUBLISHED: {
        var e = AivmLedger.getVersionPublishedEventFromLog(log);
        return Decoded.of(new LedgerAction.PublishVersion(ModelId.of(e.model), Semver.of(e.version), Cid.of(e.manifestCid),
            Hash32.fromBytes(e.manifestHash)), Address.of(e.publisher), false);
      }
      case VERSION_DEPRECATED: {
        var e = AivmLedger.getVersionDeprecatedEventFromLog(log);
        ModelId model = ModelId.of(e.model);
        return byOwner(new LedgerAction.DeprecateVersion(model, Semver.of(e.version), e.reason), model, context);
      }
      case OWNERSHIP_TRANSFERRED: {
        var e = AivmLedger.getOwnershipTransferredEventFromLog(log);
        return Decoded.of(new LedgerAction.TransferOwnership(ModelId.of(e.model), Address.of(e.newOwner)),
            Address.of(e.previousOwner), false);
      }
      case NODE_REGISTERED: {
        var e = AivmLedger.getNodeRegisteredEventFromLog(log);
        Address node = Address.of(e.node);
        return Decoded.of(new LedgerAction.RegisterNode(node, EthPublicKey.fromBytes(e.encryptionPublicKey), e.endpoint,
            Signature.fromBytes(e.registrationSignature)), node, false);
      }
      case GRANTED:
        return grant(log, next, context);
      case GRANT_LIMITED:
        return Decoded.unreadable("a GrantLimited with no Granted of the same model and node before it");
      case REVOKED: {
        var e = AivmLedger.getRevokedEventFromLog(log);
        ModelId model = ModelId.of(e.model);
        return byOwner(new LedgerAction.Revoke(model, Address.of(e.node)), model, context);
      }
      case EPOCH_ROTATED: {
        var e = AivmLedger.getEpochRotatedEventFromLog(log);
        ModelId model = ModelId.of(e.model);
        return byOwner(new LedgerAction.RotateEpoch(model, e.epoch.longValueExact(), e.threshold.intValueExact(),
            e.keyCommitment), model, context);
      }
      case REVIEWED: {
        var e = AivmLedger.getReviewedEventFromLog(log);
        return Decoded.of(new LedgerAction.Review(ModelId.of(e.model), Semver.of(e.version), e.rating.intValueExact(),
            Cid.of(e.textCid)), Address.of(e.reviewer), false);
      }
      default:
        throw new IllegalStateException("no decoder for " + kind);
    }
  }

  private static Decoded grant(Log log, Log next, Context context) {
    var e = AivmLedger.getGrantedEventFromLog(log);
    Hash32 modelKey = Hash32.fromBytes(e.modelKey);
    Optional<ModelId> model = context.modelByKey(modelKey);
    if (model.isEmpty()) {
      return Decoded.unreadable("a grant of model key " + modelKey + ", which no readable registration names");
    }
    Address node = Address.of(e.node);
    Optional<Semver> version = Optional.empty();
    boolean limited = next != null && BY_TOPIC.get(next.getTopics().get(0)) == Kind.GRANT_LIMITED
        && next.getTransactionHash().equals(log.getTransactionHash());
    if (limited) {
      var l = AivmLedger.getGrantLimitedEventFromLog(next);
      limited = Hex.encode(l.modelKey).equals(modelKey.hex()) && Address.of(l.node).equals(node);
      if (limited) {
        version = Optional.of(Semver.of(l.version));
      }
    }
    Decoded owner = byOwner(new LedgerAction.Grant(model.get(), node, e.epoch.longValueExact(), e.wrappedKey, version),
        model.get(), context);
    return new Decoded(owner.action(), owner.signer(), owner.unreadable(), limited);
  }

  private static Decoded byOwner(LedgerAction action, ModelId model, Context context) {
    return context.ownerOf(model)
        .map(owner -> Decoded.of(action, owner, false))
        .orElseGet(() -> Decoded.unreadable(action.kind().wireName() + " of " + model + ", which no readable registration names"));
  }
}
