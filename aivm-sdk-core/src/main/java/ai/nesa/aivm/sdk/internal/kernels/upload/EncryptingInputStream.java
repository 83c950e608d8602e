package ai.nesa.aivm.sdk.internal.kernels.upload;

import ai.nesa.aivm.crypto.ChunkedEncryption;
import ai.nesa.aivm.crypto.SecretBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The ciphertext of a plaintext stream, pulled: reads plaintext a slice at a time, pushes it
 * through the encrypting stream into a small buffer, and serves the buffer. Holds one slice and
 * what the encrypting stream emits for it, whatever the stream's length.
 */
final class EncryptingInputStream extends InputStream {
  private static final int SLICE = 256 * 1024;

  private final InputStream plaintext;
  private final Buffer buffer = new Buffer();
  private final OutputStream encrypting;
  private final byte[] slice = new byte[SLICE];
  private boolean finished;
  private int position;

  EncryptingInputStream(ChunkedEncryption encryption, SecretBytes key, InputStream plaintext) {
    this.plaintext = plaintext;
    this.encrypting = encryption.encryptingStream(key, buffer);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (position == buffer.count) {
      if (finished) {
        return -1;
      }
      fill();
    }
    int n = Math.min(len, buffer.count - position);
    System.arraycopy(buffer.bytes, position, b, off, n);
    position += n;
    return n;
  }

  private void fill() throws IOException {
    buffer.count = 0;
    position = 0;
    int n = plaintext.read(slice, 0, slice.length);
    if (n < 0) {
      encrypting.close(); // seals the final chunk
      finished = true;
    } else {
      encrypting.write(slice, 0, n);
    }
  }

  @Override
  public void close() throws IOException {
    Arrays.fill(slice, (byte) 0);
    plaintext.close();
  }

  /** Collects what the encrypting stream writes; reused for each slice. */
  private static final class Buffer extends OutputStream {
    byte[] bytes = new byte[SLICE + 4096];
    int count;

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (count + len > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + len));
      }
      System.arraycopy(b, off, bytes, count, len);
      count += len;
    }
  }
}
