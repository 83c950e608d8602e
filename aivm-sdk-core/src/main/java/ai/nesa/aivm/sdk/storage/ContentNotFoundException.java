package ai.nesa.aivm.sdk.storage;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.sdk.Cid;
import java.util.Objects;

/**
 * A {@link KernelStore} does not hold the object asked for.
 *
 * @since 0.1.0
 */
public class ContentNotFoundException extends AivmException {
  private static final long serialVersionUID = 1L;

  private final Cid cid;

  /** The store does not hold {@code cid}; {@code message} says why when there is more to say. */
  public ContentNotFoundException(Cid cid, String message) {
    super(message);
    this.cid = Objects.requireNonNull(cid, "cid");
  }

  /** The store does not hold {@code cid}. */
  public ContentNotFoundException(Cid cid) {
    this(cid, "the store does not hold " + cid);
  }

  /** The CID asked for. */
  public Cid cid() {
    return cid;
  }
}
