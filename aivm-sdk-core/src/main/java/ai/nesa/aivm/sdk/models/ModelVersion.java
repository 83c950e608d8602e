package ai.nesa.aivm.sdk.models;

import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.sdk.Semver;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One published version of a model: where its kernel is stored and what changed.
 *
 * <p>Immutable. Responses gain fields over time: build instances with {@link #builder()}.
 *
 * @since 0.1.0
 */
public final class ModelVersion {
  private final Semver version;
  private final Instant publishedAt;
  private final Cid manifestCid;
  private final Hash32 manifestHash;
  private final String changelog;
  private final boolean deprecated;
  private final Engine runtime;
  private final Long sizeBytes;

  private ModelVersion(Builder b) {
    this.version = Objects.requireNonNull(b.version, "version");
    this.publishedAt = Objects.requireNonNull(b.publishedAt, "publishedAt");
    this.manifestCid = Objects.requireNonNull(b.manifestCid, "manifestCid");
    this.manifestHash = Objects.requireNonNull(b.manifestHash, "manifestHash");
    this.changelog = b.changelog;
    this.deprecated = b.deprecated;
    this.runtime = b.runtime;
    this.sizeBytes = b.sizeBytes;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this instance's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.version = version;
    b.publishedAt = publishedAt;
    b.manifestCid = manifestCid;
    b.manifestHash = manifestHash;
    b.changelog = changelog;
    b.deprecated = deprecated;
    b.runtime = runtime;
    b.sizeBytes = sizeBytes;
    return b;
  }

  /** The version. */
  public Semver version() {
    return version;
  }

  /** When it was published. */
  public Instant publishedAt() {
    return publishedAt;
  }

  /** The CID of the kernel's manifest in storage. */
  public Cid manifestCid() {
    return manifestCid;
  }

  /** The manifest's hash, as the ledger records it. */
  public Hash32 manifestHash() {
    return manifestHash;
  }

  /** What changed since the version before. */
  public Optional<String> changelog() {
    return Optional.ofNullable(changelog);
  }

  /** Whether the owner deprecated this version. */
  public boolean deprecated() {
    return deprecated;
  }

  /** The engine the kernel runs on. */
  public Optional<Engine> runtime() {
    return Optional.ofNullable(runtime);
  }

  /** Total bytes of the kernel's files. */
  public OptionalLong sizeBytes() {
    return sizeBytes == null ? OptionalLong.empty() : OptionalLong.of(sizeBytes);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof ModelVersion o)) {
      return false;
    }
    return Objects.equals(version, o.version)
        && Objects.equals(publishedAt, o.publishedAt)
        && Objects.equals(manifestCid, o.manifestCid)
        && Objects.equals(manifestHash, o.manifestHash)
        && Objects.equals(changelog, o.changelog)
        && deprecated == o.deprecated
        && Objects.equals(runtime, o.runtime)
        && Objects.equals(sizeBytes, o.sizeBytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, publishedAt, manifestCid, manifestHash, changelog, deprecated, runtime, sizeBytes);
  }

  @Override
  public String toString() {
    return "ModelVersion{version=" + version + ", publishedAt=" + publishedAt + ", manifestCid=" + manifestCid + ", manifestHash=" + manifestHash + ", changelog=" + changelog + ", deprecated=" + deprecated + ", runtime=" + runtime + ", sizeBytes=" + sizeBytes + "}";
  }

  /** Builds a {@link ModelVersion}. */
  public static final class Builder {
    private Semver version;
    private Instant publishedAt;
    private Cid manifestCid;
    private Hash32 manifestHash;
    private String changelog;
    private boolean deprecated = false;
    private Engine runtime;
    private Long sizeBytes;

    private Builder() {}

    public Builder version(Semver version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    public Builder publishedAt(Instant publishedAt) {
      this.publishedAt = Objects.requireNonNull(publishedAt, "publishedAt");
      return this;
    }

    public Builder manifestCid(Cid manifestCid) {
      this.manifestCid = Objects.requireNonNull(manifestCid, "manifestCid");
      return this;
    }

    public Builder manifestHash(Hash32 manifestHash) {
      this.manifestHash = Objects.requireNonNull(manifestHash, "manifestHash");
      return this;
    }

    public Builder changelog(String changelog) {
      this.changelog = Objects.requireNonNull(changelog, "changelog");
      return this;
    }

    public Builder deprecated(boolean deprecated) {
      this.deprecated = deprecated;
      return this;
    }

    public Builder runtime(Engine runtime) {
      this.runtime = Objects.requireNonNull(runtime, "runtime");
      return this;
    }

    public Builder sizeBytes(long sizeBytes) {
      this.sizeBytes = sizeBytes;
      return this;
    }

    /**
     * @throws NullPointerException naming the first required field not set
     */
    public ModelVersion build() {
      return new ModelVersion(this);
    }
  }
}
