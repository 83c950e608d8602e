package ai.nesa.aivm.benchmarks.inference;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;

/** The stream benchmarks' baseline: one okhttp-sse event source read to its end, counting events. */
public final class RawSse {
  /** What the baseline does with each event besides counting it; false when the event was wrong. */
  @FunctionalInterface
  public interface OnEvent {
    boolean accept(String type, String data);
  }

  private RawSse() {}

  /**
   * Reads {@code request}'s stream with okhttp-sse until it closes, giving each event to {@code
   * onEvent}; how many events there were, or -1 when {@code onEvent} found one wrong.
   *
   * @throws IOException when the stream fails or does not end within two minutes
   */
  public static long count(EventSource.Factory factory, Request request, OnEvent onEvent)
      throws InterruptedException, IOException {
    AtomicLong count = new AtomicLong();
    CountDownLatch closed = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    factory.newEventSource(request, new EventSourceListener() {
      private long n;
      private boolean right = true;

      @Override
      public void onEvent(EventSource source, String id, String type, String data) {
        n++;
        right &= onEvent.accept(type, data);
      }

      @Override
      public void onClosed(EventSource source) {
        count.set(right ? n : -1);
        closed.countDown();
      }

      @Override
      public void onFailure(EventSource source, Throwable t, Response response) {
        failure.set(t != null ? t : new IOException("answered " + (response == null ? "nothing" : response.code())));
        closed.countDown();
      }
    });
    if (!closed.await(120, TimeUnit.SECONDS)) {
      throw new IOException("the raw stream did not end in 120 s");
    }
    if (failure.get() != null) {
      throw new IOException("the raw stream failed: " + failure.get(), failure.get());
    }
    return count.get();
  }
}
