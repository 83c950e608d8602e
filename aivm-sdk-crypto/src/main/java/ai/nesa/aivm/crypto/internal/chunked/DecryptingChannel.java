package ai.nesa.aivm.crypto.internal.chunked;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

/**
 * Chunked ciphertext in from the wrapped blocking channel, authenticated plaintext out. Reads
 * throw {@link ai.nesa.aivm.crypto.CryptoException} (unchecked) when a check fails. Not safe for
 * concurrent readers.
 */
public final class DecryptingChannel implements ReadableByteChannel {
  private final ReadableByteChannel in;
  private final ChunkReader reader;
  private byte[] staging;
  private boolean closed;

  public DecryptingChannel(ReadableByteChannel in, ChunkReader reader) {
    this.in = in;
    this.reader = reader;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (closed) {
      throw new ClosedChannelException();
    }
    if (!dst.hasRemaining()) {
      return 0;
    }
    int n;
    if (dst.hasArray()) {
      n = reader.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
      if (n > 0) {
        dst.position(dst.position() + n);
      }
      return n;
    }
    if (staging == null) {
      staging = new byte[Layout.CHUNK_SIZE];
    }
    n = reader.read(staging, 0, Math.min(dst.remaining(), staging.length));
    if (n > 0) {
      dst.put(staging, 0, n);
    }
    return n;
  }

  @Override
  public boolean isOpen() {
    return !closed;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (staging != null) {
      Arrays.fill(staging, (byte) 0);
    }
    reader.close();
    in.close();
  }
}
