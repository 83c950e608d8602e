package ai.nesa.aivm.chain.internal.contracts;

import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import java.math.BigInteger;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The SDK's ledger requests and actions as calls of the AivmLedger contract: a {@link
 * LedgerRequest} as the relayed call (the action's struct, field for field, and the {@code Auth}
 * carrying the request's signer, nonce, deadline and signature), a {@link LedgerAction} as the
 * direct call the sender makes for itself. The structs are public so a test can send a request with
 * one field changed.
 */
public final class ContractCalls {
  private ContractCalls() {}

  /** The relayed call that applies {@code request} on {@code ledger}. */
  public static RemoteFunctionCall<TransactionReceipt> relayed(AivmLedger ledger, LedgerRequest request) {
    return call(ledger, request.action(), auth(request));
  }

  /** The direct call that applies {@code action} for the transaction's sender. */
  public static RemoteFunctionCall<TransactionReceipt> direct(AivmLedger ledger, LedgerAction action) {
    return call(ledger, action, null);
  }

  /** The action's call: relayed with {@code auth}, direct without. */
  private static RemoteFunctionCall<TransactionReceipt> call(AivmLedger ledger, LedgerAction action,
      AivmLedger.Auth auth) {
    if (action instanceof LedgerAction.RegisterModel a) {
      return auth == null ? ledger.registerModel(struct(a)) : ledger.registerModel(struct(a), auth);
    } else if (action instanceof LedgerAction.PublishVersion a) {
      return auth == null ? ledger.publishVersion(struct(a)) : ledger.publishVersion(struct(a), auth);
    } else if (action instanceof LedgerAction.DeprecateVersion a) {
      return auth == null ? ledger.deprecateVersion(struct(a)) : ledger.deprecateVersion(struct(a), auth);
    } else if (action instanceof LedgerAction.TransferOwnership a) {
      return auth == null ? ledger.transferOwnership(struct(a)) : ledger.transferOwnership(struct(a), auth);
    } else if (action instanceof LedgerAction.RegisterNode a) {
      return auth == null ? ledger.registerNode(struct(a)) : ledger.registerNode(struct(a), auth);
    } else if (action instanceof LedgerAction.Grant a) {
      return auth == null ? ledger.grant(struct(a)) : ledger.grant(struct(a), auth);
    } else if (action instanceof LedgerAction.Revoke a) {
      return auth == null ? ledger.revoke(struct(a)) : ledger.revoke(struct(a), auth);
    } else if (action instanceof LedgerAction.RotateEpoch a) {
      return auth == null ? ledger.rotateEpoch(struct(a)) : ledger.rotateEpoch(struct(a), auth);
    } else if (action instanceof LedgerAction.Review a) {
      return auth == null ? ledger.review(struct(a)) : ledger.review(struct(a), auth);
    }
    throw new IllegalArgumentException("no contract call for " + action);
  }

  /** The request's signer, nonce, deadline (Unix seconds) and signature as the contract's {@code Auth}. */
  public static AivmLedger.Auth auth(LedgerRequest request) {
    return new AivmLedger.Auth(request.signer().hex(), BigInteger.valueOf(request.nonce()),
        BigInteger.valueOf(request.deadline().getEpochSecond()), request.signature().toBytes());
  }

  public static AivmLedger.RegisterModelRequest struct(LedgerAction.RegisterModel a) {
    return new AivmLedger.RegisterModelRequest(a.id().toString(), a.access().wireName());
  }

  public static AivmLedger.PublishVersionRequest struct(LedgerAction.PublishVersion a) {
    return new AivmLedger.PublishVersionRequest(a.id().toString(), a.version().text(), a.manifestCid().value(),
        a.manifestHash().bytes());
  }

  public static AivmLedger.DeprecateVersionRequest struct(LedgerAction.DeprecateVersion a) {
    return new AivmLedger.DeprecateVersionRequest(a.id().toString(), a.version().text(), a.reason());
  }

  public static AivmLedger.TransferOwnershipRequest struct(LedgerAction.TransferOwnership a) {
    return new AivmLedger.TransferOwnershipRequest(a.id().toString(), a.newOwner().hex());
  }

  public static AivmLedger.RegisterNodeRequest struct(LedgerAction.RegisterNode a) {
    return new AivmLedger.RegisterNodeRequest(a.node().hex(), a.encryptionPublicKey().uncompressed(), a.endpoint(),
        a.registrationSignature().toBytes());
  }

  public static AivmLedger.GrantRequest struct(LedgerAction.Grant a) {
    return new AivmLedger.GrantRequest(a.id().toString(), a.node().hex(), BigInteger.valueOf(a.epoch()), a.wrappedKey(),
        a.version().map(Semver::text).orElse(""));
  }

  public static AivmLedger.RevokeRequest struct(LedgerAction.Revoke a) {
    return new AivmLedger.RevokeRequest(a.id().toString(), a.node().hex());
  }

  public static AivmLedger.RotateEpochRequest struct(LedgerAction.RotateEpoch a) {
    return new AivmLedger.RotateEpochRequest(a.id().toString(), BigInteger.valueOf(a.epoch()),
        BigInteger.valueOf(a.threshold()), a.keyCommitment());
  }

  public static AivmLedger.ReviewRequest struct(LedgerAction.Review a) {
    return new AivmLedger.ReviewRequest(a.id().toString(), a.version().text(), BigInteger.valueOf(a.rating()),
        a.textCid().value());
  }
}
