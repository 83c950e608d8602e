package ai.nesa.aivm.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.AivmValidationException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keys, addresses and hashes against published Ethereum values. */
class KeysTest {
  /** Anvil's and Hardhat's first well-known development account. */
  private static final String DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
  private static final String DEV_ADDRESS = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

  @Test
  void hexTakesAsciiDigitsOnly() {
    assertArrayEquals(new byte[] {(byte) 0xab, 0x01}, Hex.decode("0xAb01"));
    assertThrows(IllegalArgumentException.class, () -> Hex.decode("\uff10\uff11"), "fullwidth digits are not hex");
    assertThrows(IllegalArgumentException.class, () -> Hex.decode("abc"));
    assertEquals(-1, Hex.digit('g'));
  }

  @Test
  void keccakOfTheEmptyString() {
    assertEquals("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", Hex.encode(Keccak256.digest()));
    assertEquals(Keccak256.hash("ab".getBytes(StandardCharsets.UTF_8)),
        Keccak256.hash("a".getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aKnownPrivateKeyGivesItsKnownAddress() {
    EthPrivateKey key = EthPrivateKey.fromBytes(Hex.decode(DEV_KEY));
    assertEquals(DEV_ADDRESS, key.address().toString());
    assertEquals(Address.of(DEV_ADDRESS), key.publicKey().address());
  }

  @Test
  void publicKeysDecodeInEveryFormAndAgree() {
    EthPublicKey key = EthPrivateKey.fromBytes(Hex.decode(DEV_KEY)).publicKey();
    byte[] raw = java.util.Arrays.copyOfRange(key.uncompressed(), 1, 65);
    assertEquals(key, EthPublicKey.fromBytes(key.uncompressed()));
    assertEquals(key, EthPublicKey.fromBytes(key.compressed()));
    assertEquals(key, EthPublicKey.fromBytes(raw));
    assertEquals(key, EthPublicKey.fromHex(key.toString()));
  }

  @Test
  void aPointOffTheCurveIsRefused() {
    byte[] bad = EthPrivateKey.fromBytes(Hex.decode(DEV_KEY)).publicKey().uncompressed();
    bad[64] ^= 1;
    CryptoException e = assertThrows(CryptoException.class, () -> EthPublicKey.fromBytes(bad));
    assertEquals(CryptoException.Check.POINT_NOT_ON_CURVE, e.check());
    assertEquals(CryptoException.Check.FORMAT, assertThrows(CryptoException.class,
        () -> EthPublicKey.fromBytes(new byte[] {4, 1, 2})).check());
  }

  @Test
  void privateKeysOutsideOneToNMinusOneAreRefused() {
    byte[] n = Hex.decode("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
    for (byte[] bad : new byte[][] {new byte[32], n, new byte[31], new BigInteger(1, n).add(BigInteger.ONE).toByteArray()}) {
      assertEquals(CryptoException.Check.INVALID_KEY,
          assertThrows(CryptoException.class, () -> EthPrivateKey.fromBytes(bad)).check());
    }
  }

  @Test
  void aPrivateKeyNeverPrintsItselfAndCanBeWiped() {
    EthPrivateKey key = EthPrivateKey.generate(new SecureRandom());
    String hex = Hex.encodePlain(key.export().export());
    assertFalse(key.toString().contains(hex));
    assertTrue(key.toString().contains(key.address().toString()));
    key.destroy();
    assertTrue(key.isDestroyed());
    assertThrows(IllegalStateException.class, key::export);
  }

  @Test
  void secretsCompareByContentAndNeverPrint() {
    SecretBytes a = SecretBytes.copyOf(new byte[] {1, 2, 3});
    assertEquals(a, SecretBytes.copyOf(new byte[] {1, 2, 3}));
    assertNotEquals(a, SecretBytes.copyOf(new byte[] {1, 2, 4}));
    assertNotEquals(a, SecretBytes.copyOf(new byte[] {1, 2}));
    assertEquals("SecretBytes[3 bytes, redacted]", a.toString());
    byte[] exported = a.export();
    exported[0] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, a.export(), "an export is a copy");
    a.destroy();
    assertThrows(IllegalStateException.class, a::export);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
      "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"})
  void eip55ChecksumsFromTheEip(String checksummed) {
    Address a = Address.of(checksummed);
    assertEquals(checksummed, a.toChecksumHex());
    assertEquals(a, Address.of(checksummed.toLowerCase()));
    assertEquals(a, Address.of("0x" + checksummed.substring(2).toUpperCase()));
  }

  @Test
  void aMistypedMixedCaseAddressFailsItsChecksum() {
    AivmValidationException e = assertThrows(AivmValidationException.class,
        () -> Address.of("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
    assertEquals("checksum", e.problems().get(0).rule());
  }
}
