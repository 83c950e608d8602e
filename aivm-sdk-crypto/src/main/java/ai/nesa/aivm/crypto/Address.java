package ai.nesa.aivm.crypto;

import ai.nesa.aivm.AivmValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * An Ethereum account address: 20 bytes, written {@code 0x} and 40 hex digits.
 *
 * <p>Held in lower case, so two addresses that differ only in case are equal. Mixed-case input
 * must carry a correct EIP-55 checksum: a mistyped digit is caught rather than sent money or
 * rights. {@link #toString()} writes the checksummed form.
 *
 * @param hex the address as {@code 0x} and 40 lower-case hex digits
 * @since 0.1.0
 */
public record Address(String hex) {

  public Address {
    if (hex == null || hex.length() != 42 || !hex.startsWith("0x") || !Hex.isLowerHex(hex, 2)) {
      throw AivmValidationException.of("address", "pattern", hex,
          "an address is 0x and 40 lower-case hex digits: '" + hex + "'");
    }
  }

  /**
   * Parses an address: all lower case, all upper case, or mixed case with a valid EIP-55
   * checksum.
   *
   * @throws AivmValidationException naming {@code address}, with rule {@code pattern} when the
   *     text is not 0x and 40 hex digits, {@code checksum} when a mixed-case checksum is wrong
   */
  public static Address of(String text) {
    if (text == null || text.length() != 42 || !(text.startsWith("0x") || text.startsWith("0X"))
        || !Hex.isHex(text, 2)) {
      throw AivmValidationException.of("address", "pattern", text,
          "an address is 0x and 40 hex digits: '" + text + "'");
    }
    if (text.charAt(1) == 'x' && Hex.isLowerHex(text, 2)) {
      return new Address(text); // the canonical form: no copy
    }
    Address address = new Address("0x" + text.substring(2).toLowerCase(Locale.ROOT));
    String digits = text.substring(2);
    boolean mixed = !digits.equals(digits.toLowerCase(Locale.ROOT)) && !digits.equals(digits.toUpperCase(Locale.ROOT));
    if (mixed && !address.toChecksumHex().substring(2).equals(digits)) {
      throw AivmValidationException.of("address", "checksum", text,
          "the address's EIP-55 checksum is wrong (a mistyped digit?): '" + text + "'");
    }
    return address;
  }

  /** The address of these 20 bytes. */
  public static Address fromBytes(byte[] bytes) {
    if (bytes.length != 20) {
      throw AivmValidationException.of("address", "length", bytes.length, "an address is 20 bytes, not " + bytes.length);
    }
    return new Address(Hex.encode(bytes));
  }

  /** The 20 bytes. */
  public byte[] bytes() {
    return Hex.decode(hex);
  }

  /** The EIP-55 mixed-case form: a hex letter is upper case where Keccak-256 of the lower-case hex has a nibble ≥ 8. */
  public String toChecksumHex() {
    byte[] lower = hex.substring(2).getBytes(StandardCharsets.US_ASCII);
    KeccakDigest keccak = new KeccakDigest(256);
    keccak.update(lower, 0, lower.length);
    byte[] hash = new byte[32];
    keccak.doFinal(hash, 0);
    char[] out = new char[42];
    out[0] = '0';
    out[1] = 'x';
    for (int i = 0; i < 40; i++) {
      char c = (char) lower[i];
      int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
      out[i + 2] = c >= 'a' && nibble >= 8 ? Character.toUpperCase(c) : c;
    }
    return new String(out);
  }

  /** The EIP-55 checksummed form. */
  @Override
  public String toString() {
    return toChecksumHex();
  }
}
