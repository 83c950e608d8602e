package ai.nesa.aivm.sdk.internal.kernels.upload;

import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.storage.ContentIds;
import ai.nesa.aivm.sdk.storage.KernelStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A stored object as a read-only seekable channel, every byte verified by the store. A read opens
 * a verified range read (a window) from its position to the end of the 256 KiB block where the
 * read ends: the store fetches and verifies whole blocks anyway, so the window costs no more than
 * the read, and reading on from where the last read stopped continues in it. A seek elsewhere
 * opens another.
 */
final class StoreChannel implements SeekableByteChannel {
  private static final long BLOCK = ContentIds.CHUNK_SIZE;

  private final KernelStore store;
  private final Cid cid;
  private final long size;
  private long position;
  private InputStream window;
  private long windowPosition;
  private long windowEnd;
  private boolean open = true;

  StoreChannel(KernelStore store, Cid cid, long size) {
    this.store = store;
    this.cid = cid;
    this.size = size;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    ensureOpen();
    if (position >= size) {
      return -1;
    }
    if (!dst.hasRemaining()) {
      return 0;
    }
    if (window == null || windowPosition != position || windowPosition >= windowEnd) {
      closeWindow();
      long last = position + dst.remaining() - 1;
      windowEnd = Math.min(size, (last / BLOCK + 1) * BLOCK);
      window = store.open(cid, position, windowEnd - position);
      windowPosition = position;
    }
    int want = (int) Math.min(dst.remaining(), windowEnd - windowPosition);
    int n;
    if (dst.hasArray()) {
      n = window.read(dst.array(), dst.arrayOffset() + dst.position(), want);
      if (n > 0) {
        dst.position(dst.position() + n);
      }
    } else {
      byte[] bytes = new byte[want];
      n = window.read(bytes, 0, want);
      if (n > 0) {
        dst.put(bytes, 0, n);
      }
    }
    if (n < 0) {
      throw new IOException("the store ended " + cid + " at " + windowPosition + " of " + size + " bytes");
    }
    position += n;
    windowPosition += n;
    return n;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() throws IOException {
    ensureOpen();
    return position;
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    ensureOpen();
    if (newPosition < 0) {
      throw new IllegalArgumentException("position >= 0: " + newPosition);
    }
    position = newPosition;
    return this;
  }

  @Override
  public long size() throws IOException {
    ensureOpen();
    return size;
  }

  @Override
  public SeekableByteChannel truncate(long newSize) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() throws IOException {
    open = false;
    closeWindow();
  }

  private void closeWindow() throws IOException {
    if (window != null) {
      InputStream w = window;
      window = null;
      w.close();
    }
  }

  private void ensureOpen() throws IOException {
    if (!open) {
      throw new ClosedChannelException();
    }
  }
}
