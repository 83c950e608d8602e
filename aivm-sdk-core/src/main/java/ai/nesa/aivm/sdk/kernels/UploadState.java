package ai.nesa.aivm.sdk.kernels;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.internal.kernels.JsonTree;
import ai.nesa.aivm.sdk.internal.kernels.bundle.BundlePaths;
import ai.nesa.aivm.sdk.internal.kernels.bundle.CanonicalJson;
import ai.nesa.aivm.sdk.internal.kernels.bundle.ManifestJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an upload has stored so far: for each file, the manifest entry of what the store holds and
 * the fingerprint (size and CIDv1) of the bundle bytes it came from. An upload that fails or is
 * cancelled hands one out ({@link KernelUploadException#state()}); passing it to {@link
 * UploadOptions.Builder#resumeFrom(UploadState)} sends only what is missing.
 *
 * <h2>What a resume skips</h2>
 *
 * <p>A file is skipped when its bytes in the bundle still hash to the recorded fingerprint and the
 * store still holds the recorded CID; an encrypted file also needs its stored header's key
 * commitment to match the upload's data key. Anything else is stored again. For a private kernel
 * this is what lets a resume reuse ciphertext: encryption draws a fresh random salt each time, so
 * the ciphertext's CID cannot be recomputed from the plaintext.
 *
 * <h2>As JSON</h2>
 *
 * <p>{@link #toJson()} is canonical JSON holding CIDs, sizes and encryption parameters, never a key;
 * keep it in a file to resume after the process ends ({@link UploadOptions.Builder#journal} does
 * that for you):
 *
 * <pre>{@code
 * {"files":[{"entry":{...manifest entry...},"source":{"cid":"bafk...","size":1048576}}],
 *  "format":"aivm-upload-state/1","name":"acme/sentiment","version":"1.2.0"}
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class UploadState {
  /** The value of the JSON form's {@code format} field. */
  public static final String FORMAT = "aivm-upload-state/1";

  private static final Set<String> TOP = Set.of("format", "name", "version", "files");
  private static final Set<String> FILE = Set.of("entry", "source");
  private static final Set<String> SOURCE = Set.of("cid", "size");

  private final ModelId name;
  private final Semver version;
  private final SortedMap<String, StoredFile> files;

  private UploadState(ModelId name, Semver version, SortedMap<String, StoredFile> files) {
    this.name = name;
    this.version = version;
    this.files = files;
  }

  /** A state with nothing stored yet, for the kernel {@code name} at {@code version}. */
  public static UploadState empty(ModelId name, Semver version) {
    return new UploadState(Objects.requireNonNull(name, "name"), Objects.requireNonNull(version, "version"),
        Collections.unmodifiableSortedMap(new TreeMap<>(BundlePaths.CODE_POINT_ORDER)));
  }

  /**
   * Reads the JSON {@link #toJson()} writes.
   *
   * @throws AivmValidationException listing every problem with its JSON path
   */
  public static UploadState fromJson(String json) {
    List<Problem> problems = new ArrayList<>();
    Object doc = JsonTree.read(Objects.requireNonNull(json, "json"), problems);
    Map<String, Object> top = doc == null ? null : ManifestJson.object("$", doc, problems);
    if (top == null) {
      throw new AivmValidationException(problems);
    }
    ManifestJson.keys("$", top, TOP, TOP, problems);
    String format = ManifestJson.string("$.format", top.get("format"), problems);
    if (format != null && !FORMAT.equals(format)) {
      problems.add(Problem.of("$.format", "enum", format, "this SDK reads upload states of format " + FORMAT));
    }
    ModelId name = null;
    Semver version = null;
    String n = ManifestJson.string("$.name", top.get("name"), problems);
    String v = ManifestJson.string("$.version", top.get("version"), problems);
    try {
      name = n == null ? null : ModelId.of(n);
    } catch (AivmValidationException e) {
      problems.add(Problem.of("$.name", "pattern", n, "not a model name (org/model)"));
    }
    try {
      version = v == null ? null : Semver.of(v);
    } catch (AivmValidationException e) {
      problems.add(Problem.of("$.version", "semver", v, "not a semantic version"));
    }
    SortedMap<String, StoredFile> files = new TreeMap<>(BundlePaths.CODE_POINT_ORDER);
    if (top.get("files") instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        String at = "$.files[" + i + "]";
        Map<String, Object> f = ManifestJson.object(at, list.get(i), problems);
        if (f == null) {
          continue;
        }
        ManifestJson.keys(at, f, FILE, FILE, problems);
        ManifestEntry entry = f.get("entry") == null ? null : ManifestJson.entry(at + ".entry", f.get("entry"), problems);
        Map<String, Object> source = f.get("source") == null ? null
            : ManifestJson.object(at + ".source", f.get("source"), problems);
        if (source == null || entry == null) {
          continue;
        }
        ManifestJson.keys(at + ".source", source, SOURCE, SOURCE, problems);
        Long size = ManifestJson.integer(at + ".source.size", source.get("size"), problems);
        String cid = ManifestJson.string(at + ".source.cid", source.get("cid"), problems);
        if (size == null || cid == null) {
          continue;
        }
        if (size < 0) {
          problems.add(Problem.of(at + ".source.size", "minimum", size, "a size is not negative"));
          continue;
        }
        try {
          if (files.put(entry.path(), new StoredFile(entry, size, Cid.of(cid))) != null) {
            problems.add(Problem.of(at + ".entry.path", "unique", entry.path(), "the file is listed twice"));
          }
        } catch (AivmValidationException e) {
          problems.add(Problem.of(at + ".source.cid", "cid", cid, "not a CID"));
        }
      }
    } else if (top.containsKey("files")) {
      problems.add(Problem.of("$.files", "type", "files is an array"));
    }
    if (!problems.isEmpty()) {
      throw new AivmValidationException(problems);
    }
    return new UploadState(name, version, Collections.unmodifiableSortedMap(files));
  }

  /** The kernel's name. */
  public ModelId name() {
    return name;
  }

  /** The kernel's version. */
  public Semver version() {
    return version;
  }

  /** The files stored so far, in path order. */
  public Collection<StoredFile> files() {
    return files.values();
  }

  /** The file stored at bundle path {@code path}, if it is. */
  public Optional<StoredFile> file(String path) {
    return Optional.ofNullable(files.get(path));
  }

  /** This state with {@code file} recorded as stored, replacing what was recorded at its path. */
  public UploadState with(StoredFile file) {
    Objects.requireNonNull(file, "file");
    SortedMap<String, StoredFile> copy = new TreeMap<>(files);
    copy.put(file.entry().path(), file);
    return new UploadState(name, version, Collections.unmodifiableSortedMap(copy));
  }

  /** The canonical JSON form; it holds no secret. */
  public String toJson() {
    List<Object> list = new ArrayList<>();
    for (StoredFile f : files.values()) {
      list.add(Map.of("entry", ManifestJson.entryTree(f.entry()),
          "source", Map.of("size", f.sourceSize(), "cid", f.sourceCid().value())));
    }
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("format", FORMAT);
    top.put("name", name.toString());
    top.put("version", version.text());
    top.put("files", list);
    return CanonicalJson.text(top);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UploadState s && name.equals(s.name) && version.equals(s.version) && files.equals(s.files);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, version, files);
  }

  @Override
  public String toString() {
    return "UploadState{" + name + "@" + version.text() + ", " + files.size() + " files stored}";
  }

  /**
   * One stored file: what the store holds and what it was made from.
   *
   * @param entry the manifest entry of the stored object (ciphertext, for an encrypted file)
   * @param sourceSize the size of the bundle file it came from
   * @param sourceCid the CIDv1 of the bundle file's bytes (the plaintext, for an encrypted file)
   * @since 0.1.0
   */
  public record StoredFile(ManifestEntry entry, long sourceSize, Cid sourceCid) {
    public StoredFile {
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(sourceCid, "sourceCid");
      if (sourceSize < 0) {
        throw new IllegalArgumentException("sourceSize >= 0: " + sourceSize);
      }
    }
  }
}
