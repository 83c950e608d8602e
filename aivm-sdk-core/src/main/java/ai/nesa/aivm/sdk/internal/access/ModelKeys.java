package ai.nesa.aivm.sdk.internal.access;

import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.kernels.ManifestKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key schedule of a private model (written down in {@code docs/access.md}).
 *
 * <ul>
 *   <li>The owner draws one 32-byte <b>seed</b> per model.
 *   <li>The <b>epoch key</b> of epoch e is {@code H^(1024 − e)(seed)}, {@code H(x) = SHA-256("aivm-epoch-key/1" ‖ x)}:
 *       a backward chain, so whoever holds epoch e's key computes every earlier one and no later
 *       one. Grants hand out epoch keys (or Shamir shares of one); a node granted in epoch 3 runs
 *       versions published in epochs 0 to 3, and a node revoked in epoch 3 learns nothing of
 *       epoch 4's key.
 *   <li>Each version has a fresh 32-byte <b>data key</b>, which encrypts its files (chunked
 *       AES-256-GCM) and is sealed under its epoch's key in the manifest ({@link ManifestKeys}).
 * </ul>
 */
public final class ModelKeys {
  /** Epochs 0 to 1023: a model rotates its key at most 1023 times. */
  public static final int EPOCHS = 1024;
  /** Every key of the schedule is 32 bytes. */
  public static final int KEY_LENGTH = 32;

  private static final byte[] CHAIN_LABEL = "aivm-epoch-key/1".getBytes(StandardCharsets.US_ASCII);
  private static final int NONCE_LENGTH = 12;
  private static final int TAG_BITS = 128;

  private ModelKeys() {}

  /**
   * Epoch {@code epoch}'s key from the model's seed.
   *
   * @throws IllegalArgumentException when the epoch is outside 0 to {@value #EPOCHS} − 1
   */
  public static SecretBytes epochKey(SecretBytes seed, long epoch) {
    checkEpoch(epoch);
    return hashTimes(seed, EPOCHS - epoch);
  }

  /**
   * Epoch {@code older}'s key from epoch {@code newer}'s, {@code older ≤ newer}.
   *
   * @throws IllegalArgumentException when {@code older} is after {@code newer}: later keys do
   *     not follow from earlier ones, which is the point
   */
  public static SecretBytes olderKey(SecretBytes key, long newer, long older) {
    checkEpoch(newer);
    checkEpoch(older);
    if (older > newer) {
      throw new IllegalArgumentException("epoch " + older + "'s key does not follow from epoch " + newer + "'s");
    }
    return hashTimes(key, newer - older);
  }

  /** Seals {@code dataKey} under {@code epochKey} for {@code model@version} in {@code epoch}. */
  public static byte[] sealDataKey(SecretBytes epochKey, SecretBytes dataKey, ModelId model, Semver version, long epoch,
      SecureRandom random) {
    checkEpoch(epoch);
    checkKey(epochKey);
    checkKey(dataKey);
    byte[] nonce = new byte[NONCE_LENGTH];
    random.nextBytes(nonce);
    byte[] key = epochKey.export();
    byte[] plain = dataKey.export();
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      gcm.updateAAD(associatedData(model, version, epoch));
      byte[] sealed = Arrays.copyOf(nonce, ManifestKeys.SEALED_DATA_KEY_LENGTH);
      gcm.doFinal(plain, 0, plain.length, sealed, NONCE_LENGTH);
      return sealed;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
    } finally {
      Arrays.fill(key, (byte) 0);
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * The data key {@link #sealDataKey} sealed.
   *
   * @throws CryptoException {@code AUTHENTICATION} when the epoch key is the wrong one, or the
   *     sealed key, the model, the version or the epoch is not the one it was sealed for
   */
  public static SecretBytes openDataKey(SecretBytes epochKey, byte[] sealed, ModelId model, Semver version, long epoch) {
    checkEpoch(epoch);
    if (sealed.length != ManifestKeys.SEALED_DATA_KEY_LENGTH) {
      throw new CryptoException(CryptoException.Check.LENGTH,
          "a sealed data key is " + ManifestKeys.SEALED_DATA_KEY_LENGTH + " bytes, not " + sealed.length);
    }
    checkKey(epochKey);
    byte[] key = epochKey.export();
    byte[] plain = null;
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_LENGTH));
      gcm.updateAAD(associatedData(model, version, epoch));
      plain = gcm.doFinal(sealed, NONCE_LENGTH, sealed.length - NONCE_LENGTH);
      return SecretBytes.copyOf(plain);
    } catch (AEADBadTagException e) {
      throw new CryptoException(CryptoException.Check.AUTHENTICATION, "the data key of " + model + "@" + version.text()
          + " does not open with this key of epoch " + epoch + ": the wrong key, or a changed manifest");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
    } finally {
      Arrays.fill(key, (byte) 0);
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  /** {@code aivm-data-key/1:<org/model>@<version>:<epoch>} in UTF-8. */
  static byte[] associatedData(ModelId model, Semver version, long epoch) {
    return ("aivm-data-key/1:" + model + "@" + version.text() + ":" + epoch).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * @throws IllegalArgumentException when the epoch is outside the schedule
   */
  public static void checkEpoch(long epoch) {
    if (epoch < 0 || epoch >= EPOCHS) {
      throw new IllegalArgumentException("a model's key epochs are 0 to " + (EPOCHS - 1) + ", not " + epoch);
    }
  }

  private static void checkKey(SecretBytes key) {
    if (key.length() != KEY_LENGTH) {
      throw new CryptoException(CryptoException.Check.INVALID_KEY, "a model key is " + KEY_LENGTH + " bytes, not "
          + key.length());
    }
  }

  private static SecretBytes hashTimes(SecretBytes start, long times) {
    checkKey(start);
    byte[] x = start.export();
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (long i = 0; i < times; i++) {
        sha.update(CHAIN_LABEL);
        sha.update(x);
        byte[] next = sha.digest();
        Arrays.fill(x, (byte) 0);
        x = next;
      }
      return SecretBytes.copyOf(x);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    } finally {
      Arrays.fill(x, (byte) 0);
    }
  }
}
