package ai.nesa.aivm.crypto.keystore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.internal.keystore.KdfLimits;
import ai.nesa.aivm.crypto.internal.keystore.Pbkdf2;
import ai.nesa.aivm.crypto.testing.Wycheproof;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PBKDF2-HMAC-SHA256 as keystores use it, against every Wycheproof vector. Cases with parameters
 * a keystore may not ask for (no iterations, more than {@link KdfLimits#PBKDF2_MAX_ITERATIONS},
 * no output) would be skipped and counted; the file has none.
 */
class Pbkdf2WycheproofTest {

  @Test
  void everyVectorDerivesItsKey() {
    List<Wycheproof.Case> cases = Wycheproof.cases("pbkdf2_hmacsha256_test.json");
    int run = 0;
    int skipped = 0;
    for (Wycheproof.Case c : cases) {
      int iterations = c.test().get("iterationCount").asInt();
      int length = c.test().get("dkLen").asInt();
      if (iterations < 1 || iterations > KdfLimits.PBKDF2_MAX_ITERATIONS || length < 1) {
        skipped++;
        continue;
      }
      assertTrue(c.valid(), "the file's cases are all valid: " + c);
      assertArrayEquals(c.bytes("dk"), Pbkdf2.hmacSha256(c.bytes("password"), c.bytes("salt"), iterations, length), c.toString());
      run++;
    }
    assertEquals(60, cases.size(), "the whole file is read");
    assertEquals(60, run);
    assertEquals(0, skipped);
  }

  @Test
  void anEmptyPasswordIsAnHmacKeyLikeAnyOther() {
    // The JDK's SecretKeySpec refuses an empty key; the SDK keys HMAC without it. By HMAC's
    // definition an empty key is padded to a block of zeros, so both must agree.
    byte[] empty = Pbkdf2.hmacSha256(new byte[0], "salt".getBytes(), 2, 40);
    byte[] zeros = Pbkdf2.hmacSha256(new byte[64], "salt".getBytes(), 2, 40);
    assertArrayEquals(zeros, empty);
  }
}
