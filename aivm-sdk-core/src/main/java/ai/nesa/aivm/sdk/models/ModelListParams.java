package ai.nesa.aivm.sdk.models;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A catalog search: free text, filters, sort and paging. Every filter is optional and they
 * combine with AND.
 *
 * <pre>{@code
 * ModelListParams params = ModelListParams.builder()
 *     .query("sentiment")
 *     .task(Task.TEXT_CLASSIFICATION)
 *     .runtime(Engine.ONNX)
 *     .parameterCount(1_000_000, 500_000_000)
 *     .minBenchmark("accuracy", 0.9)
 *     .tag("english")
 *     .sort(ModelSort.benchmark("accuracy"))
 *     .limit(50)
 *     .build();
 * }</pre>
 *
 * <p>{@link Builder#build()} checks every rule at once and throws an {@link
 * AivmValidationException} listing each broken one, before anything is sent.
 *
 * @since 0.1.0
 */
public final class ModelListParams {
  /** The largest page the gateway serves. */
  public static final int MAX_LIMIT = 100;

  private static final Pattern SPDX = Pattern.compile("[A-Za-z0-9.+-]{1,64}");

  private final String query;
  private final Task task;
  private final String architecture;
  private final Engine runtime;
  private final Long minParameters;
  private final Long maxParameters;
  private final List<BenchmarkThreshold> minBenchmarks;
  private final Address owner;
  private final String author;
  private final Set<String> tags;
  private final String license;
  private final Access access;
  private final ModelSort sort;
  private final SortOrder order;
  private final Integer limit;
  private final String cursor;

  private ModelListParams(Builder b) {
    this.query = b.query;
    this.task = b.task;
    this.architecture = b.architecture;
    this.runtime = b.runtime;
    this.minParameters = b.minParameters;
    this.maxParameters = b.maxParameters;
    this.minBenchmarks = List.copyOf(b.minBenchmarks);
    this.owner = b.owner;
    this.author = b.author;
    this.tags = Collections.unmodifiableSet(new LinkedHashSet<>(b.tags));
    this.license = b.license;
    this.access = b.access;
    this.sort = b.sort;
    this.order = b.order;
    this.limit = b.limit;
    this.cursor = b.cursor;
  }

