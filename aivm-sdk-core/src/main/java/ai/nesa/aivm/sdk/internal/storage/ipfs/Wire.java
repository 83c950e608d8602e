package ai.nesa.aivm.sdk.internal.storage.ipfs;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.storage.CidBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the fields of RPC answers in either dialect: a CID as a string in any base or as a DAG-JSON
 * link {@code {"/": …}}, pins as Kubo's {@code {"Keys":{cid:{…}}}} or js-ipfs's streamed
 * {@code {"Cid":…,"Type":…}} lines.
 */
final class Wire {
  private Wire() {}

  /**
   * The CID {@code value} names, if it names one.
   *
   * @throws IllegalArgumentException when it is text but not a CID
   */
  static Optional<Cid> cid(Object value) {
    if (value instanceof Map<?, ?> link) {
      value = link.get("/");
    }
    if (value instanceof String text && !text.isEmpty()) {
      try {
        CidBytes.decode(new Cid(text));
        return Optional.of(new Cid(text));
      } catch (AivmValidationException e) {
        throw new IllegalArgumentException("not a CID: " + text, e);
      }
    }
    return Optional.empty();
  }

  /** Every CID a {@code pin/ls} answer lists. */
  static List<Cid> pinnedCids(List<Object> answer) {
    List<Cid> out = new ArrayList<>();
    for (Object value : answer) {
      if (!(value instanceof Map<?, ?> entry)) {
        continue;
      }
      if (entry.get("Keys") instanceof Map<?, ?> keys) {
        for (Object key : keys.keySet()) {
          cid(key).ifPresent(out::add);
        }
      }
      cid(entry.get("Cid")).ifPresent(out::add);
    }
    return out;
  }

  /** A size written as a number (js-ipfs) or a string (Kubo). */
  static long size(Object value) {
    if (value instanceof Number number) {
      return number.longValue();
    }
    if (value instanceof String text) {
      return Long.parseLong(text.strip());
    }
    throw new IllegalArgumentException("not a size: " + value);
  }
}
