package ai.nesa.aivm.sdk.internal.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.sdk.inference.BatchItem;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.inference.InferenceResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A batch's bookkeeping, with inferences that end when the test says. */
class BatchRunTest {

  private static List<InferenceInput> inputs(int n) {
    List<InferenceInput> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(InferenceInput.text("item " + i));
    }
    return out;
  }

  @Test
  void aLongBatchOfImmediateFailuresIsRecordedInOrderWithoutDeepRecursion() {
    List<BatchItem> items = BatchRun.start(inputs(100_000), 4, input -> {
      if (input.toString().length() % 2 == 0) {
        throw new AivmException("refused at once");
      }
      return CompletableFuture.failedFuture(new AivmException("failed at once"));
    }).join();
    assertEquals(100_000, items.size());
    for (int i = 0; i < items.size(); i++) {
      assertEquals(i, items.get(i).index());
      assertFalse(items.get(i).succeeded());
    }
  }

  @Test
  void noMoreThanTheConcurrencyRunAtOnceAndEachEndStartsTheNext() {
    List<CompletableFuture<InferenceResult>> started = new ArrayList<>();
    CompletableFuture<List<BatchItem>> batch = BatchRun.start(inputs(7), 3, input -> {
      CompletableFuture<InferenceResult> f = new CompletableFuture<>();
      started.add(f);
      return f;
    });
    assertEquals(3, started.size());
    started.get(1).completeExceptionally(new AivmException("no"));
    assertEquals(4, started.size());
    for (int i = 0; i < 7 && !batch.isDone(); i++) {
      new ArrayList<>(started).stream().filter(f -> !f.isDone()).findFirst()
          .ifPresent(f -> f.completeExceptionally(new AivmException("no")));
    }
    assertTrue(batch.isDone());
    assertEquals(7, started.size());
    assertEquals(7, batch.join().size());
  }

  @Test
  void cancellingTheBatchCancelsWhatIsRunning() {
    List<CompletableFuture<InferenceResult>> started = new ArrayList<>();
    CompletableFuture<List<BatchItem>> batch = BatchRun.start(inputs(5), 2, input -> {
      CompletableFuture<InferenceResult> f = new CompletableFuture<>();
      started.add(f);
      return f;
    });
    batch.cancel(true);
    assertTrue(started.stream().allMatch(CompletableFuture::isCancelled));
    assertEquals(2, started.size(), "nothing new starts after the cancel");
  }
}
