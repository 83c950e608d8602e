package ai.nesa.aivm.crypto.chunked;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import ai.nesa.aivm.crypto.CryptoException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Plaintexts, digests and readers that record what a failing stream gave out before it failed. */
final class Fixtures {
  static final int CHUNK = 16384;
  static final int SEALED = CHUNK + 16;
  static final int HEADER = 56;

  private Fixtures() {}

  /** {@code n} bytes that differ from chunk to chunk and within each, the same every run. */
  static byte[] plaintext(int n) {
    byte[] b = new byte[n];
    long x = 0x9E3779B97F4A7C15L ^ n;
    for (int i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      b[i] = (byte) x;
    }
    return b;
  }

  static byte[] sha512(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-512").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** The vectors' {@code ct}: zlib-compressed, as the Wycheproof chunked-encryption doc says. */
  static byte[] inflate(byte[] zlib) {
    Inflater inflater = new Inflater();
    inflater.setInput(zlib);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    try {
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new AssertionError("truncated zlib stream");
        }
        out.write(buffer, 0, n);
      }
    } catch (DataFormatException e) {
      throw new AssertionError(e);
    } finally {
      inflater.end();
    }
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] flip(byte[] b, int index) {
    byte[] c = b.clone();
    c[index] ^= 1;
    return c;
  }

  /** What a decrypting reader gave out, and how it ended: null when it reached the end. */
  record Drained(byte[] released, CryptoException failure) {
    CryptoException failed() {
      if (failure == null) {
        fail("expected a CryptoException after " + released.length + " bytes, got a clean end");
      }
      return failure;
    }
  }

  /**
   * Reads {@code in} in {@code step}-byte reads until it ends or throws; a stream that threw must
   * throw again with the same check on the next read rather than end.
   */
  static Drained drain(InputStream in, int step) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buffer = new byte[step];
    try (in) {
      while (true) {
        int n;
        try {
          n = in.read(buffer, 0, step);
        } catch (CryptoException e) {
          CryptoException again = assertThrows(CryptoException.class, () -> in.read(buffer, 0, step),
              "a failed stream keeps failing");
          if (again.check() != e.check()) {
            fail("the repeated failure is " + again.check() + ", the first was " + e.check());
          }
          return new Drained(got.toByteArray(), e);
        }
        if (n < 0) {
          return new Drained(got.toByteArray(), null);
        }
        got.write(buffer, 0, n);
      }
    }
  }

  /** {@link #drain(InputStream, int)} for a channel, through a heap or a direct buffer. */
  static Drained drain(ReadableByteChannel in, int step, boolean direct) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(step) : ByteBuffer.allocate(step);
    try (in) {
      while (true) {
        buffer.clear();
        int n;
        try {
          n = in.read(buffer);
        } catch (CryptoException e) {
          buffer.clear();
          CryptoException again = assertThrows(CryptoException.class, () -> in.read(buffer));
          if (again.check() != e.check()) {
            fail("the repeated failure is " + again.check() + ", the first was " + e.check());
          }
          return new Drained(got.toByteArray(), e);
        }
        if (n < 0) {
          return new Drained(got.toByteArray(), null);
        }
        buffer.flip();
        byte[] b = new byte[buffer.remaining()];
        buffer.get(b);
        got.writeBytes(b);
      }
    }
  }

  /** A SecureRandom that hands out fixed bytes, to reproduce a ciphertext with a known salt. */
  static final class FixedRandom extends SecureRandom {
    private final byte[] bytes;
    private int at;

    FixedRandom(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    @Override
    public synchronized void nextBytes(byte[] out) {
      if (at + out.length > bytes.length) {
        throw new IllegalStateException("the fixed random bytes ran out");
      }
      System.arraycopy(bytes, at, out, 0, out.length);
      at += out.length;
    }
  }

  static byte[] prefix(byte[] b, int n) {
    return Arrays.copyOf(b, n);
  }
}
