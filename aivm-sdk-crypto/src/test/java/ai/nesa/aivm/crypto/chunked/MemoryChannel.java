package ai.nesa.aivm.crypto.chunked;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;

/** A read-only seekable channel over bytes that records every read, to show which chunks were read. */
final class MemoryChannel implements SeekableByteChannel {
  /** One read call: where it started and how many bytes it returned. */
  record Read(long position, int length) {}

  private final byte[] bytes;
  private final List<Read> reads = new ArrayList<>();
  private long position;
  private boolean open = true;

  MemoryChannel(byte[] bytes) {
    this.bytes = bytes;
  }

  List<Read> reads() {
    return reads;
  }

  long bytesRead() {
    return reads.stream().mapToLong(Read::length).sum();
  }

  void clearReads() {
    reads.clear();
  }

  @Override
  public int read(ByteBuffer dst) throws ClosedChannelException {
    checkOpen();
    if (position >= bytes.length) {
      return -1;
    }
    int n = (int) Math.min(dst.remaining(), bytes.length - position);
    dst.put(bytes, (int) position, n);
    reads.add(new Read(position, n));
    position += n;
    return n;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() throws ClosedChannelException {
    checkOpen();
    return position;
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws ClosedChannelException {
    checkOpen();
    position = newPosition;
    return this;
  }

  @Override
  public long size() throws ClosedChannelException {
    checkOpen();
    return bytes.length;
  }

  @Override
  public SeekableByteChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
  }

  private void checkOpen() throws ClosedChannelException {
    if (!open) {
      throw new ClosedChannelException();
    }
  }
}
