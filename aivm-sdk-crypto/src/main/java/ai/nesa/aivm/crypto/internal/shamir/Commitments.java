package ai.nesa.aivm.crypto.internal.shamir;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The digest in a Shamir commitment: SHA-256 of a domain-separation label, the commitment's
 * header (version, threshold, secret length), its random salt, then the secret.
 *
 * <pre>
 *   SHA-256( "AIVM-SDK/shamir-commitment/v1" ‖ version ‖ k ‖ secret length ‖ salt (16) ‖ secret )
 * </pre>
 * Every field but the last has a fixed length, so the input parses one way only. The label keeps
 * this hash from equalling any other hash of the same key the SDK or anyone else computes; the
 * salt keeps two splits of one key from having equal commitments and rules out precomputation.
 */
public final class Commitments {
  /** The domain-separation label, ASCII. */
  public static final byte[] LABEL = "AIVM-SDK/shamir-commitment/v1".getBytes(StandardCharsets.US_ASCII);

  private Commitments() {}

  /** The 32-byte digest. */
  public static byte[] digest(int version, int threshold, byte[] salt, byte[] secret) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
    sha256.update(LABEL);
    sha256.update((byte) version);
    sha256.update((byte) threshold);
    sha256.update((byte) secret.length);
    sha256.update(salt);
    sha256.update(secret);
    return sha256.digest();
  }
}
