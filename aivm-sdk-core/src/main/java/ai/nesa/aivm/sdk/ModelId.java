package ai.nesa.aivm.sdk;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.sdk.internal.Chars;

/**
 * A model's name and key in the catalog: {@code org/model}, lower-case.
 *
 * <p>Each part is 1 to 64 characters of {@code a-z 0-9 . _ -}, starting and ending with a letter
 * or digit.
 *
 * @param org the organisation part
 * @param name the model part
 * @since 0.1.0
 */
public record ModelId(String org, String name) {
  public ModelId {
    check("model.org", org);
    check("model.name", name);
  }

  /**
   * Parses {@code org/model}.
   *
   * @throws AivmValidationException naming the parameter {@code model} when the text is not a
   *     valid model name
   */
  public static ModelId of(String text) {
    if (text == null) {
      throw AivmValidationException.of("model", "required", null, "a model name is required");
    }
    int slash = text.indexOf('/');
    if (slash < 0 || text.indexOf('/', slash + 1) >= 0) {
      throw AivmValidationException.of(
          "model", "pattern", text, "a model name is 'org/model', with exactly one '/': '" + text + "'");
    }
    return new ModelId(text.substring(0, slash), text.substring(slash + 1));
  }

  private static void check(String path, String part) {
    if (part == null) {
      throw AivmValidationException.of(path, "required", null, path + " is required");
    }
    if (!Chars.isNamePart(part, 64)) {
      throw AivmValidationException.of(path, "pattern", part,
          path + " must be 1-64 lower-case letters, digits, '.', '_' or '-', starting and ending"
              + " with a letter or digit: '" + part + "'");
    }
  }

  @Override
  public String toString() {
    return org + "/" + name;
  }
}
