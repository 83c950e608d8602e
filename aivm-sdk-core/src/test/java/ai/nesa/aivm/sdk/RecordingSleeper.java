package ai.nesa.aivm.sdk;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sleeper that never sleeps and remembers every wait it was asked for. */
public final class RecordingSleeper implements Sleeper {
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration duration) {
    waits.add(duration);
  }

  @Override
  public CompletableFuture<Void> sleepAsync(Duration duration) {
    waits.add(duration);
    return CompletableFuture.completedFuture(null);
  }

  public List<Duration> waits() {
    return List.copyOf(waits);
  }
}
