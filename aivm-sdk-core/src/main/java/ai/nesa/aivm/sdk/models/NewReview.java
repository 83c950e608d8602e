package ai.nesa.aivm.sdk.models;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A review to post with {@link ModelRegistry#review(NewReview)}: a rating from 1 to 5 of one
 * version, and its text, given as text (the client stores it and records its CID) or as the CID of
 * text stored already.
 *
 * <pre>{@code
 * client.models().review(r -> r.model(ModelId.of("acme/sentiment-small")).version(Semver.of("0.1.0"))
 *     .rating(4).text("Fast and right on short reviews."));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class NewReview {
  /** The longest text, in UTF-8 bytes: 64 KiB. */
  public static final int MAX_TEXT_BYTES = 64 * 1024;

  private final ModelId model;
  private final Semver version;
  private final int rating;
  private final String text;
  private final Cid textCid;

  private NewReview(Builder b) {
    this.model = b.model;
    this.version = b.version;
    this.rating = b.rating;
    this.text = b.text;
    this.textCid = b.textCid;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.model = model;
    b.version = version;
    b.rating = rating;
    b.text = text;
    b.textCid = textCid;
    return b;
  }

  public ModelId model() {
    return model;
  }

  public Semver version() {
    return version;
  }

  /** From 1 to 5. */
  public int rating() {
    return rating;
  }

  /** The text to store, when given as text. */
  public Optional<String> text() {
    return Optional.ofNullable(text);
  }

  /** The CID of text stored already, when given so. */
  public Optional<Cid> textCid() {
    return Optional.ofNullable(textCid);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NewReview r && model.equals(r.model) && version.equals(r.version) && rating == r.rating
        && Objects.equals(text, r.text) && Objects.equals(textCid, r.textCid);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, version, rating, text, textCid);
  }

  /** The model, version and rating; the text by its length only. */
  @Override
  public String toString() {
    return "NewReview{" + model + " " + version.text() + ", rating " + rating
        + (text != null ? ", text of " + text.length() + " chars" : ", text " + textCid) + "}";
  }

  /** Builds a {@link NewReview}; model, version, rating and one of text or textCid are required. */
  public static final class Builder {
    private ModelId model;
    private Semver version;
    private int rating;
    private String text;
    private Cid textCid;

    private Builder() {}

    public Builder model(ModelId model) {
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    public Builder version(Semver version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /** From 1 to 5. */
    public Builder rating(int rating) {
      this.rating = rating;
      return this;
    }

    /** The review's text; the client stores it in its store and records the CID. */
    public Builder text(String text) {
      this.text = Objects.requireNonNull(text, "text");
      this.textCid = null;
      return this;
    }

    /** The CID of the review's text, stored already. */
    public Builder textCid(Cid textCid) {
      this.textCid = Objects.requireNonNull(textCid, "textCid");
      this.text = null;
      return this;
    }

    /**
     * @throws AivmValidationException listing every missing or wrong field
     */
    public NewReview build() {
      List<Problem> problems = new ArrayList<>();
      if (model == null) {
        problems.add(Problem.of("model", "required", null, "the model reviewed is required"));
      }
      if (version == null) {
        problems.add(Problem.of("version", "required", null, "the version reviewed is required"));
      }
      if (rating < 1 || rating > 5) {
        problems.add(Problem.of("rating", "range", rating, "a rating is from 1 to 5, not " + rating));
      }
      if (text == null && textCid == null) {
        problems.add(Problem.of("text", "required", null, "a review has a text (or the CID of one)"));
      }
      if (text != null && text.isBlank()) {
        problems.add(Problem.of("text", "minLength", text.length(), "a review's text is not blank"));
      }
      if (text != null && text.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
        problems.add(Problem.of("text", "maxLength", text.length(), "a review's text is at most " + MAX_TEXT_BYTES
            + " bytes of UTF-8"));
      }
      if (!problems.isEmpty()) {
        throw new AivmValidationException(problems);
      }
      return new NewReview(this);
    }
  }
}
