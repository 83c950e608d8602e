package ai.nesa.aivm.devnet.internal;

import ai.nesa.aivm.devnet.KernelVerificationException;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.AivmConfigValidator;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.kernels.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A stored kernel's {@code aivm.json}, read verified from the store and validated: what nodes and the catalog both need. */
public final class KernelConfigs {
  /** The most bytes of a config (or an example file) the devnet reads. */
  public static final int MAX_BYTES = 1 << 20;

  private KernelConfigs() {}

  /**
   * The config of the kernel {@code manifest} describes.
   *
   * @throws KernelVerificationException when it is over {@value #MAX_BYTES} bytes
   * @throws ai.nesa.aivm.AivmValidationException when it breaks the compatibility rules
   * @throws AivmIoException when the store cannot be read
   */
  public static AivmConfig read(KernelUploader kernels, Manifest manifest) {
    try (InputStream in = kernels.open(manifest, KernelBundle.CONFIG_FILE)) {
      byte[] json = in.readNBytes(MAX_BYTES + 1);
      if (json.length > MAX_BYTES) {
        throw new KernelVerificationException(KernelBundle.CONFIG_FILE + " of " + manifest.name() + "@"
            + manifest.version().text() + " is over " + MAX_BYTES + " bytes");
      }
      return AivmConfigValidator.create().validate(new String(json, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AivmIoException("could not read " + KernelBundle.CONFIG_FILE + ": " + e.getMessage(), e);
    }
  }
}
