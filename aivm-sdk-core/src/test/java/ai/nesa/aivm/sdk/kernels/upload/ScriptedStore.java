package ai.nesa.aivm.sdk.kernels.upload;

import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.storage.KernelStore;
import ai.nesa.aivm.sdk.storage.StoredObject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.IntFunction;

/**
 * A store of the caller's kind over a real one, for fault injection: each put can be given a
 * behaviour (fail after some bytes, store other bytes, report another CID), and puts are recorded.
 */
final class ScriptedStore implements KernelStore {
  /** What the n-th put (from 0) does. */
  enum Fault {
    NONE,
    /** Reads 100,000 bytes of the content, then fails as a broken connection would. */
    FAIL_MIDWAY,
    /** Stores the content with its first byte flipped. */
    CORRUPT,
    /** Stores the content but reports the CID of an empty object. */
    LIE_ABOUT_CID
  }

  final KernelStore delegate;
  final List<Cid> puts = new ArrayList<>();
  /** Bytes asked for by opens: the whole object's size, or the range's length. */
  volatile long bytesOpened;
  private final IntFunction<Fault> script;
  private int count;

  ScriptedStore(KernelStore delegate, IntFunction<Fault> script) {
    this.delegate = delegate;
    this.script = script;
  }

  synchronized int putCount() {
    return count;
  }

  @Override
  public StoredObject put(InputStream content) {
    return put(content, null);
  }

  @Override
  public StoredObject put(InputStream content, Cid expected) {
    Fault fault;
    synchronized (this) {
      fault = script.apply(count++);
    }
    InputStream in = switch (fault) {
      case FAIL_MIDWAY -> new FilterInputStream(content) {
        long n;

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          if (n >= 100_000) {
            throw new IOException("connection reset (injected)");
          }
          int r = super.read(b, off, (int) Math.min(len, 100_000 - n));
          n += Math.max(r, 0);
          return r;
        }
      };
      case CORRUPT -> new FilterInputStream(content) {
        boolean first = true;

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int r = super.read(b, off, len);
          if (r > 0 && first) {
            b[off] ^= 1;
            first = false;
          }
          return r;
        }
      };
      default -> content;
    };
    StoredObject stored = fault == Fault.CORRUPT || expected == null ? delegate.put(in) : delegate.put(in, expected);
    synchronized (this) {
      puts.add(stored.cid());
    }
    if (fault == Fault.LIE_ABOUT_CID) {
      return new StoredObject(delegate.put(InputStream.nullInputStream()).cid(), stored.size());
    }
    return stored;
  }

  @Override
  public boolean has(Cid cid) {
    return delegate.has(cid);
  }

  @Override
  public OptionalLong size(Cid cid) {
    return delegate.size(cid);
  }

  @Override
  public InputStream open(Cid cid) {
    bytesOpened += delegate.size(cid).orElse(0);
    return delegate.open(cid);
  }

  @Override
  public InputStream open(Cid cid, long offset, long length) {
    bytesOpened += length;
    return delegate.open(cid, offset, length);
  }

  @Override
  public boolean delete(Cid cid) {
    return delegate.delete(cid);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
