package ai.nesa.aivm.benchmarks.chain;

import ai.nesa.aivm.crypto.Ecies;
import ai.nesa.aivm.crypto.EthPublicKey;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Keccak256;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.storage.ContentIds;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The scenario's payloads, real in form and the same in every run: CIDv1s ({@code bafkrei…}, 59
 * characters) of small documents, 32-byte manifest hashes, and 113-byte wrapped keys.
 */
final class Payloads {
  /** Bytes of a wrapped key: ECIES's 65-byte ephemeral key, 16-byte nonce and 16-byte tag, then 16 key bytes. */
  static final int WRAPPED_KEY_LENGTH = 113;
  private static final int KEY_BYTES = WRAPPED_KEY_LENGTH - Ecies.OVERHEAD;

  private Payloads() {}

  /** The CIDv1 (raw, sha2-256, base32) of a small manifest of {@code model} at {@code version}. */
  static Cid manifestCid(String model, String version) {
    return cid(manifest(model, version));
  }

  /** The keccak-256 of the same manifest. */
  static Hash32 manifestHash(String model, String version) {
    return Keccak256.hash(manifest(model, version));
  }

  /** The CIDv1 of a review's text. */
  static Cid textCid(String text) {
    return cid(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A key wrapped to {@code node} with the SDK's {@link Ecies}: {@value #WRAPPED_KEY_LENGTH} bytes.
   * The key bytes, ephemeral key and nonce come from a generator seeded with {@code seed}, so the
   * ciphertext is the same in every run.
   */
  static byte[] wrappedKey(EthPublicKey node, String seed) {
    SecureRandom random = seeded(seed);
    byte[] key = new byte[KEY_BYTES];
    random.nextBytes(key);
    try {
      byte[] wrapped = Ecies.encrypt(node, key, random);
      if (wrapped.length != WRAPPED_KEY_LENGTH) {
        throw new IllegalStateException("a wrapped key of " + wrapped.length + " bytes");
      }
      return wrapped;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** A 32-byte commitment to a new epoch's key. */
  static byte[] keyCommitment(String model, long epoch) {
    return Keccak256.digest(("key of " + model + " epoch " + epoch).getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] manifest(String model, String version) {
    return ("{\"model\":\"" + model + "\",\"version\":\"" + version + "\",\"task\":\"text-classification\","
        + "\"files\":{\"model.onnx\":\"bafybeiecdvy4wxentner2dtrhm454e3bez34ja6r7annw4vxpzs2jnb2le\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Cid cid(byte[] bytes) {
    Cid cid = ContentIds.v1Only().of(bytes).cidV1();
    if (cid.value().length() != 59 || !cid.value().startsWith("bafkrei")) {
      throw new IllegalStateException("not a 59-character bafkrei CID: " + cid);
    }
    return cid;
  }

  /** SHA1PRNG seeded before its first use is a fixed sequence (the default generators mix in the OS's entropy). */
  private static SecureRandom seeded(String seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed.getBytes(StandardCharsets.UTF_8));
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA1PRNG in this JDK", e);
    }
  }
}
