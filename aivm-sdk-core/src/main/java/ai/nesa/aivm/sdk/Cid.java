package ai.nesa.aivm.sdk;

import ai.nesa.aivm.AivmValidationException;
import java.util.regex.Pattern;

/**
 * An IPFS content identifier as text: CIDv0 ({@code Qm…}, base58btc) or CIDv1 in a multibase
 * form ({@code b…} base32 or {@code z…} base58btc).
 *
 * <p>This type checks the text form only; decoding and computing CIDs belongs to kernel storage.
 *
 * @param value the CID as text
 * @since 0.1.0
 */
public record Cid(String value) {
  private static final Pattern FORM = Pattern.compile(
      "Qm[1-9A-HJ-NP-Za-km-z]{44}|b[a-z2-7]{20,}|z[1-9A-HJ-NP-Za-km-z]{20,}");

  public Cid {
    if (value == null || !FORM.matcher(value).matches()) {
      throw AivmValidationException.of("cid", "pattern", value,
          "a CID is CIDv0 (Qm + 44 base58 digits) or CIDv1 in base32 ('b…') or base58btc ('z…'): '"
              + value + "'");
    }
  }

  public static Cid of(String text) {
    return new Cid(text);
  }

  @Override
  public String toString() {
    return value;
  }
}
