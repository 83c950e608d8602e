package ai.nesa.aivm.sdk.internal.inference;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.sdk.inference.BatchItem;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.inference.InferenceResult;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One batch: {@code concurrency} chains, each starting the next input when its last one ends, so
 * at most that many run at once; every item recorded at its input's index; the batch completes when
 * the last item has. An item that fails at once (even by throwing instead of returning a future)
 * is recorded like any other and its chain goes on in a loop, not by recursion, so a long batch of
 * quick failures cannot overflow the stack. Cancelling the batch cancels the items in flight.
 */
final class BatchRun {
  private final List<InferenceInput> inputs;
  private final Function<InferenceInput, CompletableFuture<InferenceResult>> infer;
  private final BatchItem[] items;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger left;
  private final Set<CompletableFuture<InferenceResult>> running = ConcurrentHashMap.newKeySet();
  private final CompletableFuture<List<BatchItem>> done = new CompletableFuture<>();

  private BatchRun(List<InferenceInput> inputs, Function<InferenceInput, CompletableFuture<InferenceResult>> infer) {
    this.inputs = inputs;
    this.infer = infer;
    this.items = new BatchItem[inputs.size()];
    this.left = new AtomicInteger(inputs.size());
  }

  /** Runs {@code inputs} through {@code infer}, {@code concurrency} at a time. */
  static CompletableFuture<List<BatchItem>> start(List<InferenceInput> inputs, int concurrency,
      Function<InferenceInput, CompletableFuture<InferenceResult>> infer) {
    BatchRun run = new BatchRun(List.copyOf(inputs), infer);
    if (run.inputs.isEmpty()) {
      run.done.complete(List.of());
      return run.done;
    }
    run.done.whenComplete((v, e) -> {
      if (run.done.isCancelled()) {
        run.running.forEach(f -> f.cancel(true));
      }
    });
    for (int k = 0; k < Math.min(concurrency, run.inputs.size()); k++) {
      run.chain();
    }
    return run.done;
  }

  /** Starts inputs one after another until one is still running; its end continues the chain. */
  private void chain() {
    while (!done.isDone()) {
      int i = next.getAndIncrement();
      if (i >= inputs.size()) {
        return;
      }
      CompletableFuture<InferenceResult> item;
      try {
        item = infer.apply(inputs.get(i));
      } catch (RuntimeException e) {
        item = CompletableFuture.failedFuture(e);
      }
      if (!item.isDone()) {
        running.add(item);
        CompletableFuture<InferenceResult> inFlight = item;
        item.whenComplete((r, e) -> {
          running.remove(inFlight);
          record(i, r, e);
          chain();
        });
        return;
      }
      InferenceResult result = null;
      Throwable error = null;
      try {
        result = item.join();
      } catch (RuntimeException e) {
        error = e;
      }
      record(i, result, error);
    }
  }

  private void record(int i, InferenceResult result, Throwable error) {
    items[i] = error == null ? new BatchItem(i, inputs.get(i), result, null)
        : new BatchItem(i, inputs.get(i), null, asAivm(error));
    if (left.decrementAndGet() == 0) {
      done.complete(Arrays.asList(items));
    }
  }

  private static AivmException asAivm(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    return cause instanceof AivmException a ? a : new AivmException("the inference failed: " + cause, cause);
  }
}
