package ai.nesa.aivm.crypto.shamir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.internal.shamir.Gf256;
import org.junit.jupiter.api.Test;

/** GF(2^8) modulo x^8 + x^4 + x^3 + x + 1: the constant-time arithmetic against a slow reference, and the field axioms. */
class Gf256Test {
  private static final int[][] PRODUCT = new int[256][256];

  static {
    for (int a = 0; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        PRODUCT[a][b] = Gf256.mul(a, b);
      }
    }
  }

  /** Schoolbook: carry-less product of degree ≤ 14, then long division by 0x11B. */
  private static int slowMul(int a, int b) {
    int product = 0;
    for (int i = 0; i < 8; i++) {
      if ((b >> i & 1) == 1) {
        product ^= a << i;
      }
    }
    for (int degree = 14; degree >= 8; degree--) {
      if ((product >> degree & 1) == 1) {
        product ^= 0x11b << (degree - 8);
      }
    }
    return product;
  }

  @Test
  void everyProductMatchesTheSchoolbookProduct() {
    for (int a = 0; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        assertEquals(slowMul(a, b), PRODUCT[a][b], a + "·" + b);
      }
    }
    assertEquals(0xc1, Gf256.mul(0x57, 0x83), "FIPS 197, section 4.2");
  }

  @Test
  void multiplicationIsCommutativeAssociativeAndDistributesOverAddition() {
    for (int a = 0; a < 256; a++) {
      assertEquals(a, PRODUCT[a][1], "1 is the identity");
      assertEquals(0, PRODUCT[a][0]);
      for (int b = 0; b < 256; b++) {
        assertEquals(PRODUCT[a][b], PRODUCT[b][a]);
        for (int c = 0; c < 256; c++) {
          if (PRODUCT[PRODUCT[a][b]][c] != PRODUCT[a][PRODUCT[b][c]]) {
            throw new AssertionError("(" + a + "·" + b + ")·" + c + " ≠ " + a + "·(" + b + "·" + c + ")");
          }
          if (PRODUCT[a][Gf256.add(b, c)] != Gf256.add(PRODUCT[a][b], PRODUCT[a][c])) {
            throw new AssertionError(a + "·(" + b + "+" + c + ") ≠ " + a + "·" + b + " + " + a + "·" + c);
          }
        }
      }
    }
  }

  @Test
  void everyNonZeroElementHasItsInverse() {
    for (int a = 1; a < 256; a++) {
      int inverse = Gf256.inv(a);
      assertEquals(1, Gf256.mul(a, inverse), "inverse of " + a);
      assertEquals(a, Gf256.inv(inverse));
    }
    assertEquals(0, Gf256.inv(0), "0 has no inverse; the chain gives 0");
  }

  /** 3 generates all 255 non-zero elements: the polynomial is irreducible, so this is a field. */
  @Test
  void threeGeneratesTheMultiplicativeGroup() {
    boolean[] seen = new boolean[256];
    int x = 1;
    for (int i = 0; i < 255; i++) {
      assertTrue(!seen[x], "3^" + i + " repeats");
      seen[x] = true;
      x = Gf256.mul(x, 3);
    }
    assertEquals(1, x, "3^255 = 1");
  }

  @Test
  void additionIsExclusiveOrAndEveryElementIsItsOwnNegative() {
    for (int a = 0; a < 256; a++) {
      assertEquals(0, Gf256.add(a, a));
      for (int b = 0; b < 256; b++) {
        assertEquals(a ^ b, Gf256.add(a, b));
      }
    }
  }
}
