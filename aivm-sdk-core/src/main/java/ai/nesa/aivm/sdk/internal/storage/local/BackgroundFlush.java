package ai.nesa.aivm.sdk.internal.storage.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.Semaphore;

/**
 * Forces a file's written bytes to the disk on a thread of its own, every {@value #EVERY} bytes,
 * while the putting thread goes on writing: the disk works while the put hashes, and the final
 * {@code force} has only the tail left to do.
 *
 * <p>The thread is never interrupted (an interrupt during {@code force} would close the channel
 * the putting thread writes to); {@link #close()} tells it to stop and waits for the force in
 * progress, if any.
 */
final class BackgroundFlush implements AutoCloseable {
  static final long EVERY = 32L << 20;

  private final FileChannel channel;
  private final Semaphore due = new Semaphore(0);
  private final Thread thread;
  private volatile boolean stopping;
  private volatile IOException failure;
  private long unflushed;

  BackgroundFlush(FileChannel channel, String threadName) {
    this.channel = channel;
    this.thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (true) {
      due.acquireUninterruptibly();
      if (stopping) {
        return;
      }
      due.drainPermits();
      try {
        channel.force(false);
      } catch (IOException e) {
        failure = e;
        return;
      }
    }
  }

  /** Counts {@code n} more bytes written; asks for a force every {@value #EVERY} bytes. */
  void wrote(int n) throws IOException {
    IOException f = failure;
    if (f != null) {
      throw f;
    }
    unflushed += n;
    if (unflushed >= EVERY) {
      unflushed = 0;
      due.release();
    }
  }

  /** Stops the thread after the force in progress, if any. */
  @Override
  public void close() {
    stopping = true;
    due.release();
    HashingPipeline.joinUninterruptibly(thread);
  }
}
