package ai.nesa.aivm.crypto.internal.keystore;

import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * scrypt (RFC 7914) for any power-of-two N, r and p, including r = 1.
 *
 * <p>Not BouncyCastle's {@code SCrypt}: it refuses r = 1 with N &ge; 65536, which is what the
 * Web3 Secret Storage test vector and other real keystores use (N = 2<sup>18</sup>, r = 1, p = 8).
 *
 * <p>Memory: the table V of 128·r·N bytes, plus 384·r bytes of working blocks. The p lanes run one
 * after another through one table, and the PBKDF2 steps are streamed lane by lane, so p costs time
 * only. The caller bounds N, r and p first ({@link KdfLimits}). Every buffer is wiped before
 * returning.
 */
public final class Scrypt {
  private Scrypt() {}

  /**
   * {@code length} bytes of scrypt output.
   *
   * @param n a power of two, at least 2
   * @param r at least 1
   * @param p at least 1
   * @param length at least 1
   * @throws IllegalArgumentException when a parameter is out of range or the table would not fit
   *     in one Java array
   */
  public static byte[] derive(byte[] password, byte[] salt, int n, int r, int p, int length) {
    if (n < 2 || (n & (n - 1)) != 0 || r < 1 || p < 1 || length < 1) {
      throw new IllegalArgumentException("scrypt needs N a power of two >= 2, and r, p, length >= 1");
    }
    int words = 32 * r; // one lane: 128·r bytes as little-endian ints
    if ((long) words * n > Integer.MAX_VALUE - 8 || 4L * r * p > Integer.MAX_VALUE) { // table size, PBKDF2 block index
      throw new IllegalArgumentException("scrypt parameters too large for this implementation");
    }
    int outBlocks = (length + HmacSha256.LENGTH - 1) / HmacSha256.LENGTH;

    // Everything is allocated before any secret exists: running out of memory leaves nothing to wipe.
    int[] v = new int[words * n];
    int[] x = new int[words];
    int[] y = new int[words];
    int[] t = new int[16];
    byte[] lane = new byte[128 * r];
    byte[] block = new byte[HmacSha256.LENGTH];
    // B = PBKDF2(P, S, 1, p·128·r), made one lane at a time: lane i is PBKDF2 blocks 4r·i+1 … 4r·(i+1).
    Mac expand = HmacSha256.keyed(password);
    // Output = PBKDF2(P, B', 1, length): every output block's HMAC takes B' as salt, fed lane by lane.
    Mac[] finish = new Mac[outBlocks];
    for (int k = 0; k < outBlocks; k++) {
      finish[k] = HmacSha256.keyed(password);
    }
    try {
      for (int i = 0; i < p; i++) {
        for (int j = 0; j < 4 * r; j++) {
          expand.update(salt);
          expand.update(Pbkdf2.bigEndian(4 * r * i + j + 1));
          expand.doFinal(lane, j * HmacSha256.LENGTH);
        }
        toInts(lane, x);
        roMix(x, y, v, t, n, r);
        toBytes(x, lane);
        for (Mac m : finish) {
          m.update(lane);
        }
      }
      byte[] out = new byte[length];
      for (int k = 0; k < outBlocks; k++) {
        finish[k].update(Pbkdf2.bigEndian(k + 1));
        finish[k].doFinal(block, 0);
        System.arraycopy(block, 0, out, k * HmacSha256.LENGTH, Math.min(block.length, length - k * HmacSha256.LENGTH));
      }
      return out;
    } catch (ShortBufferException e) {
      throw new IllegalStateException("the buffers hold whole HMAC-SHA256 outputs", e);
    } finally {
      Arrays.fill(v, 0);
      Arrays.fill(x, 0);
      Arrays.fill(y, 0);
      Arrays.fill(t, 0);
      Arrays.fill(lane, (byte) 0);
      Arrays.fill(block, (byte) 0);
      HmacSha256.wipe(expand);
      for (Mac m : finish) {
        HmacSha256.wipe(m);
      }
    }
  }

  /** ROMix in place on {@code x}; {@code y} and {@code t} are scratch, {@code v} the table. */
  private static void roMix(int[] x, int[] y, int[] v, int[] t, int n, int r) {
    int words = 32 * r;
    int[] a = x;
    int[] b = y;
    for (int i = 0; i < n; i++) {
      System.arraycopy(a, 0, v, i * words, words);
      blockMix(a, b, t, r);
      int[] swap = a;
      a = b;
      b = swap;
    }
    int last = (2 * r - 1) * 16;
    for (int i = 0; i < n; i++) {
      int j = a[last] & (n - 1); // Integerify: the low 32 bits of the last 64-byte block suffice
      int off = j * words;
      for (int k = 0; k < words; k++) {
        a[k] ^= v[off + k];
      }
      blockMix(a, b, t, r);
      int[] swap = a;
      a = b;
      b = swap;
    }
    if (a != x) {
      System.arraycopy(a, 0, x, 0, words);
    }
  }

  /** BlockMix<sub>Salsa20/8, r</sub>: {@code out} = even-indexed results, then odd-indexed ones. */
  private static void blockMix(int[] in, int[] out, int[] t, int r) {
    System.arraycopy(in, (2 * r - 1) * 16, t, 0, 16);
    for (int i = 0; i < 2 * r; i++) {
      salsaXor(t, in, i * 16);
      int to = ((i & 1) == 0 ? i / 2 : r + i / 2) * 16;
      System.arraycopy(t, 0, out, to, 16);
    }
  }

