package ai.nesa.aivm.sdk.internal.storage.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.sdk.storage.CidHasher;
import ai.nesa.aivm.sdk.storage.ContentIds;
import ai.nesa.aivm.sdk.storage.FileCids;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashingPipelineTest {
  private static final Duration NO_HANG = Duration.ofSeconds(20);

  @Test
  void chunksHashedOnTheOtherThreadGiveTheCidsOfTheWhole() throws Exception {
    byte[] content = new byte[3 * ContentIds.CHUNK_SIZE + 12_345];
    new Random(5).nextBytes(content);
    FileCids cids;
    try (HashingPipeline p = new HashingPipeline(ContentIds.v1Only().newHasher(), "test-hash")) {
      for (int off = 0; off < content.length; off += ContentIds.CHUNK_SIZE) {
        byte[] b = p.buffer();
        int n = Math.min(b.length, content.length - off);
        System.arraycopy(content, off, b, 0, n);
        p.hash(b, n);
      }
      cids = p.finish();
    }
    assertEquals(ContentIds.v1Only().of(content), cids);
  }

  @Test
  void aFailingHasherFailsThePutInsteadOfHangingIt() {
    IOException disk = new IOException("disk full (injected)");
    assertTimeoutPreemptively(NO_HANG, () -> {
      try (HashingPipeline p = new HashingPipeline(failingHasher(new UncheckedIOException(disk)), "test-hash")) {
        IOException e = assertThrows(IOException.class, () -> {
          for (int i = 0; i < 100; i++) { // more chunks than the pipeline holds: it must notice the failure
            p.hash(p.buffer(), ContentIds.CHUNK_SIZE);
          }
        });
        assertSame(disk, e);
      }
    });
  }

  @Test
  void closingAPipelineThatNeverFinishedStopsItsThread() {
    assertTimeoutPreemptively(NO_HANG, () -> {
      HashingPipeline p = new HashingPipeline(ContentIds.v1Only().newHasher(), "test-hash-abandoned");
      p.hash(p.buffer(), 10);
      p.close();
      assertFalse(Thread.getAllStackTraces().keySet().stream()
          .anyMatch(t -> t.getName().equals("test-hash-abandoned") && t.isAlive()));
    });
  }

  @Test
  void anInterruptedPutThreadGetsAnInterruptedIoExceptionAndKeepsItsFlag() {
    assertTimeoutPreemptively(NO_HANG, () -> {
      try (HashingPipeline p = new HashingPipeline(blockingHasher(), "test-hash-blocked")) {
        p.hash(p.buffer(), 1); // the hasher blocks on this one and never gives buffers back
        Thread.currentThread().interrupt();
        assertThrows(InterruptedIOException.class, () -> {
          for (int i = 0; i < 10; i++) {
            p.hash(p.buffer(), 1);
          }
        });
        assertTrue(Thread.interrupted(), "the interrupt flag is kept (and cleared here)");
      }
    });
  }

  private static CidHasher failingHasher(RuntimeException failure) {
    return new CidHasher() {
      @Override
      public void update(byte[] bytes, int offset, int length) {
        throw failure;
      }

      @Override
      public void update(ByteBuffer bytes) {
        throw failure;
      }

      @Override
      public FileCids finish() {
        throw failure;
      }
    };
  }

  private static CidHasher blockingHasher() {
    return new CidHasher() {
      @Override
      public void update(byte[] bytes, int offset, int length) {
        try {
          Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("stopped");
        }
      }

      @Override
      public void update(ByteBuffer bytes) {
        update(new byte[0], 0, 0);
      }

      @Override
      public FileCids finish() {
        throw new IllegalStateException("never");
      }
    };
  }
}
