package ai.nesa.aivm.crypto.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.nesa.aivm.crypto.testing.Wycheproof;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * BouncyCastle's {@code HMac(SHA256Digest)}, the PRF of the RFC 6979 nonces ({@code
 * HMacDSAKCalculator} is built on it), against every Wycheproof HMAC-SHA256 case. RFC 6979 uses
 * the full 256-bit output; the 128-bit groups are checked as the prefix of the full tag, which is
 * how a truncated HMAC is defined.
 */
class HmacSha256WycheproofTest {
  @Test
  void everyCaseOfEveryTagSize() {
    List<Wycheproof.Case> cases = Wycheproof.cases("hmac_sha256_test.json");
    int valid = 0;
    int full = 0;
    for (Wycheproof.Case c : cases) {
      int tagBytes = c.group().get("tagSize").asInt() / 8;
      HMac hmac = new HMac(new SHA256Digest());
      hmac.init(new KeyParameter(c.bytes("key")));
      byte[] msg = c.bytes("msg");
      hmac.update(msg, 0, msg.length);
      byte[] tag = new byte[32];
      hmac.doFinal(tag, 0);
      boolean matches = MessageDigest.isEqual(Arrays.copyOf(tag, tagBytes), c.bytes("tag"));
      assertEquals(c.valid(), matches, c::toString);
      valid += c.valid() ? 1 : 0;
      full += tagBytes == 32 ? 1 : 0;
    }
    assertEquals(174, cases.size());
    assertEquals(66, valid);
    assertEquals(87, full);
  }
}
