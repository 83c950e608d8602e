package ai.nesa.aivm.sdk.kernels;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.sdk.internal.kernels.AivmConfigJson;
import java.util.Objects;

/**
 * Checks {@code aivm.json} against the AIVM compatibility rules and reports every problem at once.
 *
 * <p>Each {@link ai.nesa.aivm.Problem} names the JSON path ({@code $.runtime.engine}), the rule
 * ({@code required}, {@code type}, {@code pattern}, {@code enum}, {@code minimum}, {@code
 * semver}, {@code spdx}, {@code path}, {@code present}, {@code size}, …), the rejected value and a
 * message with a hint. Without a bundle it checks the document alone; {@link
 * #withBundle(BundleView)} adds the rules that need the files: every referenced file present,
 * entrypoints present, and {@link SizeLimits}.
 *
 * <pre>{@code
 * AivmConfig config = AivmConfigValidator.create()
 *     .withBundle(path -> sizes(path))
 *     .validate(Files.readString(dir.resolve("aivm.json")));
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@code with…} methods return a new validator.
 *
 * @since 0.1.0
 */
public final class AivmConfigValidator {
  private final BundleView bundle;
  private final SizeLimits limits;

  private AivmConfigValidator(BundleView bundle, SizeLimits limits) {
    this.bundle = bundle;
    this.limits = limits;
  }

  /** A validator of the document alone, with the {@link SizeLimits#DEFAULT default limits}. */
  public static AivmConfigValidator create() {
    return new AivmConfigValidator(null, SizeLimits.DEFAULT);
  }

  /** This validator, also checking files against {@code bundle}. */
  public AivmConfigValidator withBundle(BundleView bundle) {
    return new AivmConfigValidator(Objects.requireNonNull(bundle, "bundle"), limits);
  }

  /** This validator with other size limits (they apply when there is a bundle). */
  public AivmConfigValidator withLimits(SizeLimits limits) {
    return new AivmConfigValidator(bundle, Objects.requireNonNull(limits, "limits"));
  }

  /**
   * Reads {@code aivm.json} text and checks every rule.
   *
   * @return the config, when it breaks no rule
   * @throws AivmValidationException listing every problem found
   */
  public AivmConfig validate(String json) {
    return AivmConfigJson.read(Objects.requireNonNull(json, "json"), bundle, limits);
  }

  /**
   * Checks a config built in code, by the same rules as its JSON form.
   *
   * @throws AivmValidationException listing every problem found
   */
  public void validate(AivmConfig config) {
    validate(config.toJson());
  }
}
