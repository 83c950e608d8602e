package ai.nesa.aivm.crypto.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.CryptoException.Check;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.Keccak256;
import ai.nesa.aivm.crypto.Signature;
import ai.nesa.aivm.crypto.Signatures;
import ai.nesa.aivm.crypto.internal.Secp256k1;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Signatures: their form, and every way verification refuses one, each with its own check. */
class SignaturesTest {
  private static final EthPrivateKey KEY =
      EthPrivateKey.fromBytes(Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
  private static final EthPrivateKey OTHER =
      EthPrivateKey.fromBytes(Hex.decode("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"));
  private static final Hash32 DIGEST = Keccak256.hash("a receipt".getBytes(StandardCharsets.UTF_8));
  private static final BigInteger N = Secp256k1.N;

  private static Signature good() {
    return EthSigner.of(KEY).sign(DIGEST);
  }

  @Test
  void aSignatureRoundTripsThroughBytesAndHex() {
    Signature s = good();
    byte[] bytes = s.toBytes();
    assertEquals(65, bytes.length);
    assertTrue(bytes[64] == 27 || bytes[64] == 28, "v is 27 or 28");
    assertEquals(s, Signature.fromBytes(bytes));
    assertEquals(s, Signature.fromHex(s.toHex()));
    assertEquals(s, Signature.fromHex(s.toHex().toUpperCase().replace("0X", "0x")));
    assertTrue(s.isLowS());
    Signatures.verify(DIGEST, s, KEY.address());
    assertEquals(KEY.address(), Signatures.recover(DIGEST, s));
    assertEquals(KEY.publicKey(), Signatures.recoverPublicKey(DIGEST, s));
  }

  @Test
  void vIsAcceptedAsZeroOrOneAndHeldAs27Or28() {
    Signature s = good();
    byte[] raw = s.toBytes();
    raw[64] -= 27;
    Signature fromRecoveryId = Signature.fromBytes(raw);
    assertEquals(s, fromRecoveryId);
    assertEquals(s.v(), fromRecoveryId.v());
    assertEquals(s.v() - 27, fromRecoveryId.recoveryId());
    Signatures.verify(DIGEST, fromRecoveryId, KEY.address());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 63, 64, 66, 130})
  void aWrongLengthIsMalformed(int length) {
    assertCheck(Check.SIGNATURE_MALFORMED, () -> Signature.fromBytes(Arrays.copyOf(good().toBytes(), length)));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 26, 29, 35, 36, 255})
  void aVThatIsNoRecoveryIdIsMalformed(int v) {
    byte[] raw = good().toBytes();
    raw[64] = (byte) v;
    assertCheck(Check.SIGNATURE_MALFORMED, () -> Signature.fromBytes(raw));
  }

  @Test
  void textThatIsNotHexIsMalformed() {
    assertCheck(Check.SIGNATURE_MALFORMED, () -> Signature.fromHex("0x" + "zz".repeat(65)));
    assertCheck(Check.SIGNATURE_MALFORMED, () -> Signature.fromHex("0x123"));
  }

  @Test
  void rAndSOutsideOneToNMinusOneAreMalformed() {
    Signature s = good();
    assertCheck(Check.SIGNATURE_MALFORMED, () -> Signature.fromBytes(withR(s, BigInteger.ZERO)));
    assertCheck(Check.SIGNATURE_MALFORMED, () -> Signature.fromBytes(withS(s, BigInteger.ZERO)));
    assertCheck(Check.SIGNATURE_MALFORMED, () -> Signature.fromBytes(withR(s, N)));
    assertCheck(Check.SIGNATURE_MALFORMED, () -> Signature.fromBytes(withR(s, N.add(BigInteger.ONE))));
    assertCheck(Check.SIGNATURE_MALFORMED, () -> Signature.fromBytes(withS(s, N)));
    assertCheck(Check.SIGNATURE_MALFORMED, () -> new Signature(BigInteger.ONE.negate(), s.s(), 27));
    // The same rules hold for a raw r ‖ s checked against a public key.
    assertCheck(Check.SIGNATURE_MALFORMED, () -> Signatures.verify(DIGEST, Arrays.copyOf(withR(s, BigInteger.ZERO), 64), KEY.publicKey()));
    assertCheck(Check.SIGNATURE_MALFORMED, () -> Signatures.verify(DIGEST, Arrays.copyOf(withS(s, N), 64), KEY.publicKey()));
    assertCheck(Check.SIGNATURE_MALFORMED, () -> Signatures.verify(DIGEST, s.toBytes(), KEY.publicKey()));
  }

  @Test
  void theHighSTwinOfAGoodSignatureIsRefusedAsHighS() {
    Signature s = good();
    // (r, n - s) with the other v is a mathematically valid signature by the same key (malleability).
    Signature twin = new Signature(s.r(), N.subtract(s.s()), s.v() == 27 ? 28 : 27);
    assertFalse(twin.isLowS());
    assertCheck(Check.SIGNATURE_HIGH_S, () -> Signatures.verify(DIGEST, twin, KEY.address()));
    assertCheck(Check.SIGNATURE_HIGH_S, () -> Signatures.recover(DIGEST, twin));
    byte[] rs = Arrays.copyOf(twin.toBytes(), 64);
    assertCheck(Check.SIGNATURE_HIGH_S, () -> Signatures.verify(DIGEST, rs, KEY.publicKey()));
    // s = n/2 is the largest low s; n/2 + 1 the smallest high one.
    assertTrue(new Signature(s.r(), Secp256k1.HALF_N, 27).isLowS());
    assertFalse(new Signature(s.r(), Secp256k1.HALF_N.add(BigInteger.ONE), 27).isLowS());
  }

  @Test
  void anotherSignersSignatureIsASignerMismatch() {
    Signature byOther = EthSigner.of(OTHER).sign(DIGEST);
    CryptoException e = assertCheck(Check.SIGNER_MISMATCH, () -> Signatures.verify(DIGEST, byOther, KEY.address()));
    assertTrue(e.getMessage().contains(OTHER.address().toString()), "names the actual signer");
    assertCheck(Check.SIGNATURE_INVALID, () -> Signatures.verify(DIGEST, Arrays.copyOf(byOther.toBytes(), 64), KEY.publicKey()));
  }

  /**
   * A tampered digest is a SIGNER_MISMATCH: a genuine r names a real curve point, so recovery
   * succeeds and yields some other key. Only against a known public key (no recovery) is it
   * SIGNATURE_INVALID.
   */
  @Test
  void aTamperedDigestIsASignerMismatchOrInvalidAgainstAKnownKey() {
    Signature s = good();
    byte[] tampered = DIGEST.bytes();
    tampered[0] ^= 1;
    Hash32 other = Hash32.fromBytes(tampered);
    assertCheck(Check.SIGNER_MISMATCH, () -> Signatures.verify(other, s, KEY.address()));
    assertCheck(Check.SIGNATURE_INVALID, () -> Signatures.verify(other, Arrays.copyOf(s.toBytes(), 64), KEY.publicKey()));
  }

  @Test
  void flippingVRecoversAnotherKey() {
    Signature s = good();
    Signature flipped = new Signature(s.r(), s.s(), s.v() == 27 ? 28 : 27);
    assertCheck(Check.SIGNER_MISMATCH, () -> Signatures.verify(DIGEST, flipped, KEY.address()));
  }

  @Test
  void anRThatIsNoPointsXCannotBeRecovered() {
    // x = 5: 5³ + 7 = 132 is not a square mod p, so no point has this x.
    Signature noPoint = new Signature(BigInteger.valueOf(5), BigInteger.ONE, 27);
    assertCheck(Check.SIGNATURE_INVALID, () -> Signatures.recover(DIGEST, noPoint));
    assertCheck(Check.SIGNATURE_INVALID, () -> Signatures.verify(DIGEST, noPoint, KEY.address()));
  }

  @Test
  void aSignatureThatRecoversThePointAtInfinityIsInvalid() {
    // With R = G (r = Gx), s = 1 and e = 1: Q = r⁻¹(G − G) is the point at infinity.
    BigInteger gx = Secp256k1.DOMAIN.getG().getAffineXCoord().toBigInteger();
    int v = Secp256k1.DOMAIN.getG().getAffineYCoord().testBitZero() ? 28 : 27;
    byte[] one = new byte[32];
    one[31] = 1;
    assertCheck(Check.SIGNATURE_INVALID, () -> Signatures.recover(Hash32.fromBytes(one), new Signature(gx, BigInteger.ONE, v)));
  }

  @Test
  void signaturesFromManyKeysVerifyAndEmitLowS() {
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 50; i++) {
      EthPrivateKey key = EthPrivateKey.generate(random);
      byte[] d = new byte[32];
      random.nextBytes(d);
      Signature s = EthSigner.of(key).sign(Hash32.fromBytes(d));
      assertTrue(s.isLowS());
      Signatures.verify(Hash32.fromBytes(d), s, key.address());
      Signatures.verify(Hash32.fromBytes(d), Arrays.copyOf(s.toBytes(), 64), key.publicKey());
    }
  }

  @Test
  void theSignerNeverPrintsItsKey() {
    EthSigner signer = EthSigner.of(KEY);
    assertEquals(KEY.address(), signer.address());
    assertFalse(signer.toString().contains("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
    assertTrue(signer.toString().contains(KEY.address().toString()));
  }

  @Test
  void aDestroyedKeyCannotSign() {
    EthPrivateKey key = EthPrivateKey.generate(new SecureRandom());
    EthSigner signer = EthSigner.of(key);
    key.destroy();
    assertThrows(IllegalStateException.class, () -> signer.sign(DIGEST));
  }

  @Test
  void publishedSignatureBytesDecode() {
    Signature s = Signature.fromHex("0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d"
        + "07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562" + "1c");
    assertEquals(28, s.v());
    assertArrayEquals(Hex.decode("0x07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562"),
        Arrays.copyOfRange(s.toBytes(), 32, 64));
    assertEquals(Address.of("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"),
        Signatures.recover(Hash32.of("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2"), s));
  }

  private static CryptoException assertCheck(Check check, Executable action) {
    CryptoException e = assertThrows(CryptoException.class, action);
    assertEquals(check, e.check(), e::getMessage);
    return e;
  }

  private static byte[] withR(Signature s, BigInteger r) {
    byte[] b = s.toBytes();
    System.arraycopy(word(r), 0, b, 0, 32);
    return b;
  }

  private static byte[] withS(Signature s, BigInteger value) {
    byte[] b = s.toBytes();
    System.arraycopy(word(value), 0, b, 32, 32);
    return b;
  }

  private static byte[] word(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }
}
