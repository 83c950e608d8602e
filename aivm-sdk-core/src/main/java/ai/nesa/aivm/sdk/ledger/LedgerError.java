package ai.nesa.aivm.sdk.ledger;

import java.util.Objects;

/**
 * Why the ledger refused a request: a stable code (the gateway's error code) and a message that
 * names the field and value.
 *
 * @param code what kind of refusal
 * @param message what exactly, for a person
 * @since 0.1.0
 */
public record LedgerError(Code code, String message) {
  public LedgerError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /**
   * The refusals, with the gateway's error codes.
   *
   * @since 0.1.0
   */
  public enum Code {
    /** The signature does not recover to the signer (or is malformed). */
    INVALID_SIGNATURE("invalid_signature"),
    /** The nonce is not the signer's next one. */
    NONCE_MISMATCH("nonce_mismatch"),
    /** The deadline has passed. */
    DEADLINE_PASSED("deadline_passed"),
    /** The signer may not do this (not the model's owner, not the node's operator). */
    NOT_ALLOWED("not_allowed"),
    /** The model, version or node named does not exist. */
    NOT_FOUND("not_found"),
    /** It exists already (a model or version registered twice). */
    CONFLICT("conflict"),
    /** A value breaks a rule (a grant of a public model, a wrong epoch, a bad registration signature). */
    INVALID("invalid");

    private final String wireName;

    Code(String wireName) {
      this.wireName = wireName;
    }

    /** The gateway's code, such as {@code nonce_mismatch}. */
    public String wireName() {
      return wireName;
    }
  }
}
