package ai.nesa.aivm.sdk;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An Ethereum account address: 20 bytes, written {@code 0x} and 40 hex digits.
 *
 * <p>Held in lower case, so two addresses that differ only in case are equal.
 *
 * @param hex the address as {@code 0x} and 40 lower-case hex digits
 * @since 0.1.0
 */
public record Address(String hex) {
  private static final Pattern HEX = Pattern.compile("0x[0-9a-f]{40}");

  public Address {
    if (hex == null || !HEX.matcher(hex).matches()) {
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
    if (text == null || text.length() != 42 || !(text.startsWith("0x") || text.startsWith("0X"))) {
      throw AivmValidationException.of("address", "pattern", text,
          "an address is 0x and 40 hex digits: '" + text + "'");
    }
    return new Address("0x" + text.substring(2).toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return hex;
  }
}
