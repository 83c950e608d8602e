package ai.nesa.aivm.sdk.models;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.Semver;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One reviewer's rating of one model version.
 *
 * <p>Immutable. Responses gain fields over time: build instances with {@link #builder()}.
 *
 * @since 0.1.0
 */
public final class Review {
  private final Address reviewer;
  private final Semver version;
  private final int rating;
  private final String text;
  private final Cid textCid;
  private final Instant createdAt;

  private Review(Builder b) {
    this.reviewer = Objects.requireNonNull(b.reviewer, "reviewer");
    this.version = Objects.requireNonNull(b.version, "version");
    this.rating = b.rating;
    this.text = b.text;
    this.textCid = b.textCid;
    this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this instance's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.reviewer = reviewer;
    b.version = version;
    b.rating = rating;
    b.text = text;
    b.textCid = textCid;
    b.createdAt = createdAt;
    return b;
  }

  /** Who wrote it. */
  public Address reviewer() {
    return reviewer;
  }

  /** The version reviewed. */
  public Semver version() {
    return version;
  }

  /** From 1 to 5. */
  public int rating() {
    return rating;
  }

  /** The text, when the gateway fetched it from storage. */
  public Optional<String> text() {
    return Optional.ofNullable(text);
  }

  /** Where the text is stored. */
  public Optional<Cid> textCid() {
    return Optional.ofNullable(textCid);
  }

  /** When it was written. */
  public Instant createdAt() {
    return createdAt;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Review o)) {
      return false;
    }
    return Objects.equals(reviewer, o.reviewer)
        && Objects.equals(version, o.version)
        && rating == o.rating
        && Objects.equals(text, o.text)
        && Objects.equals(textCid, o.textCid)
        && Objects.equals(createdAt, o.createdAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(reviewer, version, rating, text, textCid, createdAt);
  }

  @Override
  public String toString() {
    return "Review{reviewer=" + reviewer + ", version=" + version + ", rating=" + rating + ", text=" + text + ", textCid=" + textCid + ", createdAt=" + createdAt + "}";
  }

  /** Builds a {@link Review}. */
  public static final class Builder {
    private Address reviewer;
    private Semver version;
    private int rating = 0;
    private String text;
    private Cid textCid;
    private Instant createdAt;

    private Builder() {}

    public Builder reviewer(Address reviewer) {
      this.reviewer = Objects.requireNonNull(reviewer, "reviewer");
      return this;
    }

    public Builder version(Semver version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    public Builder rating(int rating) {
      this.rating = rating;
      return this;
    }

    public Builder text(String text) {
      this.text = Objects.requireNonNull(text, "text");
      return this;
    }

    public Builder textCid(Cid textCid) {
      this.textCid = Objects.requireNonNull(textCid, "textCid");
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
      return this;
    }

    /**
     * @throws NullPointerException naming the first required field not set
     */
    public Review build() {
      return new Review(this);
    }
  }
}
