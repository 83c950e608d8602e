package ai.nesa.aivm.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Calls a fresh {@link CatalogServer} for a while before anything is measured, so that its JVM has
 * compiled the serving path.
 *
 * <p>JMH runs the benchmarks one after another in name order; without this, the first of them
 * ({@code raw}) would meet a colder server than the ones after it.
 */
final class ServerWarmup {
  private ServerWarmup() {}

  /** Requests the benchmark's page for {@code duration}; returns how many requests were made. */
  static long run(URI gateway, Duration duration) throws IOException {
    long deadline = System.nanoTime() + duration.toNanos();
    long calls = 0;
    try (RawCatalogClient client = new RawCatalogClient(gateway)) {
      while (System.nanoTime() < deadline) {
        client.list(CatalogListBenchmark.TASK.value(), CatalogListBenchmark.PAGE_SIZE);
        calls++;
      }
    }
    return calls;
  }
}
