package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.AivmValidationException;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run one inference: its idempotency key, whether receipts are asked for, and whether the
 * client verifies the result. The defaults verify.
 *
 * <h2>Verification is on unless turned off by name</h2>
 * Every result is checked against its receipts before it is returned ({@link VerificationReport}).
 * {@link Builder#skipVerification()} is the only way to get a result unchecked, and its report then
 * says {@code verified == false}.
 *
 * @since 0.1.0
 */
public final class InferenceOptions {
  private static final InferenceOptions DEFAULTS = new Builder().build();

  private final String idempotencyKey;
  private final boolean verify;
  private final Boolean receiptsRequired;

  private InferenceOptions(Builder b) {
    this.idempotencyKey = b.idempotencyKey;
    this.verify = b.verify;
    this.receiptsRequired = b.receiptsRequired;
  }

  /** Verify, with a fresh idempotency key per call. */
  public static InferenceOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.idempotencyKey = idempotencyKey;
    b.verify = verify;
    b.receiptsRequired = receiptsRequired;
    return b;
  }

  /** The caller's idempotency key; a fresh one per call when empty. */
  public Optional<String> idempotencyKey() {
    return Optional.ofNullable(idempotencyKey);
  }

  /** Whether the client verifies the result. */
  public boolean verify() {
    return verify;
  }

  /** Overrides the deployment's receipts setting for this inference, when set. */
  public Optional<Boolean> receiptsRequired() {
    return Optional.ofNullable(receiptsRequired);
  }

  @Override
  public String toString() {
    return "InferenceOptions{verify=" + verify + (idempotencyKey == null ? "" : ", idempotencyKey set")
        + (receiptsRequired == null ? "" : ", receiptsRequired=" + receiptsRequired) + "}";
  }

  /**
   * Builds {@link InferenceOptions}.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private String idempotencyKey;
    private boolean verify = true;
    private Boolean receiptsRequired;

    private Builder() {}

    /**
     * The key that makes a repeated call return the first call's outcome instead of running
     * again: 1 to 255 printable ASCII characters. Retries always repeat the key.
     */
    public Builder idempotencyKey(String key) {
      Objects.requireNonNull(key, "key");
      if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
        throw AivmValidationException.of("idempotencyKey", "pattern", "1 to 255 printable ASCII characters");
      }
      this.idempotencyKey = key;
      return this;
    }

    /** Returns the result without checking its receipts. The report says it was not verified. */
    public Builder skipVerification() {
      this.verify = false;
      return this;
    }

    /** Asks for receipts, or not, whatever the deployment says. Without receipts, skip verification. */
    public Builder receiptsRequired(boolean required) {
      this.receiptsRequired = required;
      return this;
    }

    /**
     * @throws AivmValidationException when receipts are turned off but verification is not
     */
    public InferenceOptions build() {
      if (Boolean.FALSE.equals(receiptsRequired) && verify) {
        throw AivmValidationException.of("receiptsRequired", "verification", false,
            "a result without receipts cannot be verified: also call skipVerification()");
      }
      return new InferenceOptions(this);
    }
  }
}
