package ai.nesa.aivm.sdk.internal.storage.local;

import ai.nesa.aivm.sdk.storage.CidHasher;
import ai.nesa.aivm.sdk.storage.ContentIds;
import ai.nesa.aivm.sdk.storage.FileCids;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hashes, on a thread of its own, the chunks the putting thread has written, so that hashing and
 * writing a put overlap on two cores. Chunks travel through a few reused 256 KiB buffers: memory
 * stays at {@value #DEPTH} buffers whatever the object's size.
 *
 * <p>The putting thread takes a {@link #buffer()}, fills and writes it, hands it over with {@link
 * #hash}, and ends with {@link #finish()}; {@link #close()} stops the hashing thread and waits
 * for it, so that nothing it owns (the hasher, its leaf listener) is used after the put. One
 * thread a put: starting it costs far less than hashing the smallest object.
 */
final class HashingPipeline implements AutoCloseable {
  static final int DEPTH = 4;
  private static final long POLL_MILLIS = 50;

  private record Chunk(byte[] bytes, int length) {}

  private static final Chunk END = new Chunk(new byte[0], 0);

  private final BlockingQueue<Chunk> toHash = new ArrayBlockingQueue<>(DEPTH + 1);
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(DEPTH);
  private final Thread thread;
  private volatile FileCids result;
  private volatile Throwable failure;

  HashingPipeline(CidHasher hasher, String threadName) {
    for (int i = 0; i < DEPTH; i++) {
      free.add(new byte[ContentIds.CHUNK_SIZE]);
    }
    this.thread = new Thread(() -> {
      try {
        for (Chunk c = toHash.take(); c != END; c = toHash.take()) {
          hasher.update(c.bytes(), 0, c.length());
          free.put(c.bytes());
        }
        result = hasher.finish();
      } catch (InterruptedException e) {
        failure = new InterruptedIOException("the put was stopped");
      } catch (Throwable t) {
        failure = t;
      }
    }, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /** A free buffer of 256 KiB, once the hashing thread has given one back. */
  byte[] buffer() throws IOException {
    try {
      while (true) {
        byte[] b = free.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (b != null) {
          return b;
        }
        failIfStopped();
      }
    } catch (InterruptedException e) {
      throw interrupted();
    }
  }

  /** Hands {@code length} bytes of {@code buffer} to the hashing thread; the buffer is its until given back. */
  void hash(byte[] buffer, int length) throws IOException {
    hand(new Chunk(buffer, length));
  }

  /** Waits for every chunk to be hashed and returns the CIDs. */
  FileCids finish() throws IOException {
    hand(END);
    try {
      thread.join();
    } catch (InterruptedException e) {
      throw interrupted();
    }
    if (failure != null) {
      throw failure(failure);
    }
    return result;
  }

  private void hand(Chunk chunk) throws IOException {
    try {
      while (!toHash.offer(chunk, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        failIfStopped();
      }
    } catch (InterruptedException e) {
      throw interrupted();
    }
  }

  /** Throws what stopped the hashing thread, if it stopped before being told to. */
  private void failIfStopped() throws IOException {
    if (!thread.isAlive()) {
      throw failure == null ? new IOException("the hashing thread ended before the content did") : failure(failure);
    }
  }

  private static IOException failure(Throwable cause) {
    if (cause instanceof UncheckedIOException u) {
      return u.getCause(); // from writing the leaf list inside the hasher's listener
    }
    if (cause instanceof IOException io) {
      return io;
    }
    if (cause instanceof RuntimeException r) {
      throw r;
    }
    if (cause instanceof Error e) {
      throw e;
    }
    return new IOException(cause);
  }

  private static InterruptedIOException interrupted() {
    Thread.currentThread().interrupt();
    return new InterruptedIOException("the put was interrupted");
  }

  /** Stops the hashing thread if it still runs, and waits until it has. */
  @Override
  public void close() {
    if (thread.isAlive()) {
      thread.interrupt();
    }
    joinUninterruptibly(thread);
  }

  /** Waits for {@code thread} to end, even if interrupted meanwhile; the interrupt is kept for the caller. */
  static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
