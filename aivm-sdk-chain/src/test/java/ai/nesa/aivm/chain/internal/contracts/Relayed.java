package ai.nesa.aivm.chain.internal.contracts;

import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import java.math.BigInteger;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * An SDK {@link LedgerRequest} as the contract's relayed call: the action's struct, field for field,
 * and the {@code Auth} carrying the request's signer, nonce, deadline and signature. The structs
 * are public so a test can send a request with one field changed.
 */
final class Relayed {
  private Relayed() {}

  /** The relayed call that applies {@code request} on {@code ledger}. */
  static RemoteFunctionCall<TransactionReceipt> call(AivmLedger ledger, LedgerRequest request) {
    AivmLedger.Auth auth = auth(request);
    LedgerAction action = request.action();
    if (action instanceof LedgerAction.RegisterModel a) {
      return ledger.registerModel(struct(a), auth);
    } else if (action instanceof LedgerAction.PublishVersion a) {
      return ledger.publishVersion(struct(a), auth);
    } else if (action instanceof LedgerAction.DeprecateVersion a) {
      return ledger.deprecateVersion(struct(a), auth);
    } else if (action instanceof LedgerAction.TransferOwnership a) {
      return ledger.transferOwnership(struct(a), auth);
    } else if (action instanceof LedgerAction.RegisterNode a) {
      return ledger.registerNode(struct(a), auth);
    } else if (action instanceof LedgerAction.Grant a) {
      return ledger.grant(struct(a), auth);
    } else if (action instanceof LedgerAction.Revoke a) {
      return ledger.revoke(struct(a), auth);
    } else if (action instanceof LedgerAction.RotateEpoch a) {
      return ledger.rotateEpoch(struct(a), auth);
    } else if (action instanceof LedgerAction.Review a) {
      return ledger.review(struct(a), auth);
    }
    throw new IllegalArgumentException("no relayed call for " + action);
  }

  static AivmLedger.Auth auth(LedgerRequest request) {
    return new AivmLedger.Auth(request.signer().hex(), BigInteger.valueOf(request.nonce()),
        BigInteger.valueOf(request.deadline().getEpochSecond()), request.signature().toBytes());
  }

  static AivmLedger.RegisterModelRequest struct(LedgerAction.RegisterModel a) {
    return new AivmLedger.RegisterModelRequest(a.id().toString(), a.access().wireName());
  }

  static AivmLedger.PublishVersionRequest struct(LedgerAction.PublishVersion a) {
    return new AivmLedger.PublishVersionRequest(a.id().toString(), a.version().text(), a.manifestCid().value(),
        a.manifestHash().bytes());
  }

  static AivmLedger.DeprecateVersionRequest struct(LedgerAction.DeprecateVersion a) {
    return new AivmLedger.DeprecateVersionRequest(a.id().toString(), a.version().text(), a.reason());
  }

  static AivmLedger.TransferOwnershipRequest struct(LedgerAction.TransferOwnership a) {
    return new AivmLedger.TransferOwnershipRequest(a.id().toString(), a.newOwner().hex());
  }

  static AivmLedger.RegisterNodeRequest struct(LedgerAction.RegisterNode a) {
    return new AivmLedger.RegisterNodeRequest(a.node().hex(), a.encryptionPublicKey().uncompressed(), a.endpoint(),
        a.registrationSignature().toBytes());
  }

  static AivmLedger.GrantRequest struct(LedgerAction.Grant a) {
    return new AivmLedger.GrantRequest(a.id().toString(), a.node().hex(), BigInteger.valueOf(a.epoch()), a.wrappedKey(),
        a.version().map(Semver::text).orElse(""));
  }

  static AivmLedger.RevokeRequest struct(LedgerAction.Revoke a) {
    return new AivmLedger.RevokeRequest(a.id().toString(), a.node().hex());
  }

  static AivmLedger.RotateEpochRequest struct(LedgerAction.RotateEpoch a) {
    return new AivmLedger.RotateEpochRequest(a.id().toString(), BigInteger.valueOf(a.epoch()),
        BigInteger.valueOf(a.threshold()), a.keyCommitment());
  }

  static AivmLedger.ReviewRequest struct(LedgerAction.Review a) {
    return new AivmLedger.ReviewRequest(a.id().toString(), a.version().text(), BigInteger.valueOf(a.rating()),
        a.textCid().value());
  }
}
