package ai.nesa.aivm.chain.internal.ledger;

import ai.nesa.aivm.chain.internal.tx.SentTransaction;
import ai.nesa.aivm.sdk.ledger.LedgerError;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.ledger.LedgerRequestKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The requests a ledger answered, by request id: those still waiting for their transaction (every
 * transaction sent under its nonce, the first and its replacements) and the settled ones. Settled
 * receipts are kept up to a bound, oldest dropped first; waiting ones until they settle.
 *
 * <p>Thread-safe.
 */
public final class Submissions {
  /** A request whose transaction was sent: what it asked and every transaction sent for it. */
  public static final class Pending {
    private final String requestId;
    private final LedgerRequest request;
    private final List<SentTransaction> sent = new ArrayList<>();

    Pending(String requestId, LedgerRequest request, SentTransaction first) {
      this.requestId = requestId;
      this.request = request;
      this.sent.add(first);
    }

    public String requestId() {
      return requestId;
    }

    public LedgerRequest request() {
      return request;
    }

    /** Every transaction sent under the request's nonce, in order. */
    public synchronized List<SentTransaction> sent() {
      return List.copyOf(sent);
    }

    /** Records a replacement. */
    public synchronized void replacedBy(SentTransaction replacement) {
      sent.add(replacement);
    }

    /** The receipt while the transaction is not mined (or not confirmed). */
    public LedgerReceipt accepted() {
      return new LedgerReceipt(requestId, request.kind(), LedgerReceipt.Status.ACCEPTED, OptionalLong.empty(),
          Optional.empty());
    }
  }

  private final int maxSettled;
  private long rejectedCount;
  private final Map<String, Pending> pending = new HashMap<>();
  private final LinkedHashMap<String, LedgerReceipt> settled;

  /** Keeps up to {@code maxSettled} settled receipts. */
  public Submissions(int maxSettled) {
    this.maxSettled = maxSettled;
    this.settled = new LinkedHashMap<>(16, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, LedgerReceipt> eldest) {
        return size() > Submissions.this.maxSettled;
      }
    };
  }

  /**
   * Records a request whose transaction was sent; its id is the transaction's hash without {@code
   * 0x} (64 hex digits, which a gateway's resource ids can carry).
   */
  public synchronized Pending sent(LedgerRequest request, SentTransaction first) {
    String id = first.hash().substring(2);
    Pending p = new Pending(id, request, first);
    pending.put(id, p);
    return p;
  }

  /** Records a request refused before anything was sent, under a new id {@code rejected-N}. */
  public synchronized LedgerReceipt rejectedUnsent(LedgerRequestKind kind, LedgerError error) {
    LedgerReceipt receipt = LedgerReceipt.rejected("rejected-" + ++rejectedCount, kind, error);
    settled.put(receipt.requestId(), receipt);
    return receipt;
  }

  /** Settles a pending request with its final receipt. */
  public synchronized LedgerReceipt settle(Pending p, LedgerReceipt receipt) {
    pending.remove(p.requestId());
    settled.put(p.requestId(), receipt);
    return receipt;
  }

  /** The settled receipt of {@code requestId}, if settled and still kept. */
  public synchronized Optional<LedgerReceipt> settled(String requestId) {
    return Optional.ofNullable(settled.get(requestId));
  }

  /** The pending request of {@code requestId}, if it is waiting. */
  public synchronized Optional<Pending> pending(String requestId) {
    return Optional.ofNullable(pending.get(requestId));
  }
}
