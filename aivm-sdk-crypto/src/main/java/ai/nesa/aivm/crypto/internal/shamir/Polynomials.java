package ai.nesa.aivm.crypto.internal.shamir;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Shamir's scheme byte by byte: one random polynomial of degree k − 1 over GF(256) for each byte
 * of the secret, with that byte as its constant term; share i holds every polynomial's value at
 * x = i. The x values are public, the y values secret, so only the arithmetic on y values needs to
 * be (and is) constant time.
 */
public final class Polynomials {
  private Polynomials() {}

  /**
   * The values of the secret's polynomials at x = 1, ..., n.
   *
   * @return n rows of secret.length bytes; row i − 1 is share i
   */
  public static byte[][] split(byte[] secret, int k, int n, SecureRandom random) {
    int length = secret.length;
    // coefficients[c * length + b]: coefficient of x^(c+1) in byte b's polynomial
    byte[] coefficients = new byte[(k - 1) * length];
    random.nextBytes(coefficients);
    try {
      byte[][] shares = new byte[n][length];
      for (int x = 1; x <= n; x++) {
        for (int b = 0; b < length; b++) {
          int y = 0;
          for (int c = k - 2; c >= 0; c--) { // Horner, from the top coefficient down
            y = Gf256.mul(y, x) ^ (coefficients[c * length + b] & 0xff);
          }
          shares[x - 1][b] = (byte) (Gf256.mul(y, x) ^ (secret[b] & 0xff));
        }
      }
      return shares;
    } finally {
      Arrays.fill(coefficients, (byte) 0);
    }
  }

  /**
   * The value at x = 0 of the polynomial of lowest degree through every given point, byte by byte
   * (Lagrange interpolation). With at least k points of one split this is the secret; with fewer,
   * or with a changed point, it is another value.
   *
   * @param xs distinct x values in 1..255
   * @param ys one row of bytes per x, all of one length
   */
  public static byte[] interpolateAtZero(int[] xs, byte[][] ys) {
    int m = xs.length;
    int length = ys[0].length;
    byte[] out = new byte[length];
    for (int i = 0; i < m; i++) {
      // λ_i = Π_{j≠i} x_j / (x_j − x_i): public, since the x values are.
      int numerator = 1;
      int denominator = 1;
      for (int j = 0; j < m; j++) {
        if (j != i) {
          numerator = Gf256.mul(numerator, xs[j]);
          denominator = Gf256.mul(denominator, Gf256.add(xs[j], xs[i]));
        }
      }
      int lambda = Gf256.mul(numerator, Gf256.inv(denominator));
      for (int b = 0; b < length; b++) {
        out[b] ^= (byte) Gf256.mul(lambda, ys[i][b] & 0xff);
      }
    }
    return out;
  }
}
