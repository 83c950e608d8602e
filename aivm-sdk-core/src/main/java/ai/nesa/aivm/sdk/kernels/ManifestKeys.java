package ai.nesa.aivm.sdk.kernels;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Hex;
import java.util.Arrays;
import java.util.Objects;

/**
 * The keys a private manifest carries, written by {@code client.access().publish(...)}: the key
 * epoch its files are encrypted under, the version's data key sealed under that epoch's key, and
 * the model's key seed wrapped to its owner, so that the owner can always recover every key from
 * the manifest and its wallet alone. Neither opens without a secret: the sealed data key needs
 * the epoch key (what a node's grant holds), the wrapped seed the owner's private key.
 *
 * <pre>{@code
 * "keys":{"epoch":1,"owner":"0x…","sealedDataKey":"…","sealedSeed":"…"}
 * }</pre>
 *
 * <p>{@code sealedDataKey}: AES-256-GCM of the 32-byte data key under the epoch key, {@code nonce
 * (12) ‖ ciphertext (32) ‖ tag (16)}, the associated data {@code aivm-data-key/1:<org/model>@<version>:<epoch>}
 * in UTF-8. {@code sealedSeed}: the 32-byte seed ECIES-wrapped (eciesjs format) to the owner's
 * secp256k1 public key. Hex is lower case without {@code 0x}; {@code owner} is the address in
 * lower case with {@code 0x}. The key schedule is written down in {@code docs/access.md}.
 *
 * @param epoch the key epoch the version was published in
 * @param owner the owner the seed is wrapped to
 * @param sealedDataKey the sealed data key, {@value #SEALED_DATA_KEY_LENGTH} bytes
 * @param sealedSeed the wrapped seed, {@value #SEALED_SEED_LENGTH} bytes
 * @since 0.1.0
 */
public record ManifestKeys(long epoch, Address owner, byte[] sealedDataKey, byte[] sealedSeed) {
  /** 12-byte nonce, 32-byte key, 16-byte tag. */
  public static final int SEALED_DATA_KEY_LENGTH = 60;
  /** An ECIES-wrapped 32-byte key. */
  public static final int SEALED_SEED_LENGTH = 129;

  public ManifestKeys {
    Objects.requireNonNull(owner, "owner");
    if (epoch < 0) {
      throw AivmValidationException.of("$.keys.epoch", "minimum", epoch, "a key epoch is not negative");
    }
    if (Objects.requireNonNull(sealedDataKey, "sealedDataKey").length != SEALED_DATA_KEY_LENGTH) {
      throw AivmValidationException.of("$.keys.sealedDataKey", "size", sealedDataKey.length,
          "a sealed data key is " + SEALED_DATA_KEY_LENGTH + " bytes");
    }
    if (Objects.requireNonNull(sealedSeed, "sealedSeed").length != SEALED_SEED_LENGTH) {
      throw AivmValidationException.of("$.keys.sealedSeed", "size", sealedSeed.length,
          "a wrapped seed is " + SEALED_SEED_LENGTH + " bytes");
    }
    sealedDataKey = sealedDataKey.clone();
    sealedSeed = sealedSeed.clone();
  }

  /** A copy of the sealed data key. */
  @Override
  public byte[] sealedDataKey() {
    return sealedDataKey.clone();
  }

  /** A copy of the wrapped seed. */
  @Override
  public byte[] sealedSeed() {
    return sealedSeed.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ManifestKeys k && epoch == k.epoch && owner.equals(k.owner)
        && Arrays.equals(sealedDataKey, k.sealedDataKey) && Arrays.equals(sealedSeed, k.sealedSeed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(epoch, owner, Arrays.hashCode(sealedDataKey), Arrays.hashCode(sealedSeed));
  }

  /** Ciphertexts only, and they are public; shown short. */
  @Override
  public String toString() {
    return "ManifestKeys[epoch " + epoch + ", owner " + owner + ", sealed data key "
        + Hex.encode(Arrays.copyOf(sealedDataKey, 4)) + "…]";
  }
}
