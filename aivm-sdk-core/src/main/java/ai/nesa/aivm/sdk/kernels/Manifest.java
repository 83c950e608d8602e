package ai.nesa.aivm.sdk.kernels;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.crypto.Eip712;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Keccak256;
import ai.nesa.aivm.crypto.TypedData;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.internal.kernels.bundle.BundlePaths;
import ai.nesa.aivm.sdk.internal.kernels.bundle.CanonicalJson;
import ai.nesa.aivm.sdk.internal.kernels.bundle.ManifestJson;
import ai.nesa.aivm.sdk.internal.kernels.bundle.ManifestTypedData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The list of a kernel's files — path, size, CID, media type, role, encryption — whose hash the
 * chain records.
 *
 * <pre>{@code
 * Manifest manifest = KernelBundle.fromDirectory(dir).manifest();
 * Hash32 onChain = manifest.hash();
 * SignedManifest signed = manifest.sign(authorKey, 31337);
 * }</pre>
 *
 * <h2>Canonical JSON</h2>
 *
 * <p>A manifest has exactly one encoding, {@link #toCanonicalJson()}, and {@link #hash()} is the
 * Keccak-256 of its bytes. It is RFC 8785 (JCS) restricted to what a manifest holds:
 *
 * <ul>
 *   <li>UTF-8, no byte order mark, no insignificant whitespace (no space, no newline at the end);
 *   <li>object keys sorted by Unicode code point (every key is ASCII, so this is also JCS's
 *       UTF-16 order and byte order);
 *   <li>numbers are integers in [0, 2^53 − 1] (encryption parameters: ±(2^53 − 1)) written as
 *       decimal digits without sign, fraction, exponent or leading zero;
 *   <li>strings escape only {@code "} and {@code \} (as {@code \"}, {@code \\}), and U+0000–U+001F
 *       (as {@code \b \f \n \r \t}, else {@code \}{@code u00xx} in lower-case hex); every other
 *       character, {@code /} and non-ASCII included, is written as itself in UTF-8;
 *   <li>{@code files} is sorted by {@code path} in code point order; an absent {@code
 *       encryption} or {@code keys} is left out, never {@code null}.
 * </ul>
 *
 * <p>The document, with {@code encryption} present only for encrypted files:
 *
 * <pre>{@code
 * {"files":[{"cid":"bafkrei…","encryption":{"parameters":{…},"scheme":"…"},
 *   "mediaType":"application/onnx","path":"model.onnx","role":"weights","size":1234}, …],
 *  "keys":{…},"name":"acme/sentiment","schemaVersion":"1","version":"0.1.0"}
 * }</pre>
 *
 * <p>{@code keys} ({@link ManifestKeys}) is there only in a private kernel published through
 * {@code client.access()}.
 *
 * <p>{@link #fromJson(String)} accepts any valid JSON with these fields (other key order,
 * whitespace, escapes, {@code 1.0} for {@code 1}); {@link #hash()} is always over the canonical
 * re-encoding, so equal manifests have equal hashes. Unknown keys are refused: they would not be
 * hashed.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Manifest {
  /**
   * The classpath resource of the JSON Schema (2020-12) of the manifest; its {@code $defs} also
   * describe {@link SignedManifest#toJson()} and {@link UploadState#toJson()}.
   */
  public static final String SCHEMA_RESOURCE = "ai/nesa/aivm/sdk/kernels/manifest.schema.json";

  /** The manifest schema version this SDK writes and reads. */
  public static final String SCHEMA_VERSION = "1";

  private final ModelId name;
  private final Semver version;
  private final List<ManifestEntry> files;
  private final ManifestKeys keys;
  private final byte[] canonical;
  private final Hash32 hash;

  private Manifest(ModelId name, Semver version, List<ManifestEntry> files, ManifestKeys keys) {
    this.name = name;
    this.version = version;
    this.files = files;
    this.keys = keys;
    this.canonical = CanonicalJson.bytes(ManifestJson.tree(this));
    this.hash = Keccak256.hash(canonical);
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this manifest's values. */
  public Builder toBuilder() {
    Builder b = new Builder().name(name).version(version).files(files);
    b.keys = keys;
    return b;
  }

  /**
   * Reads a manifest from any valid JSON with the manifest's fields.
   *
   * @throws AivmValidationException listing every problem with its JSON path ({@code
   *     $.files[2].cid}): bad JSON, a duplicate or unknown key, a missing field, a wrong type, a
   *     value breaking its rule, a schema version other than {@value #SCHEMA_VERSION}, a path
   *     listed twice
   */
  public static Manifest fromJson(String json) {
    return ManifestJson.read(Objects.requireNonNull(json, "json"));
  }

  /** The schema version, {@value #SCHEMA_VERSION}. */
  public String schemaVersion() {
    return SCHEMA_VERSION;
  }

  /** The model's name, {@code org/model}. */
  public ModelId name() {
    return name;
  }

  /** The model's version. */
  public Semver version() {
    return version;
  }

  /** Every file, sorted by path. */
  public List<ManifestEntry> files() {
    return files;
  }

  /** The entry for {@code path}, or empty when the manifest has none. */
  public Optional<ManifestEntry> file(String path) {
    return files.stream().filter(f -> f.path().equals(path)).findFirst();
  }

  /**
   * The keys of a private kernel published through {@code client.access()}: its key epoch, its
   * sealed data key and the owner's wrapped seed; empty for a public kernel and for one encrypted
   * under a data key given directly ({@link UploadOptions.Builder#dataKey}).
   */
  public Optional<ManifestKeys> keys() {
    return Optional.ofNullable(keys);
  }

  /** The canonical JSON text (see the class documentation). */
  public String toCanonicalJson() {
    return new String(canonical, StandardCharsets.UTF_8);
  }

  /** The canonical JSON as UTF-8 bytes: what {@link #hash()} hashes. */
  public byte[] toCanonicalBytes() {
    return canonical.clone();
  }

  /** Keccak-256 of the canonical bytes: the hash the chain records and the author signs. */
  public Hash32 hash() {
    return hash;
  }

  /**
   * The EIP-712 typed data an author signs for this manifest on {@code chainId}; see {@link
   * SignedManifest} for its exact definition.
   */
  public TypedData typedData(long chainId) {
    return ManifestTypedData.of(this, chainId);
  }

  /**
   * Signs this manifest as its author, for {@code chainId}: see {@link SignedManifest} for the
   * typed data.
   */
  public SignedManifest sign(EthPrivateKey author, long chainId) {
    return sign(EthSigner.of(Objects.requireNonNull(author, "author")), chainId);
  }

  /** Signs this manifest as its author, for {@code chainId}, with any signer. */
  public SignedManifest sign(EthSigner author, long chainId) {
    Objects.requireNonNull(author, "author");
    return SignedManifest.of(this, chainId, author.address(),
        Eip712.sign(author, typedData(chainId)));
  }

  /** Manifests are equal when their canonical encodings are. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Manifest m && Arrays.equals(canonical, m.canonical);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "Manifest{" + name + "@" + version.text() + ", " + files.size() + " files, " + hash + "}";
  }

  /**
   * Builds a {@link Manifest}; files may be added in any order.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private ModelId name;
    private Semver version;
    private final List<ManifestEntry> files = new ArrayList<>();
    private ManifestKeys keys;

    private Builder() {}

    public Builder name(ModelId name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    public Builder version(Semver version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    public Builder file(ManifestEntry file) {
      files.add(Objects.requireNonNull(file, "file"));
      return this;
    }

    /** The keys of a private kernel published through {@code client.access()}; null for none. */
    public Builder keys(ManifestKeys keys) {
      this.keys = keys;
      return this;
    }

    /** Replaces the files. */
    public Builder files(List<ManifestEntry> files) {
      this.files.clear();
      files.forEach(this::file);
      return this;
    }

    /**
     * The manifest, its files sorted by path.
     *
     * @throws AivmValidationException naming {@code $.name}, {@code $.version} when missing and
     *     {@code $.files[i].path} for a path listed twice
     */
    public Manifest build() {
      List<Problem> problems = new ArrayList<>();
      if (name == null) {
        problems.add(Problem.of("$.name", "required", "a manifest needs the model's name"));
      }
      if (version == null) {
        problems.add(Problem.of("$.version", "required", "a manifest needs the model's version"));
      }
      TreeMap<String, ManifestEntry> byPath = new TreeMap<>(BundlePaths.CODE_POINT_ORDER);
      for (int i = 0; i < files.size(); i++) {
        ManifestEntry f = files.get(i);
        if (byPath.putIfAbsent(f.path(), f) != null) {
          problems.add(Problem.of("$.files[" + i + "].path", "unique", f.path(),
              "the file '" + f.path() + "' is listed twice"));
        }
      }
      if (keys != null && byPath.values().stream().noneMatch(f -> f.encryption().isPresent())) {
        problems.add(Problem.of("$.keys", "encrypted", "a manifest with keys has encrypted files"));
      }
      if (!problems.isEmpty()) {
        throw new AivmValidationException(problems);
      }
      return new Manifest(name, version, List.copyOf(byPath.values()), keys);
    }
  }
}
