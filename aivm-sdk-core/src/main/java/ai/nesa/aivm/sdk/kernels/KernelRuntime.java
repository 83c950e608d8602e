package ai.nesa.aivm.sdk.kernels;

import ai.nesa.aivm.sdk.models.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What runs a kernel: the engine, its version, the file it loads and the packages it needs.
 *
 * <p>Immutable; build with {@link #builder()}.
 *
 * @since 0.1.0
 */
public final class KernelRuntime {
  private final Engine engine;
  private final String engineVersion;
  private final String entrypoint;
  private final List<Dependency> dependencies;

  private KernelRuntime(Builder b) {
    this.engine = Objects.requireNonNull(b.engine, "engine");
    this.engineVersion = b.engineVersion;
    this.entrypoint = Objects.requireNonNull(b.entrypoint, "entrypoint");
    this.dependencies = List.copyOf(b.dependencies);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this instance's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.engine = engine;
    b.engineVersion = engineVersion;
    b.entrypoint = entrypoint;
    b.dependencies.addAll(dependencies);
    return b;
  }

  /** The engine, such as {@link Engine#ONNX}. */
  public Engine engine() {
    return engine;
  }

  /** The engine version the kernel was built for. */
  public Optional<String> engineVersion() {
    return Optional.ofNullable(engineVersion);
  }

  /** The bundle path of the file the engine loads. */
  public String entrypoint() {
    return entrypoint;
  }

  /** The packages the kernel needs, in the order written. */
  public List<Dependency> dependencies() {
    return dependencies;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KernelRuntime r && engine.equals(r.engine)
        && Objects.equals(engineVersion, r.engineVersion) && entrypoint.equals(r.entrypoint)
        && dependencies.equals(r.dependencies);
  }

  @Override
  public int hashCode() {
    return Objects.hash(engine, engineVersion, entrypoint, dependencies);
  }

  @Override
  public String toString() {
    return "KernelRuntime{engine=" + engine + ", engineVersion=" + engineVersion
        + ", entrypoint=" + entrypoint + ", dependencies=" + dependencies + "}";
  }

  /** Builds a {@link KernelRuntime}. */
  public static final class Builder {
    private Engine engine;
    private String engineVersion;
    private String entrypoint;
    private final List<Dependency> dependencies = new ArrayList<>();

    private Builder() {}

    public Builder engine(Engine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
      return this;
    }

    public Builder engineVersion(String engineVersion) {
      this.engineVersion = Objects.requireNonNull(engineVersion, "engineVersion");
      return this;
    }

    /** The bundle path of the file the engine loads, such as {@code model.onnx}. */
    public Builder entrypoint(String entrypoint) {
      this.entrypoint = Objects.requireNonNull(entrypoint, "entrypoint");
      return this;
    }

    /** Adds a package the kernel needs; may repeat. */
    public Builder dependency(String name, String version) {
      dependencies.add(new Dependency(name, version));
      return this;
    }

    public Builder dependencies(List<Dependency> dependencies) {
      this.dependencies.clear();
      this.dependencies.addAll(dependencies);
      return this;
    }

    /**
     * @throws NullPointerException naming the first required field not set
     */
    public KernelRuntime build() {
      return new KernelRuntime(this);
    }
  }
}
