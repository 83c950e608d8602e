package ai.nesa.aivm.sdk.models;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A model as a catalog search lists it.
 *
 * <p>Immutable. Responses gain fields over time: build instances with {@link #builder()}.
 *
 * @since 0.1.0
 */
public final class ModelSummary {
  private final ModelId id;
  private final String displayName;
  private final String description;
  private final Address owner;
  private final List<Author> authors;
  private final Task task;
  private final String architecture;
  private final Engine runtime;
  private final Long parameterCount;
  private final List<String> tags;
  private final String license;
  private final Access access;
  private final Semver latestVersion;
  private final RatingSummary rating;
  private final UsageCounts usage;
  private final Instant createdAt;
  private final Instant updatedAt;

  private ModelSummary(Builder b) {
    this.id = Objects.requireNonNull(b.id, "id");
    this.displayName = b.displayName;
    this.description = b.description;
    this.owner = Objects.requireNonNull(b.owner, "owner");
    this.authors = List.copyOf(b.authors);
    this.task = Objects.requireNonNull(b.task, "task");
    this.architecture = b.architecture;
    this.runtime = b.runtime;
    this.parameterCount = b.parameterCount;
    this.tags = List.copyOf(b.tags);
    this.license = b.license;
    this.access = Objects.requireNonNull(b.access, "access");
    this.latestVersion = b.latestVersion;
    this.rating = b.rating;
    this.usage = b.usage;
    this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
    this.updatedAt = Objects.requireNonNull(b.updatedAt, "updatedAt");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this instance's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.displayName = displayName;
    b.description = description;
    b.owner = owner;
    b.authors = authors;
    b.task = task;
    b.architecture = architecture;
    b.runtime = runtime;
    b.parameterCount = parameterCount;
    b.tags = tags;
    b.license = license;
    b.access = access;
    b.latestVersion = latestVersion;
    b.rating = rating;
    b.usage = usage;
    b.createdAt = createdAt;
    b.updatedAt = updatedAt;
    return b;
  }

  /** The model's name, {@code org/model}. */
  public ModelId id() {
    return id;
  }

  /** A name for people. */
  public Optional<String> displayName() {
    return Optional.ofNullable(displayName);
  }

  /** The description; in a list, its first paragraph. */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /** The address that owns the model on the ledger. */
  public Address owner() {
    return owner;
  }

  /** The authors. */
  public List<Author> authors() {
    return authors;
  }

  /** What the model does. */
  public Task task() {
    return task;
  }

  /** The model type or architecture, such as {@code transformer}. */
  public Optional<String> architecture() {
    return Optional.ofNullable(architecture);
  }

  /** The engine the latest version runs on. */
  public Optional<Engine> runtime() {
    return Optional.ofNullable(runtime);
  }

  /** The number of parameters. */
  public OptionalLong parameterCount() {
    return parameterCount == null ? OptionalLong.empty() : OptionalLong.of(parameterCount);
  }

  /** Free-form tags. */
  public List<String> tags() {
    return tags;
  }

  /** An SPDX license identifier. */
  public Optional<String> license() {
    return Optional.ofNullable(license);
  }

  /** Whether anybody may run the model or only nodes the owner authorized. */
  public Access access() {
    return access;
  }

  /** The newest version that is not deprecated. */
  public Optional<Semver> latestVersion() {
    return Optional.ofNullable(latestVersion);
  }

  /** What reviewers said, in numbers. */
  public Optional<RatingSummary> rating() {
    return Optional.ofNullable(rating);
  }

  /** How much the model is used. */
  public Optional<UsageCounts> usage() {
    return Optional.ofNullable(usage);
  }

  /** When the model was registered. */
  public Instant createdAt() {
    return createdAt;
  }

  /** When anything about it last changed. */
  public Instant updatedAt() {
    return updatedAt;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof ModelSummary o)) {
      return false;
    }
    return Objects.equals(id, o.id)
        && Objects.equals(displayName, o.displayName)
        && Objects.equals(description, o.description)
        && Objects.equals(owner, o.owner)
        && Objects.equals(authors, o.authors)
        && Objects.equals(task, o.task)
        && Objects.equals(architecture, o.architecture)
        && Objects.equals(runtime, o.runtime)
        && Objects.equals(parameterCount, o.parameterCount)
        && Objects.equals(tags, o.tags)
        && Objects.equals(license, o.license)
        && Objects.equals(access, o.access)
        && Objects.equals(latestVersion, o.latestVersion)
        && Objects.equals(rating, o.rating)
        && Objects.equals(usage, o.usage)
        && Objects.equals(createdAt, o.createdAt)
        && Objects.equals(updatedAt, o.updatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, displayName, description, owner, authors, task, architecture, runtime, parameterCount, tags, license, access, latestVersion, rating, usage, createdAt, updatedAt);
  }

  @Override
  public String toString() {
    return "ModelSummary{id=" + id + ", displayName=" + displayName + ", description=" + description + ", owner=" + owner + ", authors=" + authors + ", task=" + task + ", architecture=" + architecture + ", runtime=" + runtime + ", parameterCount=" + parameterCount + ", tags=" + tags + ", license=" + license + ", access=" + access + ", latestVersion=" + latestVersion + ", rating=" + rating + ", usage=" + usage + ", createdAt=" + createdAt + ", updatedAt=" + updatedAt + "}";
  }

  /** Builds a {@link ModelSummary}. */
  public static final class Builder {
    private ModelId id;
    private String displayName;
    private String description;
    private Address owner;
    private List<Author> authors = List.of();
    private Task task;
    private String architecture;
    private Engine runtime;
    private Long parameterCount;
    private List<String> tags = List.of();
    private String license;
    private Access access;
    private Semver latestVersion;
    private RatingSummary rating;
    private UsageCounts usage;
    private Instant createdAt;
    private Instant updatedAt;

    private Builder() {}

    public Builder id(ModelId id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    public Builder displayName(String displayName) {
      this.displayName = Objects.requireNonNull(displayName, "displayName");
      return this;
    }

    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    public Builder owner(Address owner) {
      this.owner = Objects.requireNonNull(owner, "owner");
      return this;
    }

    public Builder authors(List<Author> authors) {
      this.authors = Objects.requireNonNull(authors, "authors");
      return this;
    }

    public Builder task(Task task) {
      this.task = Objects.requireNonNull(task, "task");
      return this;
    }

    public Builder architecture(String architecture) {
      this.architecture = Objects.requireNonNull(architecture, "architecture");
      return this;
    }

    public Builder runtime(Engine runtime) {
      this.runtime = Objects.requireNonNull(runtime, "runtime");
      return this;
    }

    public Builder parameterCount(long parameterCount) {
      this.parameterCount = parameterCount;
      return this;
    }

    public Builder tags(List<String> tags) {
      this.tags = Objects.requireNonNull(tags, "tags");
      return this;
    }

    public Builder license(String license) {
      this.license = Objects.requireNonNull(license, "license");
      return this;
    }

    public Builder access(Access access) {
      this.access = Objects.requireNonNull(access, "access");
      return this;
    }

    public Builder latestVersion(Semver latestVersion) {
      this.latestVersion = Objects.requireNonNull(latestVersion, "latestVersion");
      return this;
    }

    public Builder rating(RatingSummary rating) {
      this.rating = Objects.requireNonNull(rating, "rating");
      return this;
    }

    public Builder usage(UsageCounts usage) {
      this.usage = Objects.requireNonNull(usage, "usage");
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
      return this;
    }

    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
      return this;
    }

    /**
     * @throws NullPointerException naming the first required field not set
     */
    public ModelSummary build() {
      return new ModelSummary(this);
    }
  }
}
