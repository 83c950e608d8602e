package ai.nesa.aivm.sdk.ledger;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What became of a submitted request.
 *
 * @param requestId the id the ledger gave the request
 * @param kind the request's kind
 * @param status applied, rejected or (on a ledger that applies later) accepted
 * @param eventSequence the {@link LedgerEvent#sequence()} of the change, once applied
 * @param error why it was rejected
 * @since 0.1.0
 */
public record LedgerReceipt(String requestId, LedgerRequestKind kind, Status status, OptionalLong eventSequence,
    Optional<LedgerError> error) {
  public LedgerReceipt {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(eventSequence, "eventSequence");
    Objects.requireNonNull(error, "error");
    if ((status == Status.APPLIED) != eventSequence.isPresent() || (status == Status.REJECTED) != error.isPresent()) {
      throw new IllegalArgumentException("an applied receipt has an event and a rejected one an error: " + status);
    }
  }

  /** An applied request's receipt. */
  public static LedgerReceipt applied(String requestId, LedgerRequestKind kind, long eventSequence) {
    return new LedgerReceipt(requestId, kind, Status.APPLIED, OptionalLong.of(eventSequence), Optional.empty());
  }

  /** A rejected request's receipt. */
  public static LedgerReceipt rejected(String requestId, LedgerRequestKind kind, LedgerError error) {
    return new LedgerReceipt(requestId, kind, Status.REJECTED, OptionalLong.empty(), Optional.of(error));
  }

  /**
   * A receipt's status; the gateway's {@code accepted}, {@code applied}, {@code rejected}.
   *
   * @since 0.1.0
   */
  public enum Status {
    ACCEPTED,
    APPLIED,
    REJECTED
  }
}
