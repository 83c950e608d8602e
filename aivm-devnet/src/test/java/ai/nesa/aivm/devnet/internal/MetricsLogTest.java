package ai.nesa.aivm.devnet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gateway's event ring: it holds its last events, a reader behind them is told of the gap
 * instead of holding memory, and ids of another gateway instance are recognised as such.
 */
class MetricsLogTest {
  private static MetricsLog log(int capacity, int events) {
    MetricsLog log = new MetricsLog(capacity, Clock.systemUTC(), RawJson.moshi().adapter(Object.class));
    for (int i = 0; i < events; i++) {
      log.append("version_published", Map.of("model", "acme/m", "version", "1.0." + i));
    }
    return log;
  }

  private static List<Long> sequences(MetricsLog.Batch b) {
    return b.entries().stream().map(MetricsLog.Entry::sequence).toList();
  }

  @Test
  void aReaderWithinTheRingReadsOnWithoutAGap() throws Exception {
    MetricsLog log = log(4, 10);
    MetricsLog.Batch b = log.read(7, 100, 0);
    assertFalse(b.gap());
    assertEquals(List.of(8L, 9L, 10L), sequences(b));
    assertEquals(10, b.position());
    assertEquals(List.of(), log.read(10, 100, 0).entries(), "nothing newer yet");
  }

  @Test
  void aReaderBehindTheRingIsToldOfTheGapAndGoesOnFromTheOldestHeld() throws Exception {
    MetricsLog log = log(4, 10);
    MetricsLog.Batch b = log.read(2, 100, 0);
    assertTrue(b.gap());
    assertEquals(List.of(7L, 8L, 9L, 10L), sequences(b), "the ring keeps the last four, no more");
    MetricsLog.Batch from = log.read(-1, 2, 0);
    assertTrue(from.gap(), "a position of another instance");
    assertEquals(List.of(7L, 8L), sequences(from));
  }

  @Test
  void idsAreOfThisInstanceOrAnotherAndNeverFromTheFuture() throws Exception {
    MetricsLog log = log(4, 3);
    String id = log.idOf(2);
    assertEquals(2, log.positionAfter(id));
    String otherInstance = (id.startsWith("00000000") ? "ffffffff" : "00000000") + "-1";
    assertEquals(-1, log.positionAfter(otherInstance), "an id from before a restart");
    assertThrows(IllegalArgumentException.class, () -> log.positionAfter(log.idOf(4)), "not given yet");
    assertThrows(IllegalArgumentException.class, () -> log.positionAfter("not-an-id"));
    MetricsLog empty = log(1, 0);
    assertEquals(0, empty.now());
    assertFalse(empty.read(empty.now(), 1, 0).gap(), "a new reader of a new log misses nothing");
  }
}
