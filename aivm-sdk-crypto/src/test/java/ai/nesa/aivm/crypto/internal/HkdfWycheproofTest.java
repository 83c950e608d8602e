package ai.nesa.aivm.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.nesa.aivm.crypto.testing.Wycheproof;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HKDF against every Wycheproof vector for the two hashes the module uses. */
class HkdfWycheproofTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({"hkdf_sha256_test.json, HmacSHA256, 86", "hkdf_sha512_test.json, HmacSHA512, 83"})
  void everyVector(String file, String algorithm, int expectedCount) {
    List<Wycheproof.Case> cases = Wycheproof.cases(file);
    assertEquals(expectedCount, cases.size(), "the whole file is read");
    for (Wycheproof.Case c : cases) {
      int size = c.test().get("size").asInt();
      if (c.valid()) {
        assertArrayEquals(c.bytes("okm"), Hkdf.derive(algorithm, c.bytes("salt"), c.bytes("ikm"), c.bytes("info"), size),
            c.toString());
      } else {
        // Wycheproof's invalid HKDF cases ask for more output than HKDF can give.
        assertThrows(IllegalArgumentException.class,
            () -> Hkdf.derive(algorithm, c.bytes("salt"), c.bytes("ikm"), c.bytes("info"), size), c.toString());
      }
    }
  }
}
