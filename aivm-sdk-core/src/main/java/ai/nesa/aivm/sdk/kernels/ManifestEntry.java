package ai.nesa.aivm.sdk.kernels;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.internal.kernels.bundle.BundlePaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One file of a {@link Manifest}: its path, size, CID, media type, role and, when encrypted, how.
 *
 * <p>The CID is CIDv1 in base32 with raw leaves (as {@link
 * ai.nesa.aivm.sdk.storage.ContentIds#v1Only()} computes it) of the bytes as stored, which for an
 * encrypted file are the ciphertext. Immutable.
 *
 * @since 0.1.0
 */
public final class ManifestEntry {
  /** The largest size a manifest records: 2^53 − 1, which canonical JSON holds exactly. */
  public static final long MAX_SIZE = (1L << 53) - 1;

  private static final Pattern MEDIA_TYPE =
      Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*");

  private final String path;
  private final long size;
  private final Cid cid;
  private final String mediaType;
  private final FileRole role;
  private final FileEncryption encryption;

  private ManifestEntry(Builder b) {
    this.path = b.path;
    this.size = b.size;
    this.cid = b.cid;
    this.mediaType = b.mediaType;
    this.role = b.role;
    this.encryption = b.encryption;
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this entry's values. */
  public Builder toBuilder() {
    Builder b = new Builder().path(path).size(size).cid(cid).mediaType(mediaType).role(role);
    b.encryption = encryption;
    return b;
  }

  /** The relative, '/'-separated path inside the bundle. */
  public String path() {
    return path;
  }

  /** The size in bytes. */
  public long size() {
    return size;
  }

  /** The CIDv1 (base32, raw leaves) of the bytes. */
  public Cid cid() {
    return cid;
  }

  /** The media type, such as {@code application/onnx}. */
  public String mediaType() {
    return mediaType;
  }

  /** What the file is for. */
  public FileRole role() {
    return role;
  }

  /** How the file is encrypted; empty for a public kernel's files. */
  public Optional<FileEncryption> encryption() {
    return Optional.ofNullable(encryption);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ManifestEntry e && path.equals(e.path) && size == e.size && cid.equals(e.cid)
        && mediaType.equals(e.mediaType) && role == e.role && Objects.equals(encryption, e.encryption);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, size, cid, mediaType, role, encryption);
  }

  @Override
  public String toString() {
    return "ManifestEntry{" + path + ", " + size + " B, " + cid + ", " + mediaType + ", "
        + role.wireName() + (encryption == null ? "" : ", " + encryption.scheme()) + "}";
  }

  /**
   * Builds a {@link ManifestEntry}.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private String path;
    private long size = -1;
    private Cid cid;
    private String mediaType;
    private FileRole role;
    private FileEncryption encryption;

    private Builder() {}

    public Builder path(String path) {
      this.path = path;
      return this;
    }

    public Builder size(long size) {
      this.size = size;
      return this;
    }

    public Builder cid(Cid cid) {
      this.cid = cid;
      return this;
    }

    public Builder mediaType(String mediaType) {
      this.mediaType = mediaType;
      return this;
    }

    public Builder role(FileRole role) {
      this.role = role;
      return this;
    }

    public Builder encryption(FileEncryption encryption) {
      this.encryption = Objects.requireNonNull(encryption, "encryption");
      return this;
    }

    /** This builder without encryption. */
    public Builder noEncryption() {
      this.encryption = null;
      return this;
    }

    /**
     * The entry.
     *
     * @throws AivmValidationException naming each field ({@code path}, {@code size}, {@code cid},
     *     {@code mediaType}, {@code role}) that is missing or breaks its rule
     */
    public ManifestEntry build() {
      List<Problem> problems = new ArrayList<>();
      if (path == null) {
        problems.add(Problem.of("path", "required", "a manifest entry needs a path"));
      } else {
        String why = BundlePaths.problem(path);
        if (why != null) {
          problems.add(Problem.of("path", "path", path.replace("\0", "\\0"), why));
        }
      }
      if (size < 0 || size > MAX_SIZE) {
        problems.add(Problem.of("size", "minimum", size, "a size is between 0 and 2^53 - 1 bytes"));
      }
      if (cid == null) {
        problems.add(Problem.of("cid", "required", "a manifest entry needs a CID"));
      } else if (!cid.value().startsWith("b")) {
        problems.add(Problem.of("cid", "cidv1", cid.value(), "a manifest CID is CIDv1 in base32 ('b…')"));
      }
      if (mediaType == null || !MEDIA_TYPE.matcher(mediaType).matches()) {
        problems.add(Problem.of("mediaType", "pattern", String.valueOf(mediaType),
            "a media type is lower-case type/subtype, such as application/onnx"));
      }
      if (role == null) {
        problems.add(Problem.of("role", "required", "a manifest entry needs a role"));
      }
      if (!problems.isEmpty()) {
        throw new AivmValidationException(problems);
      }
      return new ManifestEntry(this);
    }
  }
}
