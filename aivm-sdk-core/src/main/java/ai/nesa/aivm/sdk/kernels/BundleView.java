package ai.nesa.aivm.sdk.kernels;

import java.util.Optional;

/**
 * What the config validator may ask of a kernel bundle: whether a file is there and how big it is.
 *
 * <p>A bundle built from a directory, a zip or a manifest implements it; so can a test, with a
 * map.
 *
 * <pre>{@code
 * BundleView bundle = path -> Optional.ofNullable(sizes.get(path));
 * AivmConfigValidator.create().withBundle(bundle).validate(config);
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface BundleView {
  /**
   * The size in bytes of the file at {@code path}, or empty when the bundle has no such file.
   *
   * @param path a relative, '/'-separated path that already passed the path rules
   */
  Optional<Long> size(String path);
}
