package ai.nesa.aivm.benchmarks.crypto;

import java.io.InputStream;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * {@code size} bytes of generated plaintext served from memory by cycling a random pattern, so
 * gigabytes cost no disk and no heap: a read is one array copy, as from the page cache.
 */
final class PatternSource extends InputStream {
  private final byte[] pattern;
  private final long size;
  private long position;

  PatternSource(byte[] pattern, long size) {
    this.pattern = pattern;
    this.size = size;
  }

  /** {@code length} random bytes from a fixed seed: incompressible, the same every run. */
  static byte[] pattern(int length) {
    byte[] b = new byte[length];
    new SplittableRandom(0x41_49_56_4dL).nextBytes(b);
    return b;
  }

  @Override
  public int read() {
    if (position >= size) {
      return -1;
    }
    return pattern[(int) (position++ % pattern.length)] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (position >= size) {
      return -1;
    }
    int at = (int) (position % pattern.length);
    int n = (int) Math.min(Math.min(len, pattern.length - at), size - position);
    System.arraycopy(pattern, at, b, off, n);
    position += n;
    return n;
  }
}
