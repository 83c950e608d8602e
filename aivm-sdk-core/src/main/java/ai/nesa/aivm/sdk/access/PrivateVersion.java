package ai.nesa.aivm.sdk.access;

import ai.nesa.aivm.sdk.kernels.KernelRegistration;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import java.util.Objects;

/**
 * A private kernel published through {@link AccessControl#publish}: stored encrypted under a fresh
 * data key sealed to its key epoch, and registered on the ledger.
 *
 * @param kernel what was stored: the manifest (with its {@link ai.nesa.aivm.sdk.kernels.ManifestKeys}) and its CID
 * @param registration the ledger's records of the model and the version
 * @since 0.1.0
 */
public record PrivateVersion(PublishedKernel kernel, KernelRegistration registration) {
  public PrivateVersion {
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(registration, "registration");
  }

  /** The key epoch the version's data key is sealed to: nodes granted in it or later run it. */
  public long epoch() {
    return kernel.manifest().keys().orElseThrow().epoch();
  }
}
