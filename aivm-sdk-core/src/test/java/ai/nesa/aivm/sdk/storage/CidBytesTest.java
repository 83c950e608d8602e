package ai.nesa.aivm.sdk.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.internal.storage.Base32;
import ai.nesa.aivm.sdk.internal.storage.Base58;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CidBytesTest {
  private static final String HELLO_RAW = "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e";
  /** The same CID in base58btc, as js-ipfs prints it (multiformats' {@code toString(base58btc)}). */
  private static final String HELLO_RAW_Z = "zb2rhj7crUKTQYRGCRATFaQ6YFLTde2YzdqbbhAASkL9uRDXn";
  private static final String HELLO_SHA256 = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";
  /** Debian's ipfs_cid for "hello world": the dag-pb root as CIDv0 and as CIDv1. */
  private static final String HELLO_V0 = "Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD";
  private static final String HELLO_V0_AS_V1 = "bafybeihykld7uyxzogax6vgyvag42y7464eywpf55gxi5qpoisibh3c5wa";

  @Test
  void aCidV0IsASha256MultihashOfADagPbBlock() {
    CidBytes cid = CidBytes.decode(Cid.of("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG"));
    assertEquals(0, cid.version());
    assertEquals(CidBytes.DAG_PB, cid.codec());
    assertEquals(CidBytes.SHA2_256, cid.hashFunction());
    assertEquals(32, cid.digest().length);
    assertEquals("1220", HexFormat.of().formatHex(cid.multihash(), 0, 2));
    assertArrayEquals(cid.multihash(), cid.toBytes());
    assertEquals("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG", cid.toCid().value());
    assertEquals(cid.toCid(), cid.toBase58());
  }

  @Test
  void aRawCidV1DecodesToVersionCodecAndDigest() {
    CidBytes cid = CidBytes.decode(Cid.of(HELLO_RAW));
    assertEquals(1, cid.version());
    assertEquals(CidBytes.RAW, cid.codec());
    assertEquals(CidBytes.SHA2_256, cid.hashFunction());
    assertEquals(HELLO_SHA256, HexFormat.of().formatHex(cid.digest()));
    assertEquals("01551220" + HELLO_SHA256, HexFormat.of().formatHex(cid.toBytes()));
    assertEquals(HELLO_RAW, cid.toCid().value());
  }

  @Test
  void base32AndBase58TextsOfOneCidV1AreTheSameCid() {
    assertTrue(CidBytes.sameCid(Cid.of(HELLO_RAW), Cid.of(HELLO_RAW_Z)));
    assertEquals(HELLO_RAW_Z, CidBytes.decode(Cid.of(HELLO_RAW)).toBase58().value());
    assertEquals(HELLO_RAW, CidBytes.decode(Cid.of(HELLO_RAW_Z)).toCid().value());
  }

  @Test
  void aCidV0AndTheDagPbCidV1OfItsMultihashNameTheSameBlockButAreDifferentCids() {
    CidBytes v0 = CidBytes.decode(Cid.of(HELLO_V0));
    CidBytes v1 = CidBytes.decode(Cid.of(HELLO_V0_AS_V1));
    assertNotEquals(v0, v1);
    assertTrue(v0.sameBlockAs(v1));
    assertEquals(HELLO_V0_AS_V1, v0.toV1().toCid().value());
    assertFalse(v1.sameBlockAs(CidBytes.decode(Cid.of(HELLO_RAW))));
  }

  @Test
  void binaryCidsDecodeToo() {
    byte[] binary = HexFormat.of().parseHex("01551220" + HELLO_SHA256);
    assertEquals(CidBytes.decode(Cid.of(HELLO_RAW)), CidBytes.of(binary));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "01551221" + HELLO_SHA256,               // multihash says 33 digest bytes, 32 follow
      "02551220" + HELLO_SHA256,               // version 2
      "01551220" + HELLO_SHA256 + "00",        // a byte too many
      "01ffffffffffffffffffffff",              // a codec varint longer than 9 bytes
      "0181001220" + HELLO_SHA256,             // codec 1 written in two bytes: not minimal
      "0155121f4d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9", // SHA2-256 of 31 bytes
      "1220" + HELLO_SHA256 + "00",            // a CIDv0 multihash in a multibase
  })
  void malformedBytesInBase32AreAValidationExceptionNamingCid(String hex) {
    Cid text = Cid.of("b" + Base32.encode(HexFormat.of().parseHex(hex)));
    AivmValidationException e = assertThrows(AivmValidationException.class, () -> CidBytes.decode(text));
    assertEquals("cid", e.problems().get(0).path());
    assertEquals("binary", e.problems().get(0).rule());
  }

  @Test
  void aCidV0OutsideQmTextIsRejected() {
    Cid z = Cid.of("z" + Base58.encode(CidBytes.decode(Cid.of(HELLO_V0)).toBytes()));
    AivmValidationException e = assertThrows(AivmValidationException.class, () -> CidBytes.decode(z));
    assertEquals("cid", e.problems().get(0).path());
  }

  @Test
  void base32WithNonZeroPaddingBitsIsNotCanonical() {
    String last = HELLO_RAW.substring(HELLO_RAW.length() - 1); // 'e': two trailing bits, zero
    Cid bent = Cid.of(HELLO_RAW.substring(0, HELLO_RAW.length() - 1) + ("e".equals(last) ? "f" : "e"));
    AivmValidationException e = assertThrows(AivmValidationException.class, () -> CidBytes.decode(bent));
    assertEquals("multibase", e.problems().get(0).rule());
  }

  @Test
  void aQmTextOfTheWrongLengthIsRejected() {
    // 44 base58 'z's decode to 33 bytes past the Qm prefix: not a 34-byte multihash.
    Cid tooLong = Cid.of("Qm" + "z".repeat(44));
    AivmValidationException e = assertThrows(AivmValidationException.class, () -> CidBytes.decode(tooLong));
    assertEquals("cid", e.problems().get(0).path());
  }
}
