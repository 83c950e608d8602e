package ai.nesa.aivm.crypto;

import ai.nesa.aivm.AivmException;
import java.util.Objects;

/**
 * A cryptographic check failed, or input to a cryptographic operation is malformed. {@link
 * #check()} says which check; the message says where, and never contains key material or
 * plaintext.
 *
 * <p>No operation that throws this has released unauthenticated plaintext.
 *
 * @since 0.1.0
 */
public class CryptoException extends AivmException {
  private static final long serialVersionUID = 1L;

  /** The check that failed. */
  public enum Check {
    /** An AEAD tag did not verify: tampered, reordered or truncated data, or the wrong key. */
    AUTHENTICATION,
    /** The key does not match the ciphertext's key commitment: the wrong key. */
    KEY_COMMITMENT,
    /** The data ends before a complete structure: a cut-off stream or file. */
    TRUNCATED,
    /** Data goes on after the last chunk or the end of a structure. */
    TRAILING_DATA,
    /** A length, size, count or index is impossible for the format. */
    LENGTH,
    /** A key is not valid for its algorithm: wrong size, zero, or out of range. */
    INVALID_KEY,
    /** A public key's point is not on the curve, or is the point at infinity. */
    POINT_NOT_ON_CURVE,
    /** A signature is not of the expected form (length, encoding, recovery id). */
    SIGNATURE_MALFORMED,
    /** A signature's s is in the upper half of the curve order (EIP-2 forbids it). */
    SIGNATURE_HIGH_S,
    /** A signature does not verify for the message and key. */
    SIGNATURE_INVALID,
    /** A signature verifies but was made by another signer than the expected one. */
    SIGNER_MISMATCH,
    /** EIP-712 typed data that cannot be encoded: unknown type, missing field, bad value. */
    TYPED_DATA,
    /** A keystore's MAC does not match: a wrong password or a damaged file. */
    KEYSTORE_MAC,
    /** A keystore that is not valid Web3 Secret Storage v3, or uses unsupported parameters. */
    KEYSTORE_FORMAT,
    /** Fewer key shares than the threshold, or shares that do not belong together. */
    SHARES,
    /** Input not in the format the operation expects. */
    FORMAT
  }

  private final Check check;

  public CryptoException(Check check, String message) {
    super(check + ": " + message);
    this.check = Objects.requireNonNull(check, "check");
  }

  public CryptoException(Check check, String message, Throwable cause) {
    super(check + ": " + message, cause);
    this.check = Objects.requireNonNull(check, "check");
  }

  /** Which check failed. */
  public Check check() {
    return check;
  }
}
