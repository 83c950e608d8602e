package ai.nesa.aivm.crypto.internal.keystore;

/**
 * The key-derivation costs a keystore may ask for. A keystore is input from outside: without
 * bounds, one file could ask for terabytes of memory or hours of work. The bounds sit far above
 * the standard parameters and are checked before anything is allocated.
 *
 * <ul>
 *   <li>scrypt memory, 128·r·N bytes: at most 1 GiB (the standard N = 2<sup>18</sup>, r = 8
 *       takes 256 MiB);
 *   <li>scrypt work, N·r·p: at most 2<sup>25</sup>, 16 times the standard 2<sup>21</sup> (about
 *       10 s on the project's build machine, where the standard takes 0.6 s);
 *   <li>PBKDF2 iterations: at most 2<sup>24</sup>, 64 times the usual 262,144 (about 3 s there);
 *   <li>dklen: 32 to {@value #MAX_DKLEN} bytes. Only the first 32 are ever used, and both KDFs
 *       give the same first 32 bytes whatever the length asked, so only those are computed.
 * </ul>
 */
public final class KdfLimits {
  public static final long SCRYPT_MAX_MEMORY = 1L << 30;
  public static final long SCRYPT_MAX_WORK = 1L << 25;
  public static final long PBKDF2_MAX_ITERATIONS = 1L << 24;
  public static final long MIN_DKLEN = 32;
  public static final long MAX_DKLEN = 1024;

  private KdfLimits() {}

  /** A parameter that breaks a bound: which one ({@code n}, {@code r}, {@code p}, or empty for a combination) and why. */
  public record Violation(String parameter, String message) {}

  /** The first bound scrypt's N, r and p break, or {@code null} when they are acceptable. */
  public static Violation scrypt(long n, long r, long p) {
    if (n < 2 || (n & (n - 1)) != 0) {
      return new Violation("n", "must be a power of two greater than 1");
    }
    if (r < 1) {
      return new Violation("r", "must be at least 1");
    }
    if (p < 1) {
      return new Violation("p", "must be at least 1");
    }
    // n ≤ 2^62 and r, p fit in 2^62 as parsed; compare by division so nothing overflows.
    if (r > SCRYPT_MAX_MEMORY / 128 / n) {
      return new Violation("", "scrypt with n = " + n + " and r = " + r + " needs 128·r·n bytes of memory;"
          + " at most 1 GiB is allowed");
    }
    if (p > SCRYPT_MAX_WORK / (n * r)) {
      return new Violation("", "scrypt with n = " + n + ", r = " + r + " and p = " + p + " takes n·r·p units of work;"
          + " at most 2^25 (16 times the standard parameters) is allowed");
    }
    return null;
  }

  /**
   * The first bound that scrypt parameters for a new keystore break, or {@code null}: those
   * {@link #scrypt} reads, and also what ethers (noble-hashes) and OpenSSL read, so that every file
   * written opens there too. They follow RFC 7914's N &lt; 2<sup>16·r</sup> (which rules out r = 1
   * with N &ge; 65536, a combination geth reads and writes) and take at most 1 GiB + 1 KiB for
   * 128·r·(N + p) bytes.
   */
  public static Violation scryptForWriting(long n, long r, long p) {
    Violation violation = scrypt(n, r, p);
    if (violation != null) {
      return violation;
    }
    if (r < 4 && n >= 1L << (16 * r)) {
      return new Violation("n", "must be less than 2^(16·r) = " + (1L << (16 * r)) + " (RFC 7914), or ethers and OpenSSL"
          + " cannot read the file");
    }
    if (128 * r * (n + p) > SCRYPT_MAX_MEMORY + 1024) {
      return new Violation("", "scrypt with n = " + n + ", r = " + r + " and p = " + p + " needs more than the 1 GiB + 1 KiB"
          + " of memory ethers allows for 128·r·(n + p)");
    }
    return null;
  }

  /** The first bound PBKDF2's iteration count breaks, or {@code null}. */
  public static Violation pbkdf2(long c) {
    if (c < 1) {
      return new Violation("c", "must be at least 1");
    }
    if (c > PBKDF2_MAX_ITERATIONS) {
      return new Violation("c", "is more than 2^24 iterations (64 times the usual 262144)");
    }
    return null;
  }

  /** The bound dklen breaks, or {@code null}. */
  public static Violation dklen(long dklen) {
    if (dklen < MIN_DKLEN || dklen > MAX_DKLEN) {
      return new Violation("dklen", "must be from 32 to " + MAX_DKLEN);
    }
    return null;
  }
}
