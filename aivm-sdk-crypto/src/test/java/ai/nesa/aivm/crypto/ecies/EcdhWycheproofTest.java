package ai.nesa.aivm.crypto.ecies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.CryptoException.Check;
import ai.nesa.aivm.crypto.internal.Secp256k1;
import ai.nesa.aivm.crypto.internal.ecies.Ecdh;
import ai.nesa.aivm.crypto.testing.Wycheproof;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * The ECDH under ECIES ({@link Ecdh} after {@link Secp256k1#decodePoint}) against every case of
 * Wycheproof's {@code ecdh_secp256k1_test.json}.
 *
 * <p>The file has one group, {@code "encoding": "asn"}: public keys are X.509
 * SubjectPublicKeyInfo in DER. ECIES itself never sees that encoding (its keys are raw points), so
 * the test reads it strictly, as a key registry should: DER only, algorithm id-ecPublicKey, and the
 * named curve secp256k1 by OID. The point inside then goes through the SDK's point decoding and
 * ECDH, which must reject every point not on secp256k1 on their own. Wycheproof's shared secret
 * is the x-coordinate, the first half of the SDK's shared point.
 *
 * <p>"Acceptable" cases: the compressed public key is accepted (the SDK decodes compressed
 * points) and must give the right secret; explicit curve parameters (UnnamedCurve, even when
 * they equal secp256k1's) and BER or otherwise non-DER encodings (InvalidAsn) are refused.
 */
class EcdhWycheproofTest {
  private static final int CASES = 752;

  @Test
  void everyVector() {
    List<Wycheproof.Case> cases = Wycheproof.cases("ecdh_secp256k1_test.json");
    assertEquals(CASES, cases.size(), "the whole file is read");
    Map<String, Integer> outcomes = new TreeMap<>();
    for (Wycheproof.Case c : cases) {
      assertEquals("asn", c.group().get("encoding").asString());
      assertEquals("secp256k1", c.group().get("curve").asString());
      String outcome;
      byte[] encodedPoint = spkiPoint(c.bytes("public"));
      if (encodedPoint == null) {
        outcome = "refused by the X.509 reading";
      } else {
        byte[] shared;
        try {
          ECPoint point = Secp256k1.decodePoint(encodedPoint);
          shared = Ecdh.sharedPoint(new BigInteger(1, c.bytes("private")), point);
        } catch (CryptoException e) {
          shared = null;
        }
        if (shared == null) {
          outcome = "refused by the SDK's point checks";
        } else {
          assertArrayEquals(c.bytes("shared"), Arrays.copyOfRange(shared, 1, 33), c.toString());
          outcome = "accepted, right secret";
        }
      }
      if (c.valid()) {
        assertEquals("accepted, right secret", outcome, c.toString());
      } else if ("invalid".equals(c.result())) {
        assertEquals(true, outcome.startsWith("refused"), c + ": " + outcome);
      }
      outcomes.merge(c.result() + ": " + outcome, 1, Integer::sum);
      if ("invalid".equals(c.result()) && outcome.equals("refused by the SDK's point checks")) {
        // A point of secp256k1's OID that is not on the curve: the SDK, not the test, caught it.
        assertEquals(true, c.hasFlag("InvalidCurveAttack") || c.hasFlag("InvalidPublic")
            || c.hasFlag("InvalidCompressedPublic") || c.hasFlag("WrongCurve") || c.hasFlag("InvalidEncoding"), c.toString());
      }
    }
    assertEquals(Map.of(
        "valid: accepted, right secret", 473,
        "acceptable: accepted, right secret", 1, // the compressed public key
        // InvalidAsn: 216 are not DER; 6 are DER whose BIT STRING holds no SEC 1 point (bytes
        // appended, prepended, truncated, changed), which the SDK's decoding refuses
        "acceptable: refused by the X.509 reading", 223, // 216 InvalidAsn, 7 UnnamedCurve
        "acceptable: refused by the SDK's point checks", 6,
        // 16 InvalidCurveAttack, 2 ModifiedPublicPoint, the invalid compressed x, 2 low-order
        // twist points (compressed), and an empty BIT STRING
        "invalid: refused by the SDK's point checks", 22,
        // 18 WrongCurve (by OID), 2 ModifiedGroup, 7 explicit (unnamed) curves
        "invalid: refused by the X.509 reading", 27), outcomes);
  }

  /** Points off the curve never reach the multiplier, even when built without decoding. */
  @Test
  void ecdhRefusesAPointOffTheCurveThatBypassedDecoding() {
    int checked = 0;
    BigInteger p = Secp256k1.DOMAIN.getCurve().getField().getCharacteristic();
    for (Wycheproof.Case c : Wycheproof.cases("ecdh_secp256k1_test.json")) {
      if (!c.hasFlag("InvalidCurveAttack") && !c.hasFlag("ModifiedPublicPoint")) {
        continue;
      }
      byte[] encoded = spkiPoint(c.bytes("public"));
      BigInteger x = new BigInteger(1, Arrays.copyOfRange(encoded, 1, 33));
      BigInteger y = new BigInteger(1, Arrays.copyOfRange(encoded, 33, 65));
      if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
        continue; // not even a field element: BouncyCastle cannot build the point at all
      }
      ECPoint raw = Secp256k1.DOMAIN.getCurve().createPoint(x, y); // no validation
      CryptoException e = assertThrows(CryptoException.class,
          () -> Ecdh.sharedPoint(new BigInteger(1, c.bytes("private")), raw), c.toString());
      assertEquals(Check.POINT_NOT_ON_CURVE, e.check());
      checked++;
    }
    assertEquals(11, checked, "of 16 InvalidCurveAttack and 2 ModifiedPublicPoint cases, 7 have a coordinate ≥ p");
    assertEquals(Check.POINT_NOT_ON_CURVE, assertThrows(CryptoException.class,
        () -> Ecdh.sharedPoint(BigInteger.ONE, Secp256k1.DOMAIN.getCurve().getInfinity())).check());
  }

  /**
   * The encoded point of a DER SubjectPublicKeyInfo for id-ecPublicKey on the named curve
   * secp256k1, or null for anything else (including encodings that are valid BER but not DER).
   */
  private static byte[] spkiPoint(byte[] der) {
    try {
      ASN1Primitive asn1 = ASN1Primitive.fromByteArray(der);
      if (!Arrays.equals(der, asn1.getEncoded(ASN1Encoding.DER))) {
        return null;
      }
      SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(asn1);
      AlgorithmIdentifier algorithm = spki.getAlgorithm();
      if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
          || !(algorithm.getParameters() instanceof ASN1ObjectIdentifier curve)
          || !SECObjectIdentifiers.secp256k1.equals(curve)) {
        return null;
      }
      return spki.getPublicKeyData().getOctets(); // throws when the BIT STRING has pad bits
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
