package ai.nesa.aivm.crypto.internal.chunked;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/**
 * Plaintext in, chunked ciphertext out to the wrapped blocking channel. {@link #close()} writes
 * the final chunk and closes the wrapped channel. Not safe for concurrent writers.
 */
public final class EncryptingChannel implements WritableByteChannel {
  private final WritableByteChannel out;
  private final ChunkWriter writer;
  private byte[] staging;
  private boolean closed;

  public EncryptingChannel(WritableByteChannel out, ChunkWriter writer) {
    this.out = out;
    this.writer = writer;
  }

  /** Takes every remaining byte of {@code src}. */
  @Override
  public int write(ByteBuffer src) throws IOException {
    if (closed) {
      throw new ClosedChannelException();
    }
    int n = src.remaining();
    if (src.hasArray()) {
      writer.write(src.array(), src.arrayOffset() + src.position(), n);
      src.position(src.limit());
      return n;
    }
    if (staging == null) {
      staging = new byte[Layout.CHUNK_SIZE];
    }
    while (src.hasRemaining()) {
      int k = Math.min(src.remaining(), staging.length);
      src.get(staging, 0, k);
      writer.write(staging, 0, k);
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
    try (out) {
      writer.finish();
    }
  }
}
