package ai.nesa.aivm.crypto.internal.chunked;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Chunked ciphertext in from the wrapped stream, authenticated plaintext out. Reads throw
 * {@link ai.nesa.aivm.crypto.CryptoException} (unchecked) when a check fails, at the chunk that
 * failed, and again on every later read.
 */
public final class DecryptingInputStream extends InputStream {
  private final InputStream in;
  private final ChunkReader reader;
  private final byte[] one = new byte[1];
  private boolean closed;

  public DecryptingInputStream(InputStream in, ChunkReader reader) {
    this.in = in;
    this.reader = reader;
  }

  @Override
  public int read() throws IOException {
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    checkOpen();
    return reader.read(b, off, len);
  }

  @Override
  public long transferTo(OutputStream out) throws IOException {
    checkOpen();
    return reader.transferTo(Io.sink(out));
  }

  @Override
  public int available() throws IOException {
    checkOpen();
    return reader.available();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    reader.close();
    in.close();
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException("the decrypting stream is closed");
    }
  }
}
