package ai.nesa.aivm.crypto;

import ai.nesa.aivm.AivmValidationException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A 32-byte digest (Keccak-256 or SHA-256), written {@code 0x} and 64 hex digits, held in lower
 * case.
 *
 * @param hex {@code 0x} and 64 lower-case hex digits
 * @since 0.1.0
 */
public record Hash32(String hex) {
  private static final Pattern HEX = Pattern.compile("0x[0-9a-f]{64}");

  public Hash32 {
    if (hex == null || !HEX.matcher(hex).matches()) {
      throw AivmValidationException.of("hash", "pattern", hex,
          "a 32-byte hash is 0x and 64 lower-case hex digits: '" + hex + "'");
    }
  }

  /** The hash of these 32 bytes. */
  public static Hash32 fromBytes(byte[] bytes) {
    if (bytes.length != 32) {
      throw AivmValidationException.of("hash", "length", bytes.length, "a hash is 32 bytes, not " + bytes.length);
    }
    return new Hash32(Hex.encode(bytes));
  }

  /** The 32 bytes. */
  public byte[] bytes() {
    return Hex.decode(hex);
  }

  /** Parses a hash in any case. */
  public static Hash32 of(String text) {
    return new Hash32(text == null ? null : text.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return hex;
  }
}
