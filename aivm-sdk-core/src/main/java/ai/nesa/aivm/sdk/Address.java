package ai.nesa.aivm.sdk;

import java.util.Locale;
import ai.nesa.aivm.sdk.internal.Chars;

/**
 * An Ethereum account address: 20 bytes, written {@code 0x} and 40 hex digits.
 *
 * <p>Held in lower case, so two addresses that differ only in case are equal.
 *
 * @param hex the address as {@code 0x} and 40 lower-case hex digits
 * @since 0.1.0
 */
public record Address(String hex) {
  public Address {
    if (hex == null || hex.length() != 42 || !hex.startsWith("0x") || !Chars.isLowerHex(hex, 2)) {
      throw AivmValidationException.of("address", "pattern", hex,
          "an address is 0x and 40 lower-case hex digits: '" + hex + "'");
    }
  }

  /**
   * Parses an address in any case.
   *
   * @throws AivmValidationException when the text is not 0x and 40 hex digits
   */
  public static Address of(String text) {
    if (text == null || text.length() != 42 || !(text.startsWith("0x") || text.startsWith("0X"))
        || !Chars.isHex(text, 2)) {
      throw AivmValidationException.of("address", "pattern", text,
          "an address is 0x and 40 hex digits: '" + text + "'");
    }
    return new Address(text.charAt(1) == 'x' && Chars.isLowerHex(text, 2)
        ? text : "0x" + text.substring(2).toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return hex;
  }
}
