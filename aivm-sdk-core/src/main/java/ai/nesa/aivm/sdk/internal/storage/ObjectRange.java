package ai.nesa.aivm.sdk.internal.storage;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.sdk.Cid;
import java.util.OptionalLong;

/** The range rules every {@code KernelStore} applies to {@code open(cid, offset, length)}, in one place. */
public final class ObjectRange {
  private ObjectRange() {}

  /** Refuses a negative offset or length before anything is fetched. */
  public static void checkRequest(Cid cid, long offset, long length) {
    if (offset < 0 || length < 0) {
      throw outOfRange(cid, offset, length, "offset and length are not negative");
    }
  }

  /**
   * The length to read: the requested one, or to the object's end when none was given.
   *
   * @throws AivmValidationException when the range does not end within the object
   */
  public static long length(Cid cid, long offset, OptionalLong requested, long size) {
    long length = requested.orElse(size - offset);
    if (offset + length > size || offset + length < 0) {
      throw outOfRange(cid, offset, length, "the range ends within the object's " + size + " bytes");
    }
    return length;
  }

  private static AivmValidationException outOfRange(Cid cid, long offset, long length, String rule) {
    return AivmValidationException.of("range", "within-object", "offset " + offset + ", length " + length
        + " of " + cid + ": " + rule);
  }
}
