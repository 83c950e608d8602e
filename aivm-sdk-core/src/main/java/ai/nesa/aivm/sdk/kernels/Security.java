package ai.nesa.aivm.sdk.kernels;

import ai.nesa.aivm.sdk.models.Access;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may run a kernel and how it is encrypted at rest.
 *
 * @param access public or private
 * @param encryptionScheme the encryption scheme, {@value #C2SP_CHUNKED_AES_256_GCM}; null when
 *     the kernel is stored in the clear (required when private)
 * @since 0.1.0
 */
public record Security(Access access, String encryptionScheme) {
  /** C2SP chunked encryption v1 with AES-256-GCM, the only scheme this format knows. */
  public static final String C2SP_CHUNKED_AES_256_GCM = "c2sp-chunked-aes-256-gcm";

  public Security {
    Objects.requireNonNull(access, "access");
  }

  /** Any node may run it; stored in the clear. */
  public static Security publicAccess() {
    return new Security(Access.PUBLIC, null);
  }

  /** Only authorized nodes may run it; stored encrypted with C2SP chunked AES-256-GCM. */
  public static Security privateAccess() {
    return new Security(Access.PRIVATE, C2SP_CHUNKED_AES_256_GCM);
  }

  /** The encryption scheme, when the kernel is encrypted. */
  public Optional<String> encryption() {
    return Optional.ofNullable(encryptionScheme);
  }
}
