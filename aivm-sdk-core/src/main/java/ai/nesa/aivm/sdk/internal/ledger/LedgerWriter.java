package ai.nesa.aivm.sdk.internal.ledger;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.AivmTimeoutException;
import ai.nesa.aivm.sdk.Sleeper;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerError;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRejectedException;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Applies actions on a ledger as one wallet: signs each with the wallet's next nonce and a deadline
 * a few minutes ahead, submits it, and waits for a receipt that is still {@code ACCEPTED} to settle.
 * What the services that write ({@code kernels().register}, {@code models().review}) go through.
 *
 * <p>A {@code NONCE_MISMATCH} means the wallet's nonce moved between reading it and the ledger
 * applying the request (the same wallet used from elsewhere): the action is signed again with the
 * fresh nonce, up to {@value #ATTEMPTS} times in all. Any other refusal is a {@link
 * LedgerRejectedException}.
 *
 * <p>Thread-safe: one action at a time per writer, so the client's own requests never race for a
 * nonce.
 */
public final class LedgerWriter {
  static final int ATTEMPTS = 3;
  /** How far ahead a request's deadline is set. */
  static final Duration VALIDITY = Duration.ofMinutes(10);
  /** How long an accepted request is waited for. */
  static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration POLL = Duration.ofMillis(250);

  private final Ledger ledger;
  private final EthSigner wallet;
  private final Clock clock;
  private final Sleeper sleeper;

  public LedgerWriter(Ledger ledger, EthSigner wallet, Clock clock, Sleeper sleeper) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.wallet = Objects.requireNonNull(wallet, "wallet");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** The ledger written to. */
  public Ledger ledger() {
    return ledger;
  }

  /** The wallet's address: the signer of every request. */
  public Address address() {
    return wallet.address();
  }

  /**
   * Applies {@code action} and returns its {@code APPLIED} receipt.
   *
   * @throws LedgerRejectedException when the ledger refuses it
   * @throws AivmTimeoutException when an accepted request has not settled within five minutes (it
   *     may still apply)
   */
  public synchronized LedgerReceipt apply(LedgerAction action) {
    Objects.requireNonNull(action, "action");
    for (int attempt = 1; ; attempt++) {
      Instant deadline = clock.instant().plus(VALIDITY).truncatedTo(ChronoUnit.SECONDS);
      LedgerRequest request = LedgerRequest.sign(action, wallet, ledger.domain(), ledger.nextNonce(wallet.address()),
          deadline);
      LedgerReceipt receipt = settle(ledger.submit(request));
      if (receipt.status() == LedgerReceipt.Status.APPLIED) {
        return receipt;
      }
      boolean raced = receipt.error().map(LedgerError::code).orElse(null) == LedgerError.Code.NONCE_MISMATCH;
      if (!raced || attempt == ATTEMPTS) {
        throw new LedgerRejectedException(receipt);
      }
    }
  }

  /** An accepted receipt waited for until it settles. */
  private LedgerReceipt settle(LedgerReceipt receipt) {
    Instant deadline = clock.instant().plus(SETTLE_TIMEOUT);
    while (receipt.status() == LedgerReceipt.Status.ACCEPTED) {
      if (clock.instant().isAfter(deadline)) {
        throw new AivmTimeoutException("ledger request " + receipt.requestId() + " (" + receipt.kind().wireName()
            + ") was accepted but not applied within " + SETTLE_TIMEOUT + "; it may still apply");
      }
      try {
        sleeper.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AivmIoException("interrupted while waiting for ledger request " + receipt.requestId(), e);
      }
      String id = receipt.requestId();
      receipt = ledger.receipt(id).orElseThrow(() -> new AivmIoException("the ledger no longer knows request " + id));
    }
    return receipt;
  }

  @Override
  public String toString() {
    return "LedgerWriter[" + wallet.address() + " on " + ledger + "]";
  }
}
