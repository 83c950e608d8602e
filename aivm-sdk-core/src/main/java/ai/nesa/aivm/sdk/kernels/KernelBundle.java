package ai.nesa.aivm.sdk.kernels;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.internal.kernels.bundle.BundlePaths;
import ai.nesa.aivm.sdk.internal.kernels.bundle.BundleSource;
import ai.nesa.aivm.sdk.internal.kernels.bundle.DirectoryScan;
import ai.nesa.aivm.sdk.internal.kernels.bundle.FileRoles;
import ai.nesa.aivm.sdk.internal.kernels.bundle.MediaTypes;
import ai.nesa.aivm.sdk.storage.FileCids;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files of a kernel — config, weights, code, docs, examples — checked against its {@code
 * aivm.json}, from which a {@link Manifest} is computed.
 *
 * <pre>{@code
 * KernelBundle bundle = KernelBundle.fromDirectory(Path.of("my-kernel"));
 * // or
 * KernelBundle bundle = KernelBundle.builder()
 *     .config(Presets.onnxClassifier("acme/sentiment", "model.onnx"))
 *     .entrypoint(Path.of("build/model.onnx"))          // the file at runtime.entrypoint
 *     .file("README.md", readme.getBytes(UTF_8))
 *     .build();
 * Manifest manifest = bundle.manifest();
 * }</pre>
 *
 * <h2>What a bundle holds</h2>
 *
 * <p>Files by relative, '/'-separated path, always including {@value #CONFIG_FILE}: from a
 * directory, the file on disk; when built, the config's {@link AivmConfig#toJson()}. Files on
 * disk are read only when asked ({@link #manifest()}, {@link #open(String)}): a bundle of
 * gigabyte weights holds paths, not bytes, so a file changed after building is seen as it is
 * when read.
 *
 * <h2>Checks</h2>
 *
 * <p>Building checks, and reports in one {@link AivmValidationException}, every problem: each
 * path against the bundle path rules of {@link AivmConfigValidator} (no {@code ..}, no leading
 * {@code /}, no {@code \}, …), symbolic links and special files (refused, never followed), and
 * the config against the files ({@link AivmConfigValidator#withBundle(BundleView)}: entrypoints
 * and listed files present, {@link SizeLimits}). Problems about a file have the path {@code
 * bundle:<file path>}; problems in the config have its JSON path.
 *
 * <p>Immutable and thread-safe (its files are not: do not change them while reading).
 *
 * @since 0.1.0
 */
public final class KernelBundle implements BundleView {
  /** The config's path in every bundle. */
  public static final String CONFIG_FILE = FileRoles.CONFIG_FILE;

  private final AivmConfig config;
  private final SortedMap<String, BundleSource> files;

  private KernelBundle(AivmConfig config, SortedMap<String, BundleSource> files) {
    this.config = config;
    this.files = files;
  }

  /**
   * A bundle of every regular file under {@code directory} except hidden ones (a file or
   * directory name starting with '.'), with the config read from its {@value #CONFIG_FILE}.
   *
   * @throws AivmValidationException listing every problem: no {@value #CONFIG_FILE}, a symbolic
   *     link, a special file, an unsafe path, and every problem of the config against the files
   * @throws AivmIoException when the directory or the config cannot be read
   */
  public static KernelBundle fromDirectory(Path directory) {
    Objects.requireNonNull(directory, "directory");
    if (!Files.isDirectory(directory)) {
      throw new AivmIoException("not a directory: " + directory);
    }
    List<Problem> problems = new ArrayList<>();
    SortedMap<String, BundleSource> files = new TreeMap<>(BundlePaths.CODE_POINT_ORDER);
    Path root;
    try {
      root = directory.toRealPath();
    } catch (IOException e) {
      throw new AivmIoException("could not resolve " + directory + ": " + e.getMessage(), e);
    }
    DirectoryScan.scan(root, files, problems);
    AivmConfig config = null;
    Path configFile = root.resolve(CONFIG_FILE);
    if (files.containsKey(CONFIG_FILE)) {
      String json;
      try {
        json = Files.readString(configFile, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new AivmIoException("could not read " + configFile + ": " + e.getMessage(), e);
      }
      try {
        config = AivmConfigValidator.create().withBundle(view(files)).validate(json);
      } catch (AivmValidationException e) {
        problems.addAll(e.problems());
      }
    } else if (!Files.isSymbolicLink(configFile)) {
      problems.add(Problem.of(DirectoryScan.FILE_PREFIX + CONFIG_FILE, "present",
          "the bundle has no " + CONFIG_FILE + " at its top level"));
    }
    if (!problems.isEmpty()) {
      throw new AivmValidationException(problems);
    }
    return new KernelBundle(config, Collections.unmodifiableSortedMap(files));
  }

  /** A builder for a bundle assembled in code. */
  public static Builder builder() {
    return new Builder();
  }

  /** The config, as checked against the files. */
  public AivmConfig config() {
    return config;
  }

  /** Every file's path, {@value #CONFIG_FILE} included, in code point order. */
  public List<String> paths() {
    return List.copyOf(files.keySet());
  }

  /**
   * The current size of the file at {@code path}, or empty when the bundle has no such file.
   *
   * @throws AivmIoException when a file on disk cannot be read
   */
  @Override
  public Optional<Long> size(String path) {
    BundleSource source = files.get(path);
    return source == null ? Optional.empty() : Optional.of(source.size());
  }

  /**
   * A new stream over the current bytes of the file at {@code path}; the caller closes it.
   *
   * @throws IllegalArgumentException when the bundle has no such file
   * @throws AivmIoException when the file cannot be opened
   */
  public InputStream open(String path) {
    BundleSource source = files.get(path);
    if (source == null) {
      throw new IllegalArgumentException("the bundle has no file '" + path + "'");
    }
    return source.open();
  }

  /**
   * The manifest of the files as they are now: each file is read once, streaming, for its size
   * and CID; media types come from the extension, roles from the config.
   *
   * @throws AivmIoException when a file cannot be read
   */
  public Manifest manifest() {
    Manifest.Builder b = Manifest.builder().name(config.name()).version(config.version());
    for (Map.Entry<String, BundleSource> e : files.entrySet()) {
      String path = e.getKey();
      FileCids cids = e.getValue().cids();
      b.file(ManifestEntry.builder()
          .path(path)
          .size(cids.size())
          .cid(cids.cidV1())
          .mediaType(MediaTypes.of(path))
          .role(FileRoles.of(path, config))
          .build());
    }
    return b.build();
  }

  @Override
  public String toString() {
    return "KernelBundle{" + config.name() + "@" + config.version().text() + ", " + files.size() + " files}";
  }

  private static BundleView view(Map<String, BundleSource> files) {
    return path -> {
      BundleSource source = files.get(path);
      return source == null ? Optional.empty() : Optional.of(source.size());
    };
  }

  /**
   * Builds a {@link KernelBundle} in code: a config and files from disk or memory.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private AivmConfig config;
    private final List<Map.Entry<String, Object>> files = new ArrayList<>();

    private Builder() {}

    /** The config; the bundle's {@value #CONFIG_FILE} is its {@link AivmConfig#toJson()}. */
    public Builder config(AivmConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** A file whose bytes are read from {@code source} when needed, not now. */
    public Builder file(String path, Path source) {
      files.add(Map.entry(Objects.requireNonNull(path, "path"), Objects.requireNonNull(source, "source")));
      return this;
    }

    /**
     * The file at the config's {@code runtime.entrypoint} (the weights graph, for an ONNX kernel),
     * read from {@code source}: {@code config(Presets.onnxClassifier(name, "model.onnx"))
     * .entrypoint(weights)} names the path once.
     *
     * @throws IllegalStateException when no config was set yet
     */
    public Builder entrypoint(Path source) {
      if (config == null) {
        throw new IllegalStateException("set the config before its entrypoint");
      }
      return file(config.runtime().entrypoint(), source);
    }

    /** A file with these bytes (copied). */
    public Builder file(String path, byte[] bytes) {
      files.add(Map.entry(Objects.requireNonNull(path, "path"), Objects.requireNonNull(bytes, "bytes").clone()));
      return this;
    }

    /**
     * The bundle.
     *
     * @throws AivmValidationException listing every problem: no config, an unsafe or repeated
     *     path, a {@value #CONFIG_FILE} given as a file, a source that is not a regular file, and
     *     every problem of the config against the files
     */
    public KernelBundle build() {
      List<Problem> problems = new ArrayList<>();
      SortedMap<String, BundleSource> map = new TreeMap<>(BundlePaths.CODE_POINT_ORDER);
      for (Map.Entry<String, Object> f : files) {
        String path = f.getKey();
        String at = DirectoryScan.FILE_PREFIX + path;
        String why = BundlePaths.problem(path);
        if (why != null) {
          problems.add(Problem.of(at, "path", path.replace("\0", "\\0"), why));
          continue;
        }
        if (path.equals(CONFIG_FILE)) {
          problems.add(Problem.of(at, "config", path,
              CONFIG_FILE + " is written from the config: set it with config(...), not as a file"));
          continue;
        }
        BundleSource source;
        if (f.getValue() instanceof Path p) {
          if (!Files.isRegularFile(p)) {
            problems.add(Problem.of(at, "regular", p.toString(), "'" + p + "' is not a readable regular file"));
            continue;
          }
          source = BundleSource.of(p);
        } else {
          source = BundleSource.of((byte[]) f.getValue());
        }
        if (map.putIfAbsent(path, source) != null) {
          problems.add(Problem.of(at, "unique", path, "the file '" + path + "' is added twice"));
        }
      }
      if (config == null) {
        problems.add(Problem.of("$", "required", "a bundle needs a config"));
      } else {
        map.put(CONFIG_FILE, BundleSource.of(config.toJson().getBytes(StandardCharsets.UTF_8)));
        try {
          AivmConfigValidator.create().withBundle(view(map)).validate(config);
        } catch (AivmValidationException e) {
          problems.addAll(e.problems());
        }
      }
      if (!problems.isEmpty()) {
        throw new AivmValidationException(problems);
      }
      return new KernelBundle(config, Collections.unmodifiableSortedMap(map));
    }
  }
}
