package ai.nesa.aivm.sdk.storage;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.sdk.Cid;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Content does not have the CID it should: bytes put under an expected CID hash to another one, or
 * a block read back from storage no longer matches its leaf CID.
 *
 * <p>When this is thrown by a put, nothing was stored. When it is thrown by a read, no byte of the
 * bad block was handed out; {@link #block()} says which block it was.
 *
 * @since 0.1.0
 */
public class ContentMismatchException extends AivmException {
  private static final long serialVersionUID = 1L;

  private final Cid expected;
  private final Cid actual;
  private final long block;

  /**
   * A mismatch.
   *
   * @param expected the CID the content should have
   * @param actual the CID it has, or {@code null} when it could not be computed
   * @param block the index of the bad block within its object, or {@code -1} for the whole object
   */
  public ContentMismatchException(String message, Cid expected, Cid actual, long block) {
    super(message);
    this.expected = Objects.requireNonNull(expected, "expected");
    this.actual = actual;
    this.block = block;
  }

  /** The whole content was expected to be {@code expected} and is {@code actual}. */
  public static ContentMismatchException ofObject(Cid expected, Cid actual) {
    return new ContentMismatchException("the content's CID is " + actual + ", not the expected " + expected,
        expected, actual, -1);
  }

  /** Block {@code index} of {@code object} hashes to {@code actual} instead of its leaf CID {@code expected}. */
  public static ContentMismatchException ofBlock(Cid object, long index, Cid expected, Cid actual) {
    return new ContentMismatchException("block " + index + " of " + object + " is corrupt: its CID is " + actual
        + ", not its leaf CID " + expected, expected, actual, index);
  }

  /** The CID the content (or block) should have. */
  public Cid expected() {
    return expected;
  }

  /** The CID the content (or block) has, when it could be computed. */
  public Optional<Cid> actual() {
    return Optional.ofNullable(actual);
  }

  /** The index of the bad block, for a mismatch found block by block on reading. */
  public OptionalLong block() {
    return block < 0 ? OptionalLong.empty() : OptionalLong.of(block);
  }
}
