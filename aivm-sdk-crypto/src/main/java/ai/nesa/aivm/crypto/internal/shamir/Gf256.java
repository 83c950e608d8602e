package ai.nesa.aivm.crypto.internal.shamir;

/**
 * The field GF(2^8) with AES's reduction polynomial x^8 + x^4 + x^3 + x + 1 (0x11B), the field of
 * SLIP-0039 and of HashiCorp Vault's Shamir sharing. Elements are ints 0 to 255.
 *
 * <p>No operation indexes a table or branches on its operands: log/exp tables would leak secret
 * bytes through the cache. Multiplication is a fixed 8-round shift-and-add with masks.
 */
public final class Gf256 {
  private Gf256() {}

  /** a + b, which is also a − b. */
  public static int add(int a, int b) {
    return (a ^ b) & 0xff;
  }

  /** a · b, in constant time. */
  public static int mul(int a, int b) {
    int p = 0;
    for (int i = 0; i < 8; i++) {
      p ^= -(b & 1) & a;            // add a when the low bit of b is set, without a branch
      int carry = -((a >> 7) & 1);  // all ones when a ≥ 0x80
      a = ((a << 1) ^ (carry & 0x1b)) & 0xff;
      b >>= 1;
    }
    return p & 0xff;
  }

  /**
   * a^-1 = a^254 (the multiplicative group has order 255), by a fixed chain of 7 squarings and 7
   * multiplications; 0 maps to 0, which callers must rule out.
   */
  public static int inv(int a) {
    int result = 1;
    int square = a & 0xff;
    for (int i = 0; i < 7; i++) {
      square = mul(square, square); // a^2, a^4, ..., a^128
      result = mul(result, square); // a^(2 + 4 + ... + 128) = a^254
    }
    return result;
  }
}
