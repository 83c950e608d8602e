package ai.nesa.aivm.crypto;

import ai.nesa.aivm.crypto.internal.shamir.Commitments;
import ai.nesa.aivm.crypto.internal.shamir.Polynomials;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * Shamir secret sharing over GF(256), k of n: a data key split into n shares, one per node, any k
 * of which give the key back, with a commitment that tells a right reconstruction from a wrong
 * one.
 *
 * <pre>{@code
 * Shamir.Split split = Shamir.split(dataKey, 3, 5, random);       // shares 1..5
 * for (KeyShare share : split.shares()) { ... Ecies.encrypt(node.publicKey(), share.export(), random) ... }
 * publish(split.commitment().toBytes());                          // signed, next to the grant
 *
 * SecretBytes dataKey = Shamir.combine(threeOrMoreShares, commitment);
 * }</pre>
 *
 * <h2>How</h2>
 * Each byte of the secret is the constant term of its own random polynomial of degree k − 1 over
 * GF(2^8) (AES's polynomial x^8 + x^4 + x^3 + x + 1, as in SLIP-0039); share i is every
 * polynomial's value at x = i, for i = 1..n. {@link #combine} interpolates every share it is
 * given at x = 0 and checks the result against the commitment.
 *
 * <h2>The commitment</h2>
 * {@link Commitment} is 51 bytes: {@code 01 ‖ k ‖ secret length ‖ salt (16 random bytes) ‖
 * SHA-256("AIVM-SDK/shamir-commitment/v1" ‖ 01 ‖ k ‖ secret length ‖ salt ‖ secret)}. The label
 * separates it from every other hash of the key; the salt makes two splits of one key look
 * unrelated.
 *
 * <h2>Security guarantees</h2>
 * <ul>
 *   <li><b>Secrecy below k shares.</b> The shares alone are information-theoretically secret:
 *       any k − 1 of them are uniformly random and independent of the key. Together with the
 *       commitment, secrecy becomes computational: the commitment is a hash of the key, so
 *       finding the key means inverting SHA-256 on it, about 2^256 work for a random 32-byte key
 *       (2^(8·length) in general), and k − 1 shares do not lower that. This is why the secret
 *       must be a uniformly random key of at least {@value #MIN_SECRET_LENGTH} bytes: a
 *       guessable secret (a password, a counter) would be found from its commitment alone.
 *   <li><b>No wrong key.</b> {@link #combine} never returns a key that does not match the
 *       commitment: fewer than k shares, a damaged or forged share, or shares of another split
 *       give {@link CryptoException.Check#SHARES}. Every share given is used, so one bad share
 *       fails the whole combination even when k good ones are there; to get past a bad share,
 *       combine subsets of k.
 *   <li><b>The commitment must be trusted.</b> It catches accidents and a dishonest share
 *       holder, not someone who can replace the commitment too: take it from a signed source
 *       (the owner's EIP-712 grant), never from the share holders.
 *   <li>The threshold and the secret's length are public (they are in the commitment); share
 *       values say nothing else. GF(256) arithmetic uses no table look-ups and no branches on
 *       secret bytes. Coefficients come from the caller's {@link SecureRandom} and are wiped.
 * </ul>
 *
 * @since 0.1.0
 */
public final class Shamir {
  /** The shortest secret: 16 bytes, so that its commitment does not help guess it. */
  public static final int MIN_SECRET_LENGTH = 16;
  /** The longest secret: 255 bytes. */
  public static final int MAX_SECRET_LENGTH = 255;
  /** The most shares one split can have: 255, the non-zero elements of GF(256). */
  public static final int MAX_SHARES = 255;

  private Shamir() {}

  /**
   * Splits a secret into n shares with indices 1..n, any k of which give it back.
   *
   * <p>k = 1 hands every holder the secret itself; k = n needs every share.
   *
   * @param secret a uniformly random key of 16 to 255 bytes (a 32-byte data key)
   * @param k the threshold, 1 ≤ k ≤ n
   * @param n the number of shares, n ≤ 255
   * @param random the source of the polynomials' coefficients and of the commitment's salt
   * @throws IllegalArgumentException unless 1 ≤ k ≤ n ≤ 255
   * @throws CryptoException {@code INVALID_KEY} when the secret is not 16 to 255 bytes
   */
  public static Split split(SecretBytes secret, int k, int n, SecureRandom random) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(random, "random");
    if (k < 1 || k > n || n > MAX_SHARES) {
      throw new IllegalArgumentException("Shamir sharing needs 1 ≤ k ≤ n ≤ " + MAX_SHARES + ", not k=" + k + ", n=" + n);
    }
    if (secret.length() < MIN_SECRET_LENGTH || secret.length() > MAX_SECRET_LENGTH) {
      throw new CryptoException(CryptoException.Check.INVALID_KEY, "a secret to share is " + MIN_SECRET_LENGTH
          + " to " + MAX_SECRET_LENGTH + " random bytes, not " + secret.length());
    }
    byte[] bytes = secret.export();
    byte[][] values = null;
    try {
      values = Polynomials.split(bytes, k, n, random);
      List<KeyShare> shares = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        shares.add(KeyShare.of(i + 1, SecretBytes.copyOf(values[i])));
      }
      byte[] salt = new byte[Commitment.SALT_LENGTH];
      random.nextBytes(salt);
      return new Split(shares, new Commitment(k, bytes.length, salt, Commitments.digest(Commitment.VERSION, k, salt, bytes)));
    } finally {
      Arrays.fill(bytes, (byte) 0);
      if (values != null) {
        for (byte[] v : values) {
          Arrays.fill(v, (byte) 0);
        }
      }
    }
  }

  /**
   * The secret from at least k shares of one split, checked against its commitment.
   *
   * @param shares k or more shares of the split, in any order; all of them are used
   * @param commitment the split's commitment, from a trusted source
   * @return the secret, as a new secret the caller owns
   * @throws CryptoException {@code SHARES} when there are fewer shares than the threshold, two
   *     shares have one index, a share's length is not the secret's, or the shares do not
   *     reconstruct the committed secret (a damaged share, a share of another split)
   * @throws IllegalStateException when a share was destroyed
   */
  public static SecretBytes combine(Collection<KeyShare> shares, Commitment commitment) {
    Objects.requireNonNull(shares, "shares");
    Objects.requireNonNull(commitment, "commitment");
    int m = shares.size();
    int[] xs = new int[m];
    byte[][] ys = new byte[m][];
    boolean[] seen = new boolean[MAX_SHARES + 1];
    byte[] secret = null;
    try {
      int i = 0;
      for (KeyShare share : shares) {
        Objects.requireNonNull(share, "a share is null");
        if (seen[share.index()]) {
          throw new CryptoException(CryptoException.Check.SHARES, "two shares have index " + share.index());
        }
        seen[share.index()] = true;
        if (share.length() != commitment.secretLength()) {
          throw new CryptoException(CryptoException.Check.SHARES, "share " + share.index() + " holds " + share.length()
              + " bytes; the shares of this split hold " + commitment.secretLength());
        }
        xs[i] = share.index();
        ys[i] = share.valueBytes();
        i++;
      }
      if (m < commitment.threshold()) {
        throw new CryptoException(CryptoException.Check.SHARES,
            "this split needs " + commitment.threshold() + " shares, not " + m);
      }
      secret = Polynomials.interpolateAtZero(xs, ys);
      byte[] digest = Commitments.digest(Commitment.VERSION, commitment.threshold(), commitment.salt, secret);
      if (!MessageDigest.isEqual(digest, commitment.digest)) {
        throw new CryptoException(CryptoException.Check.SHARES,
            "the shares do not give the committed secret: a share is damaged or belongs to another split");
      }
      return SecretBytes.copyOf(secret);
    } finally {
      if (secret != null) {
        Arrays.fill(secret, (byte) 0);
      }
      for (byte[] y : ys) {
        if (y != null) {
          Arrays.fill(y, (byte) 0);
        }
      }
    }
  }

  /**
   * The result of {@link #split}: n shares, to hand one to each holder, and the commitment, to
   * publish where those who combine can trust it.
   *
   * @param shares the shares, index 1 first
   * @param commitment the commitment to the secret
   * @since 0.1.0
   */
  public record Split(List<KeyShare> shares, Commitment commitment) implements Destroyable {
    public Split {
      shares = List.copyOf(shares);
      Objects.requireNonNull(commitment, "commitment");
    }

    /** k: how many shares give the secret back. */
    public int threshold() {
      return commitment.threshold();
    }

    /** Wipes every share. */
    @Override
    public void destroy() {
      shares.forEach(KeyShare::destroy);
    }

    @Override
    public boolean isDestroyed() {
      return shares.stream().allMatch(KeyShare::isDestroyed);
    }
  }

  /**
   * A commitment to a shared secret: the threshold, the secret's length, a salt and a salted,
   * labelled SHA-256 of the secret (layout in {@link Shamir}). Public: it does not help guess a
   * random key, but must come from a trusted source.
   *
   * @since 0.1.0
   */
  public static final class Commitment {
    /** The encoding's version byte. */
    public static final int VERSION = 1;
    /** Length of the encoding: 51 bytes. */
    public static final int LENGTH = 3 + 16 + 32;
    static final int SALT_LENGTH = 16;

    private final int threshold;
    private final int secretLength;
    private final byte[] salt;
    private final byte[] digest;

    private Commitment(int threshold, int secretLength, byte[] salt, byte[] digest) {
      this.threshold = threshold;
      this.secretLength = secretLength;
      this.salt = salt;
      this.digest = digest;
    }

    /**
     * Decodes the 51-byte encoding.
     *
     * @throws CryptoException {@code LENGTH} when it is not 51 bytes, {@code FORMAT} for an unknown
     *     version, a threshold of 0 or a secret length under 16
     */
    public static Commitment fromBytes(byte[] encoded) {
      if (encoded.length != LENGTH) {
        throw new CryptoException(CryptoException.Check.LENGTH, "a Shamir commitment is " + LENGTH
            + " bytes (version, k, secret length, 16-byte salt, 32-byte SHA-256), not " + encoded.length);
      }
      if ((encoded[0] & 0xff) != VERSION) {
        throw new CryptoException(CryptoException.Check.FORMAT,
            "a Shamir commitment starts with version " + VERSION + ", not " + (encoded[0] & 0xff));
      }
      int threshold = encoded[1] & 0xff;
      int secretLength = encoded[2] & 0xff;
      if (threshold == 0 || secretLength < MIN_SECRET_LENGTH) {
        throw new CryptoException(CryptoException.Check.FORMAT, "a Shamir commitment with threshold " + threshold
            + " and secret length " + secretLength + " is impossible (k ≥ 1, length ≥ " + MIN_SECRET_LENGTH + ")");
      }
      return new Commitment(threshold, secretLength, Arrays.copyOfRange(encoded, 3, 3 + SALT_LENGTH),
          Arrays.copyOfRange(encoded, 3 + SALT_LENGTH, LENGTH));
    }

    /**
     * Decodes the hex of the 51-byte encoding, with or without {@code 0x}.
     *
     * @throws CryptoException {@code FORMAT} when the text is not hex, and what {@link
     *     #fromBytes} throws
     */
    public static Commitment fromHex(String hex) {
      try {
        return fromBytes(Hex.decode(hex));
      } catch (IllegalArgumentException e) {
        throw new CryptoException(CryptoException.Check.FORMAT, "the Shamir commitment is not hex: " + e.getMessage(), e);
      }
    }

    /** k: how many shares give the secret back. */
    public int threshold() {
      return threshold;
    }

    /** The length of the secret, and of every share's value. */
    public int secretLength() {
      return secretLength;
    }

    /** The 51-byte encoding: {@code 01 ‖ k ‖ secret length ‖ salt ‖ digest}. */
    public byte[] toBytes() {
      byte[] out = new byte[LENGTH];
      out[0] = (byte) VERSION;
      out[1] = (byte) threshold;
      out[2] = (byte) secretLength;
      System.arraycopy(salt, 0, out, 3, SALT_LENGTH);
      System.arraycopy(digest, 0, out, 3 + SALT_LENGTH, digest.length);
      return out;
    }

    /** {@link #toBytes()} in hex, with {@code 0x}. */
    public String toHex() {
      return Hex.encode(toBytes());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Commitment c && Arrays.equals(toBytes(), c.toBytes());
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(toBytes());
    }

    /** The hex encoding: a commitment is public. */
    @Override
    public String toString() {
      return toHex();
    }
  }
}
