package ai.nesa.aivm.sdk.internal.models;

import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.internal.ledger.LedgerWriter;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.ReviewRecord;
import ai.nesa.aivm.sdk.models.NewReview;
import ai.nesa.aivm.sdk.storage.KernelStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * Posts reviews on the ledger as the client's wallet: stores a review's text when given as text,
 * then applies the {@code Review} request and reads the record back.
 */
public final class ReviewPoster {
  private final LedgerWriter writer;
  private final KernelStore store;

  /** A poster writing with {@code writer}; {@code store} keeps texts (null: only CIDs are taken). */
  public ReviewPoster(LedgerWriter writer, KernelStore store) {
    this.writer = writer;
    this.store = store;
  }

  ReviewRecord post(NewReview review) {
    Cid textCid = review.textCid().orElseGet(() -> store(review.text().orElseThrow()));
    writer.apply(new LedgerAction.Review(review.model(), review.version(), review.rating(), textCid));
    return writer.ledger().reviews(review.model()).stream()
        .filter(r -> r.version().equals(review.version()) && r.reviewer().equals(writer.address()))
        .reduce((first, second) -> second)
        .orElseThrow(() -> new IllegalStateException("the ledger applied the review of " + review.model() + " "
            + review.version().text() + " but does not show it"));
  }

  private Cid store(String text) {
    if (store == null) {
      throw new IllegalStateException("a review given as text is stored first, and this client has no store: build it "
          + "with store(...), or give the text's CID");
    }
    return store.put(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).cid();
  }
}
