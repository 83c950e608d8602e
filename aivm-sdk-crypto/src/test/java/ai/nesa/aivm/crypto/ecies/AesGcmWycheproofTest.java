package ai.nesa.aivm.crypto.ecies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.CryptoException.Check;
import ai.nesa.aivm.crypto.internal.ecies.AesGcm;
import ai.nesa.aivm.crypto.testing.Wycheproof;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The AES-GCM under ECIES ({@link AesGcm}) against Wycheproof's {@code aes_gcm_test.json},
 * restricted to what ECIES uses: 256-bit keys, 128-bit (16-byte) nonces, 128-bit tags. The file
 * has 19 such cases, all valid; each is also checked to fail once its tag or ciphertext changes.
 */
class AesGcmWycheproofTest {

  @Test
  void everyVectorWithEciesParameters() {
    List<Wycheproof.Case> cases = Wycheproof.cases("aes_gcm_test.json").stream()
        .filter(c -> c.group().get("keySize").asInt() == 256 && c.group().get("ivSize").asInt() == 128
            && c.group().get("tagSize").asInt() == 128)
        .toList();
    assertEquals(19, cases.size());
    for (Wycheproof.Case c : cases) {
      byte[] key = c.bytes("key");
      byte[] iv = c.bytes("iv");
      byte[] aad = c.bytes("aad");
      byte[] sealed = concat(c.bytes("ct"), c.bytes("tag"));
      if (c.valid()) {
        assertArrayEquals(sealed, AesGcm.seal(key, iv, aad, c.bytes("msg")), c.toString());
        assertArrayEquals(c.bytes("msg"), AesGcm.open(key, iv, aad, sealed), c.toString());
        for (int i : new int[] {0, sealed.length - 1}) {
          byte[] tampered = sealed.clone();
          tampered[i] ^= 1;
          CryptoException e = assertThrows(CryptoException.class, () -> AesGcm.open(key, iv, aad, tampered), c.toString());
          assertEquals(Check.AUTHENTICATION, e.check());
        }
      } else {
        CryptoException e = assertThrows(CryptoException.class, () -> AesGcm.open(key, iv, aad, sealed), c.toString());
        assertEquals(Check.AUTHENTICATION, e.check());
      }
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
