package ai.nesa.aivm.crypto.keystore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.internal.keystore.Scrypt;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.crypto.generators.SCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SDK's own scrypt (it reads r = 1 with large N, which BouncyCastle's refuses) against RFC 7914 and BouncyCastle. */
class ScryptTest {

  /** RFC 7914 §12, the first three vectors; the fourth (N = 2^20, 1 GiB) is too slow for a unit test. */
  @ParameterizedTest(name = "N={2} r={3} p={4}")
  @CsvSource({
      "'', '', 16, 1, 1, 77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906",
      "password, NaCl, 1024, 8, 16, fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640",
      "pleaseletmein, SodiumChloride, 16384, 8, 1, 7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887"})
  void rfc7914Vectors(String password, String salt, int n, int r, int p, String expected) {
    assertEquals(expected, Hex.encodePlain(Scrypt.derive(utf8(password), utf8(salt), n, r, p, 64)));
  }

  @Test
  void agreesWithBouncyCastleWhereBouncyCastleRuns() {
    Random random = new Random(7914);
    int[][] params = {{2, 1, 1}, {2, 8, 1}, {4, 3, 5}, {256, 2, 3}, {1024, 1, 2}, {8, 16, 1}, {32768, 1, 1}};
    int[] lengths = {1, 31, 32, 33, 64, 100};
    for (int[] q : params) {
      for (int length : lengths) {
        byte[] password = new byte[random.nextInt(40)];
        byte[] salt = new byte[random.nextInt(40)];
        random.nextBytes(password);
        random.nextBytes(salt);
        assertArrayEquals(SCrypt.generate(password, salt, q[0], q[1], q[2], length),
            Scrypt.derive(password, salt, q[0], q[1], q[2], length), Arrays.toString(q) + " length " + length);
      }
    }
  }

  @Test
  void theFirst32BytesDoNotDependOnTheLengthAsked() {
    // Keystores derive dklen bytes but use 32; the SDK derives 32 whatever dklen says.
    byte[] long64 = Scrypt.derive(utf8("pw"), utf8("salt"), 16, 8, 1, 64);
    assertArrayEquals(Arrays.copyOf(long64, 32), Scrypt.derive(utf8("pw"), utf8("salt"), 16, 8, 1, 32));
  }

  @Test
  void nMustBeAPowerOfTwoAboveOne() {
    for (int n : new int[] {0, 1, 3, 1000}) {
      assertThrows(IllegalArgumentException.class, () -> Scrypt.derive(new byte[0], new byte[0], n, 1, 1, 32), "n = " + n);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
