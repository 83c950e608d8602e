package ai.nesa.aivm.sdk.internal.access;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.kernels.ManifestKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The key schedule of docs/access.md: the backward chain of epoch keys and the sealed data key. */
class ModelKeysTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final SecretBytes SEED = SecretBytes.copyOf(Hex.decode("00".repeat(31) + "01"));
  private static final ModelId MODEL = ModelId.of("acme/secret");
  private static final Semver V = Semver.of("1.2.3");

  @Test
  void theLastEpochsKeyIsOneLabelledSha256OfTheSeedAndEachEarlierOneHashesItsSuccessor() throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update("aivm-epoch-key/1".getBytes(StandardCharsets.US_ASCII));
    sha.update(SEED.export());
    byte[] last = sha.digest();
    assertArrayEquals(last, ModelKeys.epochKey(SEED, ModelKeys.EPOCHS - 1).export());

    sha.update("aivm-epoch-key/1".getBytes(StandardCharsets.US_ASCII));
    sha.update(last);
    assertArrayEquals(sha.digest(), ModelKeys.epochKey(SEED, ModelKeys.EPOCHS - 2).export());
  }

  @Test
  void aLaterEpochsKeyGivesEveryEarlierOneAndNeverALaterOne() {
    SecretBytes five = ModelKeys.epochKey(SEED, 5);
    for (long older = 0; older <= 5; older++) {
      assertEquals(ModelKeys.epochKey(SEED, older), ModelKeys.olderKey(five, 5, older), "epoch " + older);
    }
    assertThrows(IllegalArgumentException.class, () -> ModelKeys.olderKey(five, 5, 6));
    assertNotEquals(ModelKeys.epochKey(SEED, 6), ModelKeys.olderKey(five, 5, 5));
    assertThrows(IllegalArgumentException.class, () -> ModelKeys.epochKey(SEED, ModelKeys.EPOCHS));
    assertThrows(IllegalArgumentException.class, () -> ModelKeys.epochKey(SEED, -1));
  }

  @Test
  void aSealedDataKeyOpensOnlyWithItsEpochKeyForItsModelVersionAndEpoch() {
    SecretBytes epochKey = ModelKeys.epochKey(SEED, 2);
    SecretBytes dataKey = SecretBytes.random(32, RANDOM);
    byte[] sealed = ModelKeys.sealDataKey(epochKey, dataKey, MODEL, V, 2, RANDOM);
    assertEquals(ManifestKeys.SEALED_DATA_KEY_LENGTH, sealed.length);

    assertEquals(dataKey, ModelKeys.openDataKey(epochKey, sealed, MODEL, V, 2));
    assertAuthentication(() -> ModelKeys.openDataKey(ModelKeys.epochKey(SEED, 1), sealed, MODEL, V, 2));
    assertAuthentication(() -> ModelKeys.openDataKey(epochKey, sealed, ModelId.of("acme/other"), V, 2));
    assertAuthentication(() -> ModelKeys.openDataKey(epochKey, sealed, MODEL, Semver.of("1.2.4"), 2));
    assertAuthentication(() -> ModelKeys.openDataKey(epochKey, sealed, MODEL, V, 3));
    for (int i : new int[] {0, 11, 12, 43, 44, 59}) { // nonce, ciphertext, tag
      byte[] changed = sealed.clone();
      changed[i] ^= 0x40;
      assertAuthentication(() -> ModelKeys.openDataKey(epochKey, changed, MODEL, V, 2));
    }
    assertEquals(CryptoException.Check.LENGTH, assertThrows(CryptoException.class,
        () -> ModelKeys.openDataKey(epochKey, new byte[59], MODEL, V, 2)).check());
    assertEquals(CryptoException.Check.INVALID_KEY, assertThrows(CryptoException.class,
        () -> ModelKeys.openDataKey(SecretBytes.random(34, RANDOM), sealed, MODEL, V, 2)).check());
  }

  @Test
  void theAssociatedDataIsTheDocumentedText() {
    assertArrayEquals("aivm-data-key/1:acme/secret@1.2.3:7".getBytes(StandardCharsets.UTF_8),
        ModelKeys.associatedData(MODEL, V, 7));
  }

  private static void assertAuthentication(org.junit.jupiter.api.function.Executable call) {
    assertEquals(CryptoException.Check.AUTHENTICATION, assertThrows(CryptoException.class, call).check());
  }
}
