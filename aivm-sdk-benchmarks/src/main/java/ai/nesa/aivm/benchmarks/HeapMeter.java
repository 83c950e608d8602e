package ai.nesa.aivm.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures the heap over a stretch of work: the sum of the heap pools' peak use, and the most heap
 * still in use just after a collection.
 *
 * <p>The two say different things. Pool peaks include garbage the young generation had not yet
 * collected, and pools peak at different moments, so their sum is an upper bound that mostly
 * shows how large the collector let the young generation grow. The most heap left after a
 * collection is what the work really kept alive.
 */
public final class HeapMeter implements AutoCloseable {
  private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP)
      .toList();
  private final Set<String> heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName)
      .collect(Collectors.toSet());
  private final AtomicLong maxAfterGc = new AtomicLong();
  private final AtomicLong collections = new AtomicLong();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onGc;

  private HeapMeter() {
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
  }

  /** Starts measuring from now: pool peaks are reset. */
  public static HeapMeter start() {
    return new HeapMeter();
  }

  private void onGc(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long used = 0;
    for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPoolNames.contains(pool.getKey())) {
        used += pool.getValue().getUsed();
      }
    }
    maxAfterGc.accumulateAndGet(used, Math::max);
    collections.incrementAndGet();
  }

  /**
   * What was measured since {@link #start()}.
   *
   * @param peakPoolsSum the sum of every heap pool's peak use
   * @param peaksByPool each heap pool's name and peak, for the record
   * @param maxAfterGc the most heap in use right after any collection; 0 if none ran
   * @param collections how many collections were reported
   */
  public record Snapshot(long peakPoolsSum, String peaksByPool, long maxAfterGc, long collections) {}

  /** The figures so far; take it right after the work, before anything else allocates. */
  public Snapshot snapshot() {
    return new Snapshot(
        heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum(),
        heapPools.stream()
            .map(p -> p.getName() + " " + Mib.of(p.getPeakUsage().getUsed()))
            .collect(Collectors.joining(", ")),
        maxAfterGc.get(),
        collections.get());
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // already gone: nothing to undo
      }
    }
  }
}
