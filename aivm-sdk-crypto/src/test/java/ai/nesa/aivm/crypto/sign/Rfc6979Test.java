package ai.nesa.aivm.crypto.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.Signature;
import ai.nesa.aivm.crypto.internal.Secp256k1;
import ai.nesa.aivm.crypto.internal.sign.DeterministicEcdsa;
import ai.nesa.aivm.crypto.internal.sign.RecoverableSignature;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6979 nonces: deterministic, and equal to published secp256k1 vectors. */
class Rfc6979Test {
  /**
   * Published secp256k1 RFC 6979 vectors (key, message hashed with SHA-256, nonce k, DER signature
   * with low s), from decred/dcrd {@code dcrec/secp256k1/signature_test.go}, {@code
   * TestRFC6979Compat}, which takes them from trezor-crypto ({@code tests.c}) and CoreBitcoin
   * ({@code BTCKey+Tests.m}). The "Satoshi Nakamoto" one is the widely quoted vector from
   * bitcointalk topic 285142 and needs the low-s flip.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      cca9fbcc1b41e5a95d369eaa6ddcff73b61a4efaa279cfc6567e8daa39cbaf50|sample|2df40ca70e639d89528a6b670d9d48d9165fdc0febc0974056bdce192b8e16a3|3045022100af340daf02cc15c8d5d08d7735dfe6b98a474ed373bdb5fbecf7571be52b384202205009fb27f37034a9b24b707b7c6b79ca23ddef9e25f7282e8a797efe53a8f124
      0000000000000000000000000000000000000000000000000000000000000001|Satoshi Nakamoto|8f8a276c19f4149656b280621e358cce24f5f52542772691ee69063b74f15d15|3045022100934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d802202442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5
      fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140|Satoshi Nakamoto|33a19b60e25fb6f4435af53a3d42d493644827367e6453928554f43e49aa6f90|3045022100fd567d121db66e382991534ada77a6bd3106f0a1098c231e47993447cd6af2d002206b39cd0eb1bc8603e159ef5c20a5c8ad685a45b06ce9bebed3f153d10d93bed5
      f8b8af8ce3c7cca5e300d33939540c10d45ce001b8f252bfbc57ba0342904181|Alan Turing|525a82b70e67874398067543fd84c83d30c175fdc45fdeee082fe13b1d7cfdf1|304402207063ae83e7f62bbb171798131b4a0564b956930092b33b07b395615d9ec7e15c022058dfcc1e00a35e1572f366ffe34ba0fc47db1e7189759b9fb233c5b05ab388ea
      0000000000000000000000000000000000000000000000000000000000000001|All those moments will be lost in time, like tears in rain. Time to die...|38aa22d72376b4dbc472e06c3ba403ee0a394da63fc58d88686c611aba98d6b3|30450221008600dbd41e348fe5c9465ab92d23e3db8b98b873beecd930736488696438cb6b0220547fe64427496db33bf66019dacbf0039c04199abb0122918601db38a72cfc21
      e91671c46231f833a6406ccbea0e3e392c76c167bac1cb013f6f1013980455c2|There is a computer disease that anybody who works with computers knows about. It's a very serious disease and it interferes completely with the work. The trouble with computers is that you 'play' with them!|1f4b84c23a86a221d233f2521be018d9318639d5b8bbd6374a8a59232d16ad3d|3045022100b552edd27580141f3b2a5463048cb7cd3e047b97c9f98076c32dbdf85a68718b0220279fa72dd19bfae05577e06c7c0c1900c371fcd5893f7e1d56a37d30174671f6
      """)
  void publishedSecp256k1Vectors(String key, String message, String nonce, String der) {
    BigInteger d = new BigInteger(key, 16);
    byte[] digest = EcdsaWycheproofTest.sha256(message.getBytes(StandardCharsets.UTF_8));
    BigInteger[] expected = EcdsaWycheproofTest.strictDer(Hex.decode(der));

    HMacDSAKCalculator k = new HMacDSAKCalculator(new SHA256Digest());
    k.init(Secp256k1.N, d, digest);
    assertEquals(new BigInteger(nonce, 16), k.nextK(), "the nonce");

    RecoverableSignature raw = DeterministicEcdsa.sign(d, digest);
    assertEquals(expected[0], raw.r(), "r");
    assertEquals(expected[1], raw.s(), "s");

    Signature signature = EthSigner.of(EthPrivateKey.fromBytes(Hex.decode(key))).sign(Hash32.fromBytes(digest));
    assertEquals(expected[0], signature.r());
    assertEquals(expected[1], signature.s());
    assertEquals(27 + raw.recoveryId(), signature.v());
  }

  @Test
  void theSameKeyAndDigestGiveTheSameSignature() {
    SecureRandom random = new SecureRandom();
    EthSigner signer = EthSigner.of(EthPrivateKey.generate(random));
    byte[] digest = new byte[32];
    random.nextBytes(digest);
    Signature first = signer.sign(Hash32.fromBytes(digest));
    assertEquals(first, signer.sign(Hash32.fromBytes(digest)));
    digest[31] ^= 1;
    assertNotEquals(first.r(), signer.sign(Hash32.fromBytes(digest)).r(), "another digest, another nonce");
  }

  /** BouncyCastle's own deterministic ECDSA reaches the same r and s (up to the low-s flip). */
  @Test
  void agreesWithBouncyCastlesEcdsaSigner() {
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 64; i++) {
      EthPrivateKey key = EthPrivateKey.generate(random);
      BigInteger d = new BigInteger(1, key.export().export());
      byte[] digest = new byte[32];
      random.nextBytes(digest);
      ECDSASigner bc = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
      bc.init(true, new ECPrivateKeyParameters(d, Secp256k1.DOMAIN));
      BigInteger[] expected = bc.generateSignature(digest);
      RecoverableSignature ours = DeterministicEcdsa.sign(d, digest);
      assertEquals(expected[0], ours.r());
      assertTrue(ours.s().equals(expected[1]) || ours.s().equals(Secp256k1.N.subtract(expected[1])));
      assertTrue(ours.s().compareTo(Secp256k1.HALF_N) <= 0, "low s");
    }
  }
}
