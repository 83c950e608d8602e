package ai.nesa.aivm.crypto.internal.chunked;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Plaintext in, chunked ciphertext out to the wrapped stream. {@link #close()} writes the final
 * chunk and closes the wrapped stream; without it the ciphertext is truncated and will not
 * decrypt.
 */
public final class EncryptingOutputStream extends OutputStream {
  private final OutputStream out;
  private final ChunkWriter writer;
  private final byte[] one = new byte[1];
  private boolean closed;

  public EncryptingOutputStream(OutputStream out, ChunkWriter writer) {
    this.out = out;
    this.writer = writer;
  }

  @Override
  public void write(int b) throws IOException {
    one[0] = (byte) b;
    writer.write(one, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    writer.write(b, off, len);
  }

  /**
   * Flushes the wrapped stream. A partly filled chunk stays buffered: sealing it early would make
   * it the final chunk.
   */
  @Override
  public void flush() throws IOException {
    writer.flush();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (out) {
      writer.finish();
    }
  }
}
