package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.crypto.Address;
import java.util.Objects;
import java.util.Optional;

/**
 * One check of a result that failed.
 *
 * @param node the node whose receipt failed it; null for a check of the whole result
 * @param check which check
 * @param message what was wrong
 * @since 0.1.0
 */
public record VerificationFailure(Address node, Check check, String message) {
  /** The checks a result goes through. */
  public enum Check {
    /** The result carries no receipts though verification was asked for. */
    RECEIPTS_PRESENT,
    /** The receipt names the result's inference, model and version. */
    RECEIPT_FIELDS,
    /** The receipt's input hash is the hash of the input the client sent. */
    INPUT_HASH,
    /** The receipt's manifest hash is the one the ledger records for the version. */
    MANIFEST_HASH,
    /** The signature is the node's, low-s, in the ledger's domain. */
    SIGNATURE,
    /** The signer is a node registered on the ledger. */
    NODE_REGISTERED,
    /** The signer is one of the deployment's nodes. */
    NODE_IN_DEPLOYMENT,
    /** The signer holds a grant of the (private) model. */
    NODE_AUTHORIZED,
    /** One receipt per node. */
    UNIQUE_NODE,
    /** Enough valid receipts bind the returned output. */
    CONSENSUS
  }

  public VerificationFailure {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(message, "message");
  }

  public Optional<Address> signer() {
    return Optional.ofNullable(node);
  }

  @Override
  public String toString() {
    return check + (node == null ? "" : " " + node) + ": " + message;
  }
}
