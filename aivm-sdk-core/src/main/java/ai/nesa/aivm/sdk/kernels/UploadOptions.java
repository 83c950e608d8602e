package ai.nesa.aivm.sdk.kernels;

import ai.nesa.aivm.crypto.SecretBytes;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link KernelUploader#upload(KernelBundle, UploadOptions)} runs: the data key of a private
 * kernel, a progress listener, and what to resume from.
 *
 * <pre>{@code
 * UploadOptions options = UploadOptions.builder()
 *     .dataKey(key)                                  // private kernels only
 *     .listener(p -> bar.update(p.fraction()))
 *     .journal(Path.of("upload.journal.json"))       // resume after a crash by running again
 *     .build();
 * }</pre>
 *
 * <p>Immutable; {@link #toString()} never shows the key.
 *
 * @since 0.1.0
 */
public final class UploadOptions {
  /** Progress is reported about every 4 MiB unless set otherwise. */
  public static final long DEFAULT_PROGRESS_INTERVAL = 4L << 20;

  private static final UploadOptions DEFAULTS = builder().build();

  private final SecretBytes dataKey;
  private final ManifestKeys keys;
  private final UploadListener listener;
  private final long progressInterval;
  private final UploadState resumeFrom;
  private final Path journal;

  private UploadOptions(Builder b) {
    this.dataKey = b.dataKey;
    this.keys = b.keys;
    this.listener = b.listener;
    this.progressInterval = b.progressInterval;
    this.resumeFrom = b.resumeFrom;
    this.journal = b.journal;
  }

  /** No key, no listener, nothing to resume from. */
  public static UploadOptions defaults() {
    return DEFAULTS;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.dataKey = dataKey;
    b.keys = keys;
    b.listener = listener;
    b.progressInterval = progressInterval;
    b.resumeFrom = resumeFrom;
    b.journal = journal;
    return b;
  }

  /** The key a private kernel's files are encrypted under. */
  public Optional<SecretBytes> dataKey() {
    return Optional.ofNullable(dataKey);
  }

  /** The keys the manifest of a private kernel carries, as {@code client.access()} sets them. */
  public Optional<ManifestKeys> keys() {
    return Optional.ofNullable(keys);
  }

  /** Who is told the progress. */
  public UploadListener listener() {
    return listener;
  }

  /** Bytes between two progress reports while a file streams. */
  public long progressInterval() {
    return progressInterval;
  }

  /** The state of an earlier attempt to resume from. */
  public Optional<UploadState> resumeFrom() {
    return Optional.ofNullable(resumeFrom);
  }

  /** The journal file, if the upload keeps one. */
  public Optional<Path> journal() {
    return Optional.ofNullable(journal);
  }

  @Override
  public String toString() {
    return "UploadOptions{dataKey=" + (dataKey == null ? "none" : "██") + ", progressInterval="
        + progressInterval + ", resumeFrom=" + resumeFrom + ", journal=" + journal + "}";
  }

  /**
   * Builds {@link UploadOptions}.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private SecretBytes dataKey;
    private ManifestKeys keys;
    private UploadListener listener = UploadListener.NONE;
    private long progressInterval = DEFAULT_PROGRESS_INTERVAL;
    private UploadState resumeFrom;
    private Path journal;

    private Builder() {}

    /**
     * The 32-byte key a private kernel's weights, code and aggregation code are encrypted under
     * ({@link ai.nesa.aivm.crypto.ChunkedEncryption#newKey()} makes one). Required for a private
     * kernel and refused for a public one. The uploader reads it and neither copies nor wipes it.
     */
    public Builder dataKey(SecretBytes dataKey) {
      this.dataKey = Objects.requireNonNull(dataKey, "dataKey");
      return this;
    }

    /**
     * The keys the manifest carries ({@link Manifest#keys()}): set by {@code client.access()},
     * which makes the data key and seals it; refused without a {@link #dataKey}.
     */
    public Builder keys(ManifestKeys keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
      return this;
    }

    /** Who is told the progress; by default no one. */
    public Builder listener(UploadListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Bytes between two progress reports while a file streams, at least 256 KiB; {@value
     * #DEFAULT_PROGRESS_INTERVAL} by default.
     *
     * @throws IllegalArgumentException when below 262,144
     */
    public Builder progressInterval(long bytes) {
      if (bytes < 262_144) {
        throw new IllegalArgumentException("progressInterval is at least 262144 bytes: " + bytes);
      }
      this.progressInterval = bytes;
      return this;
    }

    /**
     * Resume from what an earlier attempt stored ({@link KernelUploadException#state()}): files it
     * stored whole whose bytes have not changed are not sent again; see {@link UploadState}.
     */
    public Builder resumeFrom(UploadState state) {
      this.resumeFrom = Objects.requireNonNull(state, "state");
      return this;
    }

    /**
     * Keep the upload's state in {@code file}: it is read at the start (when it exists and is for
     * the same name and version, the upload resumes from it), rewritten atomically after each file
     * is stored, and deleted when the upload is done. It holds no secret.
     */
    public Builder journal(Path file) {
      this.journal = Objects.requireNonNull(file, "file");
      return this;
    }

    public UploadOptions build() {
      return new UploadOptions(this);
    }
  }
}