  /** No filter: the whole catalog, in the gateway's default order. */
  public static ModelListParams none() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.query = query;
    b.task = task;
    b.architecture = architecture;
    b.runtime = runtime;
    b.minParameters = minParameters;
    b.maxParameters = maxParameters;
    b.minBenchmarks.addAll(minBenchmarks);
    b.owner = owner;
    b.author = author;
    b.tags.addAll(tags);
    b.license = license;
    b.access = access;
    b.sort = sort;
    b.order = order;
    b.limit = limit;
    b.cursor = cursor;
    return b;
  }

  public Optional<String> query() {
    return Optional.ofNullable(query);
  }

  public Optional<Task> task() {
    return Optional.ofNullable(task);
  }

  public Optional<String> architecture() {
    return Optional.ofNullable(architecture);
  }

  public Optional<Engine> runtime() {
    return Optional.ofNullable(runtime);
  }

  public OptionalLong minParameters() {
    return minParameters == null ? OptionalLong.empty() : OptionalLong.of(minParameters);
  }

  public OptionalLong maxParameters() {
    return maxParameters == null ? OptionalLong.empty() : OptionalLong.of(maxParameters);
  }

  public List<BenchmarkThreshold> minBenchmarks() {
    return minBenchmarks;
  }

  public Optional<Address> owner() {
    return Optional.ofNullable(owner);
  }

  public Optional<String> author() {
    return Optional.ofNullable(author);
  }

  /** Tags a model must all carry, in the order given. */
  public Set<String> tags() {
    return tags;
  }

  public Optional<String> license() {
    return Optional.ofNullable(license);
  }

  public Optional<Access> access() {
    return Optional.ofNullable(access);
  }

  public Optional<ModelSort> sort() {
    return Optional.ofNullable(sort);
  }

  public Optional<SortOrder> order() {
    return Optional.ofNullable(order);
  }

  /** The page size; the gateway's default (20) when empty. */
  public Optional<Integer> limit() {
    return Optional.ofNullable(limit);
  }

  /** Where the page starts: the {@code nextCursor} of the page before. */
  public Optional<String> cursor() {
    return Optional.ofNullable(cursor);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelListParams p
        && Objects.equals(query, p.query) && Objects.equals(task, p.task)
        && Objects.equals(architecture, p.architecture) && Objects.equals(runtime, p.runtime)
        && Objects.equals(minParameters, p.minParameters) && Objects.equals(maxParameters, p.maxParameters)
        && minBenchmarks.equals(p.minBenchmarks) && Objects.equals(owner, p.owner)
        && Objects.equals(author, p.author) && tags.equals(p.tags) && Objects.equals(license, p.license)
        && access == p.access && Objects.equals(sort, p.sort) && order == p.order
        && Objects.equals(limit, p.limit) && Objects.equals(cursor, p.cursor);
  }

  @Override
  public int hashCode() {
    return Objects.hash(query, task, architecture, runtime, minParameters, maxParameters, minBenchmarks,
        owner, author, tags, license, access, sort, order, limit, cursor);
  }

  @Override
  public String toString() {
    return "ModelListParams{query=" + query + ", task=" + task + ", architecture=" + architecture
        + ", runtime=" + runtime + ", parameters=[" + minParameters + ", " + maxParameters + "]"
        + ", minBenchmarks=" + minBenchmarks + ", owner=" + owner + ", author=" + author
        + ", tags=" + tags + ", license=" + license + ", access=" + access + ", sort=" + sort
        + ", order=" + order + ", limit=" + limit + ", cursor=" + cursor + "}";
  }

  /** Builds {@link ModelListParams}; {@link #build()} checks every rule. */
  public static final class Builder {
    private String query;
    private Task task;
    private String architecture;
    private Engine runtime;
    private Long minParameters;
    private Long maxParameters;
    private final List<BenchmarkThreshold> minBenchmarks = new ArrayList<>();
    private Address owner;
    private String author;
    private final Set<String> tags = new LinkedHashSet<>();
    private String license;
    private Access access;
    private ModelSort sort;
    private SortOrder order;
    private Integer limit;
    private String cursor;

    private Builder() {}

    /** Free text, matched against names, descriptions, tags and authors. */
    public Builder query(String query) {
      this.query = Objects.requireNonNull(query, "query");
      return this;
    }

    public Builder task(Task task) {
      this.task = Objects.requireNonNull(task, "task");
      return this;
    }

    /** The model type or architecture, such as {@code transformer} or {@code cnn}. */
    public Builder architecture(String architecture) {
      this.architecture = Objects.requireNonNull(architecture, "architecture");
      return this;
    }

    public Builder runtime(Engine runtime) {
      this.runtime = Objects.requireNonNull(runtime, "runtime");
      return this;
    }

    /** At least this many parameters (inclusive). */
    public Builder minParameters(long minParameters) {
      this.minParameters = minParameters;
      return this;
    }

    /** At most this many parameters (inclusive). */
    public Builder maxParameters(long maxParameters) {
      this.maxParameters = maxParameters;
      return this;
    }

    /** Between {@code min} and {@code max} parameters, both inclusive: the model's complexity. */
    public Builder parameterCount(long min, long max) {
      return minParameters(min).maxParameters(max);
    }

    /** The model must report {@code name} with a value of at least {@code min}; may repeat. */
    public Builder minBenchmark(String name, double min) {
      minBenchmarks.add(new BenchmarkThreshold(Objects.requireNonNull(name, "name"), min));
      return this;
    }

    public Builder owner(Address owner) {
      this.owner = Objects.requireNonNull(owner, "owner");
      return this;
    }

    /** An author's name (case-insensitive) or address. */
    public Builder author(String author) {
      this.author = Objects.requireNonNull(author, "author");
      return this;
    }

    /** The model must carry this tag; may repeat, and every tag named must be carried. */
    public Builder tag(String tag) {
      tags.add(Objects.requireNonNull(tag, "tag"));
      return this;
    }

    public Builder tags(Collection<String> tags) {
      tags.forEach(this::tag);
      return this;
    }

    /** An SPDX license identifier, such as {@code Apache-2.0}. */
    public Builder license(String license) {
      this.license = Objects.requireNonNull(license, "license");
      return this;
    }

    public Builder access(Access access) {
      this.access = Objects.requireNonNull(access, "access");
      return this;
    }

    public Builder sort(ModelSort sort) {
      this.sort = Objects.requireNonNull(sort, "sort");
      return this;
    }

    /** Sorts by the given key; see {@link ModelSort#parse}. */
    public Builder sort(String key) {
      return sort(ModelSort.parse(key));
    }

    public Builder order(SortOrder order) {
      this.order = Objects.requireNonNull(order, "order");
      return this;
    }

    /** The page size, 1 to {@value ModelListParams#MAX_LIMIT}. */
    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    public Builder cursor(String cursor) {
      this.cursor = Objects.requireNonNull(cursor, "cursor");
      return this;
    }

    /**
     * @throws AivmValidationException listing every rule the parameters break, each naming its
     *     parameter
     */
    public ModelListParams build() {
      List<Problem> problems = new ArrayList<>();
      if (query != null && (query.isBlank() || query.length() > 256)) {
        problems.add(Problem.of("query", "length", query, "query must be 1-256 characters and not blank"));
      }
      if (architecture != null && (architecture.isBlank() || architecture.length() > 64)) {
        problems.add(Problem.of("architecture", "length", architecture, "architecture must be 1-64 characters"));
      }
      if (minParameters != null && minParameters < 0) {
        problems.add(Problem.of("minParameters", "range", minParameters, "minParameters must not be negative"));
      }
      if (maxParameters != null && maxParameters < 0) {
        problems.add(Problem.of("maxParameters", "range", maxParameters, "maxParameters must not be negative"));
      }
      if (minParameters != null && maxParameters != null && minParameters > maxParameters) {
        problems.add(Problem.of("parameterCount", "range", "[" + minParameters + ", " + maxParameters + "]",
            "the parameter range is empty: minParameters " + minParameters + " > maxParameters " + maxParameters));
      }
      for (int i = 0; i < minBenchmarks.size(); i++) {
        BenchmarkThreshold t = minBenchmarks.get(i);
        if (!ModelSort.BENCHMARK_NAME.matcher(t.name()).matches()) {
          problems.add(Problem.of("minBenchmark[" + i + "].name", "pattern", t.name(),
              "a benchmark name is 1-64 letters, digits, '_', '.', '-' or '/'"));
        }
        if (!Double.isFinite(t.min())) {
          problems.add(Problem.of("minBenchmark[" + i + "].min", "finite", t.min(), "a threshold must be a finite number"));
        }
      }
      if (author != null && (author.isBlank() || author.length() > 128)) {
        problems.add(Problem.of("author", "length", author, "author must be 1-128 characters and not blank"));
      }
      for (String tag : tags) {
        if (tag.isBlank() || tag.length() > 64) {
          problems.add(Problem.of("tag", "length", tag, "a tag must be 1-64 characters and not blank"));
        }
      }
      if (license != null && !SPDX.matcher(license).matches()) {
        problems.add(Problem.of("license", "pattern", license, "a license is an SPDX identifier such as Apache-2.0"));
      }
      if (access == Access.UNKNOWN) {
        problems.add(Problem.of("access", "enum", access, "filter by PUBLIC or PRIVATE"));
      }
      if (sort == ModelSort.RELEVANCE && query == null) {
        problems.add(Problem.of("sort", "requires", "relevance", "sorting by relevance needs a query"));
      }
      if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
        problems.add(Problem.of("limit", "range", limit, "limit must be between 1 and " + MAX_LIMIT + ", was " + limit));
      }
      if (cursor != null && (cursor.isEmpty() || cursor.length() > 512)) {
        problems.add(Problem.of("cursor", "length", "cursor must be 1-512 characters; pass a page's nextCursor"));
      }
      if (!problems.isEmpty()) {
        throw new AivmValidationException(problems);
      }
      return new ModelListParams(this);
    }
  }
}