  /** {@code t = Salsa20/8(t XOR in[off, off + 16))}. */
  private static void salsaXor(int[] t, int[] in, int off) {
    int j0 = t[0] ^ in[off];
    int j1 = t[1] ^ in[off + 1];
    int j2 = t[2] ^ in[off + 2];
    int j3 = t[3] ^ in[off + 3];
    int j4 = t[4] ^ in[off + 4];
    int j5 = t[5] ^ in[off + 5];
    int j6 = t[6] ^ in[off + 6];
    int j7 = t[7] ^ in[off + 7];
    int j8 = t[8] ^ in[off + 8];
    int j9 = t[9] ^ in[off + 9];
    int j10 = t[10] ^ in[off + 10];
    int j11 = t[11] ^ in[off + 11];
    int j12 = t[12] ^ in[off + 12];
    int j13 = t[13] ^ in[off + 13];
    int j14 = t[14] ^ in[off + 14];
    int j15 = t[15] ^ in[off + 15];
    int x0 = j0, x1 = j1, x2 = j2, x3 = j3, x4 = j4, x5 = j5, x6 = j6, x7 = j7;
    int x8 = j8, x9 = j9, x10 = j10, x11 = j11, x12 = j12, x13 = j13, x14 = j14, x15 = j15;
    for (int round = 0; round < 8; round += 2) {
      // columns
      x4 ^= Integer.rotateLeft(x0 + x12, 7);
      x8 ^= Integer.rotateLeft(x4 + x0, 9);
      x12 ^= Integer.rotateLeft(x8 + x4, 13);
      x0 ^= Integer.rotateLeft(x12 + x8, 18);
      x9 ^= Integer.rotateLeft(x5 + x1, 7);
      x13 ^= Integer.rotateLeft(x9 + x5, 9);
      x1 ^= Integer.rotateLeft(x13 + x9, 13);
      x5 ^= Integer.rotateLeft(x1 + x13, 18);
      x14 ^= Integer.rotateLeft(x10 + x6, 7);
      x2 ^= Integer.rotateLeft(x14 + x10, 9);
      x6 ^= Integer.rotateLeft(x2 + x14, 13);
      x10 ^= Integer.rotateLeft(x6 + x2, 18);
      x3 ^= Integer.rotateLeft(x15 + x11, 7);
      x7 ^= Integer.rotateLeft(x3 + x15, 9);
      x11 ^= Integer.rotateLeft(x7 + x3, 13);
      x15 ^= Integer.rotateLeft(x11 + x7, 18);
      // rows
      x1 ^= Integer.rotateLeft(x0 + x3, 7);
      x2 ^= Integer.rotateLeft(x1 + x0, 9);
      x3 ^= Integer.rotateLeft(x2 + x1, 13);
      x0 ^= Integer.rotateLeft(x3 + x2, 18);
      x6 ^= Integer.rotateLeft(x5 + x4, 7);
      x7 ^= Integer.rotateLeft(x6 + x5, 9);
      x4 ^= Integer.rotateLeft(x7 + x6, 13);
      x5 ^= Integer.rotateLeft(x4 + x7, 18);
      x11 ^= Integer.rotateLeft(x10 + x9, 7);
      x8 ^= Integer.rotateLeft(x11 + x10, 9);
      x9 ^= Integer.rotateLeft(x8 + x11, 13);
      x10 ^= Integer.rotateLeft(x9 + x8, 18);
      x12 ^= Integer.rotateLeft(x15 + x14, 7);
      x13 ^= Integer.rotateLeft(x12 + x15, 9);
      x14 ^= Integer.rotateLeft(x13 + x12, 13);
      x15 ^= Integer.rotateLeft(x14 + x13, 18);
    }
    t[0] = x0 + j0;
    t[1] = x1 + j1;
    t[2] = x2 + j2;
    t[3] = x3 + j3;
    t[4] = x4 + j4;
    t[5] = x5 + j5;
    t[6] = x6 + j6;
    t[7] = x7 + j7;
    t[8] = x8 + j8;
    t[9] = x9 + j9;
    t[10] = x10 + j10;
    t[11] = x11 + j11;
    t[12] = x12 + j12;
    t[13] = x13 + j13;
    t[14] = x14 + j14;
    t[15] = x15 + j15;
  }

  private static void toInts(byte[] in, int[] out) {
    for (int i = 0; i < out.length; i++) {
      int o = 4 * i;
      out[i] = (in[o] & 0xff) | (in[o + 1] & 0xff) << 8 | (in[o + 2] & 0xff) << 16 | (in[o + 3] & 0xff) << 24;
    }
  }

  private static void toBytes(int[] in, byte[] out) {
    for (int i = 0; i < in.length; i++) {
      int o = 4 * i;
      out[o] = (byte) in[i];
      out[o + 1] = (byte) (in[i] >>> 8);
      out[o + 2] = (byte) (in[i] >>> 16);
      out[o + 3] = (byte) (in[i] >>> 24);
    }
  }
}
