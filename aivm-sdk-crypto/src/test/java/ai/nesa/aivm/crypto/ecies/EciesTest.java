package ai.nesa.aivm.crypto.ecies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.CryptoException.Check;
import ai.nesa.aivm.crypto.Ecies;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthPublicKey;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.crypto.internal.Secp256k1;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ECIES in the eciesjs format, without node: layout, known answer, round trips and every bad input. */
class EciesTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Anvil's first development key, as the recipient. */
  private static final EthPrivateKey RECIPIENT =
      EthPrivateKey.fromBytes(Hex.decode("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
  private static final byte[] EPHEMERAL = filled(32, 0x11);
  private static final byte[] NONCE = filled(16, 0x22);
  /**
   * eciesjs 0.5.0 {@code encrypt(<RECIPIENT's compressed public key>, "hello")} with its
   * randomness scripted to the ephemeral key 11…11 and the nonce 22…22 (src/test/js/
   * ecies-encrypt-fixed.mjs).
   */
  private static final String ECIESJS_HELLO = "044f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa"
      + "385b6b1b8ead809ca67454d9683fcf2ba03456d6fe2c4abe2b07f0fbdbb2f1c1" + "22222222222222222222222222222222"
      + "c726254e94e73b754588ef8dc5c5e80c" + "8805e5406e";

  @Test
  void encryptingWithEciesjssRandomnessGivesEciesjssBytes() {
    ScriptedRandom random = new ScriptedRandom(EPHEMERAL, NONCE);
    byte[] ciphertext = Ecies.encrypt(RECIPIENT.publicKey(), "hello".getBytes(StandardCharsets.US_ASCII), random);
    assertEquals(ECIESJS_HELLO, Hex.encodePlain(ciphertext));
    assertTrue(random.exhausted(), "exactly 32 bytes of ephemeral key and 16 of nonce are drawn");
    assertEquals("hello", new String(Ecies.decrypt(RECIPIENT, Hex.decode(ECIESJS_HELLO)), StandardCharsets.US_ASCII));
  }

  /** The layout and key derivation in the class Javadoc, recomputed with nothing of the SDK but the curve. */
  @Test
  void aCiphertextIsEphemeralKeyNonceTagCiphertextUnderHkdfOfBothUncompressedPoints() throws Exception {
    byte[] plaintext = new byte[45];
    RANDOM.nextBytes(plaintext);
    byte[] ciphertext = Ecies.encrypt(RECIPIENT.publicKey(), plaintext, new ScriptedRandom(EPHEMERAL, NONCE));

    BigInteger r = new BigInteger(1, EPHEMERAL);
    byte[] ephemeralPublic = Secp256k1.DOMAIN.getG().multiply(r).normalize().getEncoded(false);
    ECPoint recipient = Secp256k1.decodePoint(RECIPIENT.publicKey().uncompressed());
    byte[] sharedPoint = recipient.multiply(r).normalize().getEncoded(false); // the whole point, 65 bytes
    Mac hmac = Mac.getInstance("HmacSHA256");
    hmac.init(new SecretKeySpec(new byte[32], "HmacSHA256")); // no salt: 32 zero bytes
    hmac.update(ephemeralPublic);
    byte[] prk = hmac.doFinal(sharedPoint);
    hmac.init(new SecretKeySpec(prk, "HmacSHA256"));
    byte[] key = hmac.doFinal(new byte[] {1}); // empty info, first and only block
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, NONCE));
    byte[] sealed = gcm.doFinal(plaintext); // ciphertext ‖ tag

    assertEquals(97 + plaintext.length, ciphertext.length);
    assertArrayEquals(ephemeralPublic, Arrays.copyOfRange(ciphertext, 0, 65));
    assertArrayEquals(NONCE, Arrays.copyOfRange(ciphertext, 65, 81));
    assertArrayEquals(Arrays.copyOfRange(sealed, plaintext.length, sealed.length), Arrays.copyOfRange(ciphertext, 81, 97));
    assertArrayEquals(Arrays.copyOfRange(sealed, 0, plaintext.length), Arrays.copyOfRange(ciphertext, 97, ciphertext.length));
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 1, 15, 16, 17, 32, 1000, 65536})
  void everyPlaintextLengthRoundTripsWithNinetySevenBytesOverhead(int length) {
    byte[] plaintext = new byte[length];
    RANDOM.nextBytes(plaintext);
    byte[] ciphertext = Ecies.encrypt(RECIPIENT.publicKey(), plaintext, RANDOM);
    assertEquals(Ecies.OVERHEAD + length, ciphertext.length);
    assertArrayEquals(plaintext, Ecies.decrypt(RECIPIENT, ciphertext));
  }

  @Test
  void twoEncryptionsOfOneMessageDiffer() {
    byte[] plaintext = new byte[32];
    byte[] a = Ecies.encrypt(RECIPIENT.publicKey(), plaintext, RANDOM);
    byte[] b = Ecies.encrypt(RECIPIENT.publicKey(), plaintext, RANDOM);
    assertTrue(!Arrays.equals(Arrays.copyOf(a, 65), Arrays.copyOf(b, 65)) && !Arrays.equals(a, b));
  }

  @Test
  void aWrappedDataKeyIs129BytesAndUnwraps() {
    assertEquals(129, Ecies.WRAPPED_KEY_LENGTH);
    assertEquals(65 + 16 + 16 + 32, Ecies.WRAPPED_KEY_LENGTH);
    SecretBytes dataKey = SecretBytes.random(32, RANDOM);
    byte[] wrapped = Ecies.wrapKey(RECIPIENT.publicKey(), dataKey, RANDOM);
    assertEquals(129, wrapped.length);
    assertEquals(dataKey, Ecies.unwrapKey(RECIPIENT, wrapped));
  }

  @Test
  void onlyThirtyTwoByteDataKeysAreWrapped() {
    for (int length : new int[] {1, 16, 31, 33, 64}) {
      CryptoException e = assertThrows(CryptoException.class,
          () -> Ecies.wrapKey(RECIPIENT.publicKey(), SecretBytes.random(length, RANDOM), RANDOM));
      assertEquals(Check.INVALID_KEY, e.check());
    }
  }

  @Test
  void unwrapRefusesAnythingButOneHundredTwentyNineBytes() {
    byte[] longer = Ecies.encrypt(RECIPIENT.publicKey(), new byte[33], RANDOM);
    for (byte[] wrong : new byte[][] {new byte[0], new byte[128], longer, new byte[200]}) {
      CryptoException e = assertThrows(CryptoException.class, () -> Ecies.unwrapKey(RECIPIENT, wrong));
      assertEquals(Check.LENGTH, e.check());
      assertTrue(e.getMessage().contains("129"), e.getMessage());
    }
  }

  @Test
  void inputShorterThanNinetySevenBytesIsALengthErrorNamingTheMinimum() {
    for (int length : new int[] {0, 1, 64, 65, 81, 96}) {
      CryptoException e = assertThrows(CryptoException.class, () -> Ecies.decrypt(RECIPIENT, new byte[length]));
      assertEquals(Check.LENGTH, e.check());
      assertTrue(e.getMessage().contains("at least 97 bytes"), e.getMessage());
    }
  }

  /**
   * Every byte of a wrapped key, flipped three ways: the prefix gives FORMAT, x and y give
   * POINT_NOT_ON_CURVE (the changed point is off the curve), nonce, tag and ciphertext give
   * AUTHENTICATION. Nothing decrypts.
   */
  @Test
  void flippingAnyByteIsDetectedByTheRightCheck() {
    // A fixed ephemeral key makes the case reproducible.
    byte[] wrapped = Ecies.wrapKey(RECIPIENT.publicKey(), SecretBytes.random(32, RANDOM), new ScriptedRandom(EPHEMERAL, NONCE));
    for (int i = 0; i < wrapped.length; i++) {
      Check expected = i == 0 ? Check.FORMAT : i < 65 ? Check.POINT_NOT_ON_CURVE : Check.AUTHENTICATION;
      for (int mask : new int[] {0x01, 0x80, 0xff}) {
        byte[] tampered = wrapped.clone();
        tampered[i] ^= (byte) mask;
        CryptoException e = assertThrows(CryptoException.class, () -> Ecies.decrypt(RECIPIENT, tampered),
            "byte " + i + " ^ " + mask);
        assertEquals(expected, e.check(), "byte " + i + " ^ " + mask);
      }
    }
  }

  @Test
  void truncatingOrExtendingTheCiphertextFailsAuthentication() {
    byte[] ciphertext = Ecies.encrypt(RECIPIENT.publicKey(), new byte[40], RANDOM);
    for (byte[] changed : new byte[][] {Arrays.copyOf(ciphertext, ciphertext.length - 1),
        Arrays.copyOf(ciphertext, ciphertext.length + 1), Arrays.copyOf(ciphertext, 97)}) {
      assertEquals(Check.AUTHENTICATION, assertThrows(CryptoException.class, () -> Ecies.decrypt(RECIPIENT, changed)).check());
    }
  }

  @Test
  void theWrongPrivateKeyFailsAuthentication() {
    byte[] ciphertext = Ecies.encrypt(RECIPIENT.publicKey(), new byte[32], RANDOM);
    EthPrivateKey other = EthPrivateKey.generate(RANDOM);
    assertEquals(Check.AUTHENTICATION, assertThrows(CryptoException.class, () -> Ecies.decrypt(other, ciphertext)).check());
    assertEquals(Check.AUTHENTICATION, assertThrows(CryptoException.class,
        () -> Ecies.unwrapKey(other, Ecies.wrapKey(RECIPIENT.publicKey(), SecretBytes.random(32, RANDOM), RANDOM))).check());
  }

  @Test
  void anEphemeralKeyThatIsNotAnUncompressedCurvePointIsRefusedBeforeAnyMultiplication() {
    byte[] good = Ecies.encrypt(RECIPIENT.publicKey(), new byte[8], RANDOM);
    // Coordinates ≥ p are no field elements; (0, 0) and (x, y+1) are not on the curve.
    byte[][] offCurve = {point(filled(32, 0xff), filled(32, 0xff)), point(new byte[32], new byte[32]),
        point(Arrays.copyOfRange(good, 1, 33), plusOne(Arrays.copyOfRange(good, 33, 65)))};
    for (byte[] ephemeral : offCurve) {
      byte[] bad = good.clone();
      System.arraycopy(ephemeral, 0, bad, 0, 65);
      assertEquals(Check.POINT_NOT_ON_CURVE, assertThrows(CryptoException.class, () -> Ecies.decrypt(RECIPIENT, bad)).check());
    }
    // A compressed key (02/03 ‖ x) or the infinity byte where eciesjs writes 04 ‖ x ‖ y.
    EthPublicKey ephemeral = EthPublicKey.fromBytes(Arrays.copyOf(good, 65));
    for (byte[] prefix : new byte[][] {ephemeral.compressed(), {0x00}, {0x06}, {0x07}}) {
      byte[] bad = good.clone();
      System.arraycopy(prefix, 0, bad, 0, prefix.length);
      assertEquals(Check.FORMAT, assertThrows(CryptoException.class, () -> Ecies.decrypt(RECIPIENT, bad)).check());
    }
  }

  @Test
  void aDestroyedKeyCannotDecrypt() {
    EthPrivateKey key = EthPrivateKey.generate(RANDOM);
    byte[] ciphertext = Ecies.encrypt(key.publicKey(), new byte[1], RANDOM);
    key.destroy();
    assertThrows(IllegalStateException.class, () -> Ecies.decrypt(key, ciphertext));
  }

  private static byte[] point(byte[] x, byte[] y) {
    byte[] out = new byte[65];
    out[0] = 4;
    System.arraycopy(x, 0, out, 1, 32);
    System.arraycopy(y, 0, out, 33, 32);
    return out;
  }

  private static byte[] plusOne(byte[] y) {
    byte[] out = new BigInteger(1, y).add(BigInteger.ONE).toByteArray();
    return Arrays.copyOfRange(out, out.length - 32, out.length);
  }

  private static byte[] filled(int length, int value) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) value);
    return b;
  }
}
