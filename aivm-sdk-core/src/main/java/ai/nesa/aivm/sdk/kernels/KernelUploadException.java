package ai.nesa.aivm.sdk.kernels;

import ai.nesa.aivm.AivmException;
import java.util.Objects;
import java.util.Optional;

/**
 * An upload stopped before the manifest was stored: nothing was published, and {@link #state()}
 * holds what was stored whole, ready for {@link UploadOptions.Builder#resumeFrom(UploadState)}.
 *
 * <p>The cause says why: an {@link ai.nesa.aivm.sdk.AivmIoException} when reading the bundle or
 * talking to the store failed, a {@link ai.nesa.aivm.sdk.storage.ContentMismatchException} when
 * the store holds other bytes than the SDK sent, the listener's exception when it threw. {@link
 * UploadCancelledException} is the subclass for a cancelled upload. Validation problems are not
 * this exception: they come before any byte is stored, as an {@link
 * ai.nesa.aivm.AivmValidationException}.
 *
 * @since 0.1.0
 */
public class KernelUploadException extends AivmException {
  private static final long serialVersionUID = 1L;

  private final transient UploadState state;
  private final String path;

  /** An upload that stopped at {@code path} (null when not at a file) with {@code state} stored. */
  public KernelUploadException(String message, String path, UploadState state, Throwable cause) {
    super(message, cause);
    this.path = path;
    this.state = Objects.requireNonNull(state, "state");
  }

  /** What was stored whole before the upload stopped. */
  public UploadState state() {
    return state;
  }

  /** The bundle path of the file being stored when the upload stopped, if it was at a file. */
  public Optional<String> path() {
    return Optional.ofNullable(path);
  }
}
