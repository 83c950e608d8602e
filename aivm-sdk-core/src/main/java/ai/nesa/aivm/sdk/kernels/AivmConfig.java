package ai.nesa.aivm.sdk.kernels;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.internal.kernels.AivmConfigJson;
import ai.nesa.aivm.sdk.models.Author;
import ai.nesa.aivm.sdk.models.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The AIVM config of a model kernel, {@code aivm.json}: what the model is, what runs it, what it
 * needs, what goes in and out, how it is run and who may run it — a Dockerfile for a model.
 *
 * <p>Immutable. Read one with {@link #fromJson}, which checks every rule and reports every
 * problem at once; build one with {@link #builder()} (or start from a {@link Presets preset}) and
 * check it with {@link AivmConfigValidator}. The JSON Schema is on the classpath at {@value
 * #SCHEMA_RESOURCE}.
 *
 * <pre>{@code
 * AivmConfig config = AivmConfig.fromJson(Files.readString(dir.resolve("aivm.json")));
 * String json = config.toJson();
 * }</pre>
 *
 * <h2>Extensions</h2>
 *
 * <p>Top-level keys starting with {@code x-} are kept as they are (as JSON text) and written back.
 *
 * @since 0.1.0
 */
public final class AivmConfig {
  /** The version of the format this SDK reads and writes. */
  public static final String SCHEMA_VERSION = "1";

  /** Where the JSON Schema (draft 2020-12) of {@code aivm.json} is on the classpath. */
  public static final String SCHEMA_RESOURCE = "ai/nesa/aivm/sdk/kernels/aivm-config.schema.json";

  private final ModelId name;
  private final Semver version;
  private final String description;
  private final List<Author> authors;
  private final String license;
  private final Task task;
  private final String architecture;
  private final Long parameterCount;
  private final KernelRuntime runtime;
  private final Environment environment;
  private final Hardware hardware;
  private final Determinism determinism;
  private final List<TensorSpec> inputs;
  private final List<TensorSpec> outputs;
  private final Inference inference;
  private final Security security;
  private final List<ReportedBenchmark> benchmarks;
  private final List<KernelExample> examples;
  private final List<BundleFile> files;
  private final Map<String, String> extensions;

  private AivmConfig(Builder b) {
    this.name = Objects.requireNonNull(b.name, "name");
    this.version = Objects.requireNonNull(b.version, "version");
    this.description = b.description;
    this.authors = List.copyOf(b.authors);
    this.license = Objects.requireNonNull(b.license, "license");
    this.task = Objects.requireNonNull(b.task, "task");
    this.architecture = b.architecture;
    this.parameterCount = b.parameterCount;
    this.runtime = Objects.requireNonNull(b.runtime, "runtime");
    this.environment = b.environment;
    this.hardware = b.hardware;
    this.determinism = b.determinism;
    this.inputs = List.copyOf(b.inputs);
    this.outputs = List.copyOf(b.outputs);
    this.inference = b.inference;
    this.security = b.security;
    this.benchmarks = List.copyOf(b.benchmarks);
    this.examples = List.copyOf(b.examples);
    this.files = List.copyOf(b.files);
    this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(b.extensions));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads {@code aivm.json} and checks every rule that needs no bundle.
   *
   * @throws AivmValidationException listing every problem found, each with its JSON path and
   *     rule; text that is not JSON at all is one problem with the rule {@code json}
   */
  public static AivmConfig fromJson(String json) {
    return AivmConfigValidator.create().validate(json);
  }

  /** This config as {@code aivm.json} text, indented by two spaces, fields in the schema's order. */
  public String toJson() {
    return AivmConfigJson.write(this);
  }

  /** A builder that starts from this instance's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.version = version;
    b.description = description;
    b.authors.addAll(authors);
    b.license = license;
    b.task = task;
    b.architecture = architecture;
    b.parameterCount = parameterCount;
    b.runtime = runtime;
    b.environment = environment;
    b.hardware = hardware;
    b.determinism = determinism;
    b.inputs.addAll(inputs);
    b.outputs.addAll(outputs);
    b.inference = inference;
    b.security = security;
    b.benchmarks.addAll(benchmarks);
    b.examples.addAll(examples);
    b.files.addAll(files);
    b.extensions.putAll(extensions);
    return b;
  }

  /** The format version, always {@value #SCHEMA_VERSION}. */
  public String schemaVersion() {
    return SCHEMA_VERSION;
  }

  /** The model's name and catalog key, {@code org/model}. */
  public ModelId name() {
    return name;
  }

  /** The kernel's version. */
  public Semver version() {
    return version;
  }

  /** What the model does, for people. */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /** Who made the model, in the order written. */
  public List<Author> authors() {
    return authors;
  }

  /** The SPDX licence identifier, such as {@code Apache-2.0}, or {@code LicenseRef-…}. */
  public String license() {
    return license;
  }

  /** What the model does. */
  public Task task() {
    return task;
  }

  /** The model type or architecture, such as {@code transformer}. */
  public Optional<String> architecture() {
    return Optional.ofNullable(architecture);
  }

  /** How many parameters the model has. */
  public OptionalLong parameterCount() {
    return parameterCount == null ? OptionalLong.empty() : OptionalLong.of(parameterCount);
  }

  /** What runs the kernel. */
  public KernelRuntime runtime() {
    return runtime;
  }

  /** The system the kernel expects around its engine. */
  public Optional<Environment> environment() {
    return Optional.ofNullable(environment);
  }

  /** What the kernel needs of the machine. */
  public Optional<Hardware> hardware() {
    return Optional.ofNullable(hardware);
  }

  /** Whether the kernel's results are reproducible. */
  public Optional<Determinism> determinism() {
    return Optional.ofNullable(determinism);
  }

  /** The kernel's inputs, in order. */
  public List<TensorSpec> inputs() {
    return inputs;
  }

  /** The kernel's outputs, in order. */
  public List<TensorSpec> outputs() {
    return outputs;
  }

  /** How the kernel is run; single node without consensus when absent. */
  public Optional<Inference> inference() {
    return Optional.ofNullable(inference);
  }

  /** Who may run the kernel; public when absent. */
  public Optional<Security> security() {
    return Optional.ofNullable(security);
  }

  /** Benchmark results the author reports. */
  public List<ReportedBenchmark> benchmarks() {
    return benchmarks;
  }

  /** Example inputs and outputs. */
  public List<KernelExample> examples() {
    return examples;
  }

  /** The bundle files the config lists, with their roles. */
  public List<BundleFile> files() {
    return files;
  }

  /** The {@code x-} extension keys, each with its value as JSON text, in the order written. */
  public Map<String, String> extensions() {
    return extensions;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof AivmConfig o)) {
      return false;
    }
    return Objects.equals(name, o.name)
        && Objects.equals(version, o.version)
        && Objects.equals(description, o.description)
        && Objects.equals(authors, o.authors)
        && Objects.equals(license, o.license)
        && Objects.equals(task, o.task)
        && Objects.equals(architecture, o.architecture)
        && Objects.equals(parameterCount, o.parameterCount)
        && Objects.equals(runtime, o.runtime)
        && Objects.equals(environment, o.environment)
        && Objects.equals(hardware, o.hardware)
        && Objects.equals(determinism, o.determinism)
        && Objects.equals(inputs, o.inputs)
        && Objects.equals(outputs, o.outputs)
        && Objects.equals(inference, o.inference)
        && Objects.equals(security, o.security)
        && Objects.equals(benchmarks, o.benchmarks)
        && Objects.equals(examples, o.examples)
        && Objects.equals(files, o.files)
        && Objects.equals(extensions, o.extensions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, version, description, authors, license, task, architecture, parameterCount, runtime, environment, hardware, determinism, inputs, outputs, inference, security, benchmarks, examples, files, extensions);
  }

  @Override
  public String toString() {
    return "AivmConfig{"
        + "name=" + name
        + ", version=" + version
        + ", description=" + description
        + ", authors=" + authors
        + ", license=" + license
        + ", task=" + task
        + ", architecture=" + architecture
        + ", parameterCount=" + parameterCount
        + ", runtime=" + runtime
        + ", environment=" + environment
        + ", hardware=" + hardware
        + ", determinism=" + determinism
        + ", inputs=" + inputs
        + ", outputs=" + outputs
        + ", inference=" + inference
        + ", security=" + security
        + ", benchmarks=" + benchmarks
        + ", examples=" + examples
        + ", files=" + files
        + ", extensions=" + extensions
        + "}";
  }

  /** Builds an {@link AivmConfig}; values are checked by {@link AivmConfigValidator}. */
  public static final class Builder {
    private ModelId name;
    private Semver version;
    private String description;
    private final List<Author> authors = new ArrayList<>();
    private String license;
    private Task task;
    private String architecture;
    private Long parameterCount;
    private KernelRuntime runtime;
    private Environment environment;
    private Hardware hardware;
    private Determinism determinism;
    private final List<TensorSpec> inputs = new ArrayList<>();
    private final List<TensorSpec> outputs = new ArrayList<>();
    private Inference inference;
    private Security security;
    private final List<ReportedBenchmark> benchmarks = new ArrayList<>();
    private final List<KernelExample> examples = new ArrayList<>();
    private final List<BundleFile> files = new ArrayList<>();
    private final Map<String, String> extensions = new LinkedHashMap<>();

    private Builder() {}

    /** The model's name and catalog key, {@code org/model}. */
    public Builder name(ModelId name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The kernel's version. */
    public Builder version(Semver version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /** What the model does, for people. */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /** Who made the model, in the order written. */
    public Builder author(Author author) {
      authors.add(Objects.requireNonNull(author, "author"));
      return this;
    }

    /** Replaces the authors. */
    public Builder authors(List<Author> authors) {
      this.authors.clear();
      authors.forEach(this::author);
      return this;
    }

    /** The SPDX licence identifier, such as {@code Apache-2.0}, or {@code LicenseRef-…}. */
    public Builder license(String license) {
      this.license = Objects.requireNonNull(license, "license");
      return this;
    }

    /** What the model does. */
    public Builder task(Task task) {
      this.task = Objects.requireNonNull(task, "task");
      return this;
    }

    /** The model type or architecture, such as {@code transformer}. */
    public Builder architecture(String architecture) {
      this.architecture = Objects.requireNonNull(architecture, "architecture");
      return this;
    }

    /** How many parameters the model has. */
    public Builder parameterCount(long parameterCount) {
      this.parameterCount = parameterCount;
      return this;
    }

    /** What runs the kernel. */
    public Builder runtime(KernelRuntime runtime) {
      this.runtime = Objects.requireNonNull(runtime, "runtime");
      return this;
    }

    /** The system the kernel expects around its engine. */
    public Builder environment(Environment environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /** What the kernel needs of the machine. */
    public Builder hardware(Hardware hardware) {
      this.hardware = Objects.requireNonNull(hardware, "hardware");
      return this;
    }

    /** Whether the kernel's results are reproducible. */
    public Builder determinism(Determinism determinism) {
      this.determinism = Objects.requireNonNull(determinism, "determinism");
      return this;
    }

    /** The kernel's inputs, in order. */
    public Builder input(TensorSpec input) {
      inputs.add(Objects.requireNonNull(input, "input"));
      return this;
    }

    /** Replaces the inputs. */
    public Builder inputs(List<TensorSpec> inputs) {
      this.inputs.clear();
      inputs.forEach(this::input);
      return this;
    }

    /** The kernel's outputs, in order. */
    public Builder output(TensorSpec output) {
      outputs.add(Objects.requireNonNull(output, "output"));
      return this;
    }

    /** Replaces the outputs. */
    public Builder outputs(List<TensorSpec> outputs) {
      this.outputs.clear();
      outputs.forEach(this::output);
      return this;
    }

    /** How the kernel is run; single node without consensus when absent. */
    public Builder inference(Inference inference) {
      this.inference = Objects.requireNonNull(inference, "inference");
      return this;
    }

    /** Who may run the kernel; public when absent. */
    public Builder security(Security security) {
      this.security = Objects.requireNonNull(security, "security");
      return this;
    }

    /** Benchmark results the author reports. */
    public Builder benchmark(ReportedBenchmark benchmark) {
      benchmarks.add(Objects.requireNonNull(benchmark, "benchmark"));
      return this;
    }

    /** Replaces the benchmarks. */
    public Builder benchmarks(List<ReportedBenchmark> benchmarks) {
      this.benchmarks.clear();
      benchmarks.forEach(this::benchmark);
      return this;
    }

    /** Example inputs and outputs. */
    public Builder example(KernelExample example) {
      examples.add(Objects.requireNonNull(example, "example"));
      return this;
    }

    /** Replaces the examples. */
    public Builder examples(List<KernelExample> examples) {
      this.examples.clear();
      examples.forEach(this::example);
      return this;
    }

    /** The bundle files the config lists, with their roles. */
    public Builder file(BundleFile file) {
      files.add(Objects.requireNonNull(file, "file"));
      return this;
    }

    /** Replaces the files. */
    public Builder files(List<BundleFile> files) {
      this.files.clear();
      files.forEach(this::file);
      return this;
    }

    /** The model's name, parsed from {@code org/model}. */
    public Builder name(String name) {
      return name(ModelId.of(name));
    }

    /** The kernel's version, parsed as semver. */
    public Builder version(String version) {
      return version(Semver.of(version));
    }

    /**
     * Adds an {@code x-} extension key with its value as JSON text.
     *
     * @throws IllegalArgumentException when the key does not start with {@code x-}
     */
    public Builder extension(String key, String json) {
      if (!key.startsWith("x-")) {
        throw new IllegalArgumentException("extension keys start with 'x-': " + key);
      }
      extensions.put(key, Objects.requireNonNull(json, "json"));
      return this;
    }

    /**
     * Builds the config without checking rules beyond required fields; check it with {@link
     * AivmConfigValidator#validate(AivmConfig)}.
     *
     * @throws NullPointerException naming the first required field not set
     */
    public AivmConfig build() {
      return new AivmConfig(this);
    }
  }
}
