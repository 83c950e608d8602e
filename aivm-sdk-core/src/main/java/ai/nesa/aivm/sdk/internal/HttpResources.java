package ai.nesa.aivm.sdk.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;

/**
 * The connection pool and dispatcher threads that clients built from one another share; released
 * when the last client holding them closes.
 */
final class HttpResources {
  final ConnectionPool pool = new ConnectionPool(16, 5, TimeUnit.MINUTES);
  final Dispatcher dispatcher = new Dispatcher();
  private final AtomicInteger holders = new AtomicInteger();

  HttpResources() {
    dispatcher.setMaxRequests(128);
    dispatcher.setMaxRequestsPerHost(64);
  }

  /** Takes a share; false when the last holder already released them. */
  boolean retain() {
    while (true) {
      int n = holders.get();
      if (n < 0) {
        return false;
      }
      if (holders.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Gives a share back; the last one shuts the threads down and closes idle connections. */
  void release() {
    while (true) {
      int n = holders.get();
      if (n <= 0) {
        return;
      }
      if (holders.compareAndSet(n, n == 1 ? -1 : n - 1)) {
        if (n == 1) {
          dispatcher.executorService().shutdown();
          pool.evictAll();
        }
        return;
      }
    }
  }
}
