package ai.nesa.aivm.sdk.internal.kernels.upload;

import ai.nesa.aivm.sdk.storage.CidHasher;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * A file's bytes on their way to the store: counted, reported to the progress callback every
 * interval, optionally hashed, and stopped when the thread is interrupted.
 */
final class ProgressStream extends FilterInputStream {
  /** Told the file's byte count so far. */
  interface Callback {
    void progress(long fileBytes);
  }

  private final CidHasher hasher;
  private final long interval;
  private final Callback callback;
  private long count;
  private long nextReport;

  ProgressStream(InputStream in, CidHasher hasher, long interval, Callback callback) {
    super(in);
    this.hasher = hasher;
    this.interval = interval;
    this.callback = callback;
    this.nextReport = interval;
  }

  long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("the upload was cancelled");
    }
    int n = in.read(b, off, len);
    if (n > 0) {
      if (hasher != null) {
        hasher.update(b, off, n);
      }
      count += n;
      if (count >= nextReport) {
        nextReport = count + interval;
        callback.progress(count);
      }
    }
    return n;
  }

  @Override
  public long skip(long n) {
    return 0; // every byte must be counted and hashed: callers read instead
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void mark(int readlimit) {}

  @Override
  public void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }
}
