package ai.nesa.aivm.sdk.internal.kernels.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Doubles in canonical JSON as RFC 8785 §3.2.2.3 writes them (ECMAScript's Number to String): the
 * examples of its Appendix B and the boundaries of the plain and exponent forms.
 */
class CanonicalNumbersTest {

  @ParameterizedTest(name = "{0} is written {1}")
  @CsvSource({
      "0.0,                      0",
      "-0.0,                     0",
      "1.0,                      1",
      "0.5,                      0.5",
      "-1.5,                     -1.5",
      "4.50,                     4.5",
      "0.002,                    0.002",
      "1.0E-6,                   0.000001",
      "1.0E-7,                   1e-7",
      "1.0E21,                   1e+21",
      "1.0E20,                   100000000000000000000",
      "1.0E30,                   1e+30",
      "333333333.33333329,       333333333.3333333",
      "1.0E-27,                  1e-27",
      "9007199254740992,         9007199254740992",
      "295147905179352830000,    295147905179352830000",
      "5.0E-324,                 5e-324",
      "1.7976931348623157E308,   1.7976931348623157e+308",
      "0.1,                      0.1",
      "0.30000000000000004,      0.30000000000000004",
      "123456789012345680000,    123456789012345680000",
  })
  void doublesAreWrittenAsEcmaScriptDoes(double value, String expected) {
    assertEquals(expected, CanonicalJson.number(value));
  }

  @ParameterizedTest
  @CsvSource({"NaN", "Infinity", "-Infinity"})
  void nonFiniteNumbersHaveNoJson(double value) {
    assertThrows(IllegalArgumentException.class, () -> CanonicalJson.number(value));
  }
}
