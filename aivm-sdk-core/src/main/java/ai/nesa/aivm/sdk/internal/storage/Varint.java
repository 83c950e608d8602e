package ai.nesa.aivm.sdk.internal.storage;

import java.io.ByteArrayOutputStream;

/**
 * The multiformats unsigned varint: LEB128, at most 9 bytes (63 bits), minimally encoded.
 *
 * <p>Protobuf's varint is the same encoding for the non-negative values dag-pb and UnixFS use.
 */
public final class Varint {
  /** The multiformats spec caps a varint at 9 bytes so that it always fits a signed 64-bit long. */
  public static final int MAX_BYTES = 9;

  private Varint() {}

  /** The number of bytes {@code value} takes. */
  public static int size(long value) {
    requireNonNegative(value);
    int n = 1;
    while ((value >>>= 7) != 0) {
      n++;
    }
    return n;
  }

  /** Writes {@code value} at {@code offset} and returns the offset after it. */
  public static int write(long value, byte[] out, int offset) {
    requireNonNegative(value);
    while ((value & ~0x7FL) != 0) {
      out[offset++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out[offset++] = (byte) value;
    return offset;
  }

  /** Appends {@code value} to {@code out}. */
  public static void write(long value, ByteArrayOutputStream out) {
    byte[] buffer = new byte[MAX_BYTES + 1];
    out.write(buffer, 0, write(value, buffer, 0));
  }

  /** {@code value} encoded alone. */
  public static byte[] encode(long value) {
    byte[] out = new byte[size(value)];
    write(value, out, 0);
    return out;
  }

  /**
   * Reads a varint at {@code offset}.
   *
   * @return the value in the low 63 bits and the number of bytes read, see {@link Read}
   * @throws IllegalArgumentException when the input ends inside the varint, the varint is longer
   *     than 9 bytes, or it is not minimally encoded
   */
  public static Read read(byte[] in, int offset) {
    long value = 0;
    for (int i = 0; i < MAX_BYTES; i++) {
      if (offset + i >= in.length) {
        throw new IllegalArgumentException("the input ends inside a varint");
      }
      int b = in[offset + i] & 0xFF;
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new IllegalArgumentException("the varint is not minimally encoded");
        }
        return new Read(value, i + 1);
      }
    }
    throw new IllegalArgumentException("the varint is longer than " + MAX_BYTES + " bytes");
  }

  /** A varint's value and how many bytes it took. */
  public record Read(long value, int length) {}

  private static void requireNonNegative(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("a varint is unsigned: " + value);
    }
  }
}
