package ai.nesa.aivm.sdk.internal.kernels;

import ai.nesa.aivm.Problem;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.internal.json.JsonCodec;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.BundleFile;
import ai.nesa.aivm.sdk.kernels.BundleView;
import ai.nesa.aivm.sdk.kernels.Consensus;
import ai.nesa.aivm.sdk.kernels.DType;
import ai.nesa.aivm.sdk.kernels.Dependency;
import ai.nesa.aivm.sdk.kernels.Determinism;
import ai.nesa.aivm.sdk.kernels.Dimension;
import ai.nesa.aivm.sdk.kernels.Environment;
import ai.nesa.aivm.sdk.kernels.FileRole;
import ai.nesa.aivm.sdk.kernels.Gpu;
import ai.nesa.aivm.sdk.kernels.Hardware;
import ai.nesa.aivm.sdk.kernels.Inference;
import ai.nesa.aivm.sdk.kernels.InferenceMode;
import ai.nesa.aivm.sdk.kernels.KernelExample;
import ai.nesa.aivm.sdk.kernels.KernelRuntime;
import ai.nesa.aivm.sdk.kernels.ReportedBenchmark;
import ai.nesa.aivm.sdk.kernels.Security;
import ai.nesa.aivm.sdk.kernels.SizeLimits;
import ai.nesa.aivm.sdk.kernels.TensorSpec;
import ai.nesa.aivm.sdk.models.Access;
import ai.nesa.aivm.sdk.models.Author;
import ai.nesa.aivm.sdk.models.Engine;
import ai.nesa.aivm.sdk.models.Task;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import okio.Buffer;

/**
 * Reads and writes {@code aivm.json}. Reading takes the whole document into a tree, runs every
 * rule over it, and only then binds the tree to an {@link AivmConfig}: so all problems are found
 * in one pass, and the typed model never holds a value that broke a rule.
 */
public final class AivmConfigJson extends JsonCodec {
  private AivmConfigJson() {}

  /**
   * Reads and checks {@code json}.
   *
   * @throws ai.nesa.aivm.AivmValidationException listing every problem
   */
  public static AivmConfig read(String json, BundleView bundle, SizeLimits limits) {
    List<Problem> problems = new ArrayList<>();
    Object root = JsonTree.read(json, problems);
    if (root != null) {
      ConfigRules.check(root, bundle, limits, problems);
    }
    ConfigRules.throwIfAny(problems);
    return bind(cast(root));
  }

  // ---- binding a checked tree ----

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> list(Object o, Function<Object, T> item) {
    List<T> out = new ArrayList<>();
    if (o != null) {
      for (Object x : (List<Object>) o) {
        out.add(item.apply(x));
      }
    }
    return out;
  }

  private static Long longOf(Object o) {
    return o == null ? null : ((BigDecimal) o).longValueExact();
  }

  private static AivmConfig bind(Map<String, Object> m) {
    AivmConfig.Builder b = AivmConfig.builder()
        .name(ModelId.of((String) m.get("name")))
        .version(Semver.of((String) m.get("version")))
        .license((String) m.get("license"))
        .task(Task.of((String) m.get("task")))
        .runtime(runtime(cast(m.get("runtime"))))
        .inputs(list(m.get("inputs"), AivmConfigJson::tensor))
        .outputs(list(m.get("outputs"), AivmConfigJson::tensor))
        .authors(list(m.get("authors"), AivmConfigJson::author))
        .benchmarks(list(m.get("benchmarks"), AivmConfigJson::benchmark))
        .examples(list(m.get("examples"), AivmConfigJson::example))
        .files(list(m.get("files"), o -> new BundleFile((String) cast(o).get("path"),
            FileRole.fromWire((String) cast(o).get("role")))));
    if (m.get("description") != null) {
      b.description((String) m.get("description"));
    }
    if (m.get("architecture") != null) {
      b.architecture((String) m.get("architecture"));
    }
    if (m.get("parameterCount") != null) {
      b.parameterCount(longOf(m.get("parameterCount")));
    }
    if (m.get("environment") != null) {
      Map<String, Object> e = cast(m.get("environment"));
      b.environment(new Environment((String) e.get("os"), list(e.get("libraries"), AivmConfigJson::dependency)));
    }
    if (m.get("hardware") != null) {
      Map<String, Object> h = cast(m.get("hardware"));
      Map<String, Object> cpu = h.get("cpu") == null ? null : cast(h.get("cpu"));
      Map<String, Object> gpu = h.get("gpu") == null ? null : cast(h.get("gpu"));
      b.hardware(new Hardware(cpu == null ? null : Math.toIntExact(longOf(cpu.get("cores"))),
          longOf(h.get("memory")),
          gpu == null ? null : new Gpu((Boolean) gpu.get("required"), longOf(gpu.get("memory")))));
    }
    if (m.get("determinism") != null) {
      Map<String, Object> d = cast(m.get("determinism"));
      b.determinism(new Determinism((Boolean) d.get("allowNondeterministicOps"), longOf(d.get("seed"))));
    }
    if (m.get("inference") != null) {
      Map<String, Object> i = cast(m.get("inference"));
      Consensus.Kind kind = i.get("consensus") == null ? Consensus.Kind.NONE
          : Consensus.Kind.fromWire((String) i.get("consensus"));
      Consensus consensus = kind == Consensus.Kind.K_OF_N
          ? Consensus.kOfN(Math.toIntExact(longOf(i.get("k"))), Math.toIntExact(longOf(i.get("n"))))
          : kind == Consensus.Kind.MAJORITY ? Consensus.majority() : Consensus.none();
      b.inference(new Inference(InferenceMode.fromWire((String) i.get("mode")), consensus,
          (String) i.get("aggregationEntrypoint")));
    }
    if (m.get("security") != null) {
      Map<String, Object> s = cast(m.get("security"));
      Map<String, Object> enc = s.get("encryption") == null ? null : cast(s.get("encryption"));
      b.security(new Security(Access.fromWire((String) s.get("access")),
          enc == null ? null : (String) enc.get("scheme")));
    }
    for (Map.Entry<String, Object> e : m.entrySet()) {
      if (e.getKey().startsWith("x-")) {
        b.extension(e.getKey(), JsonTree.toJson(e.getValue()));
      }
    }
    return b.build();
  }

  private static KernelRuntime runtime(Map<String, Object> r) {
    KernelRuntime.Builder b = KernelRuntime.builder()
        .engine(Engine.of((String) r.get("engine")))
        .entrypoint((String) r.get("entrypoint"))
        .dependencies(list(r.get("dependencies"), AivmConfigJson::dependency));
    if (r.get("engineVersion") != null) {
      b.engineVersion((String) r.get("engineVersion"));
    }
    return b.build();
  }

  private static Dependency dependency(Object o) {
    Map<String, Object> m = cast(o);
    return new Dependency((String) m.get("name"), (String) m.get("version"));
  }

  private static Author author(Object o) {
    Map<String, Object> m = cast(o);
    Author.Builder b = Author.builder().name((String) m.get("name"));
    if (m.get("address") != null) {
      b.address(Address.of((String) m.get("address")));
    }
    if (m.get("url") != null) {
      b.url(URI.create((String) m.get("url")));
    }
    return b.build();
  }

  private static TensorSpec tensor(Object o) {
    Map<String, Object> m = cast(o);
    List<Dimension> shape = list(m.get("shape"), d -> d instanceof String s ? Dimension.named(s)
        : ((BigDecimal) d).signum() < 0 ? Dimension.dynamic() : Dimension.fixed(longOf(d)));
    return new TensorSpec((String) m.get("name"), DType.fromWire((String) m.get("dtype")), shape,
        (String) m.get("encoding"));
  }

  private static ReportedBenchmark benchmark(Object o) {
    Map<String, Object> m = cast(o);
    return new ReportedBenchmark((String) m.get("name"), ((BigDecimal) m.get("value")).doubleValue(),
        (String) m.get("unit"), (String) m.get("dataset"));
  }

  private static KernelExample example(Object o) {
    Map<String, Object> m = cast(o);
    return new KernelExample((String) m.get("title"),
        m.containsKey("input") ? JsonTree.toJson(m.get("input")) : null, (String) m.get("inputFile"),
        m.containsKey("output") ? JsonTree.toJson(m.get("output")) : null, (String) m.get("outputFile"));
  }

  // ---- writing ----

  /** {@code config} as indented JSON, fields in the schema's order, absent fields left out. */
  public static String write(AivmConfig c) {
    Buffer out = new Buffer();
    try (JsonWriter w = JsonWriter.of(out)) {
      w.setIndent("  ");
      w.beginObject();
      w.name("schemaVersion").value(c.schemaVersion());
      w.name("name").value(c.name().toString());
      w.name("version").value(c.version().text());
      if (c.description().isPresent()) {
        w.name("description").value(c.description().get());
      }
      if (!c.authors().isEmpty()) {
        w.name("authors").beginArray();
        for (Author a : c.authors()) {
          w.beginObject().name("name").value(a.name());
          if (a.address().isPresent()) {
            w.name("address").value(a.address().get().toString());
          }
          if (a.url().isPresent()) {
            w.name("url").value(a.url().get().toString());
          }
          w.endObject();
        }
        w.endArray();
      }
      w.name("license").value(c.license());
      w.name("task").value(c.task().value());
      if (c.architecture().isPresent()) {
        w.name("architecture").value(c.architecture().get());
      }
      if (c.parameterCount().isPresent()) {
        w.name("parameterCount").value(c.parameterCount().getAsLong());
      }
      writeRuntime(w, c.runtime());
      if (c.environment().isPresent()) {
        Environment e = c.environment().get();
        w.name("environment").beginObject();
        if (e.os() != null) {
          w.name("os").value(e.os());
        }
        if (!e.libraries().isEmpty()) {
          w.name("libraries");
          writeDependencies(w, e.libraries());
        }
        w.endObject();
      }
      if (c.hardware().isPresent()) {
        writeHardware(w, c.hardware().get());
      }
      if (c.determinism().isPresent()) {
        Determinism d = c.determinism().get();
        w.name("determinism").beginObject().name("allowNondeterministicOps").value(d.allowNondeterministicOps());
        if (d.seed() != null) {
          w.name("seed").value(d.seed());
        }
        w.endObject();
      }
      w.name("inputs");
      writeTensors(w, c.inputs());
      w.name("outputs");
      writeTensors(w, c.outputs());
      if (c.inference().isPresent()) {
        writeInference(w, c.inference().get());
      }
      if (c.security().isPresent()) {
        Security s = c.security().get();
        w.name("security").beginObject().name("access").value(s.access().wireName());
        if (s.encryptionScheme() != null) {
          w.name("encryption").beginObject().name("scheme").value(s.encryptionScheme()).endObject();
        }
        w.endObject();
      }
      if (!c.benchmarks().isEmpty()) {
        w.name("benchmarks").beginArray();
        for (ReportedBenchmark r : c.benchmarks()) {
          w.beginObject().name("name").value(r.name()).name("value").value(r.value());
          optional(w, "unit", r.unit());
          optional(w, "dataset", r.dataset());
          w.endObject();
        }
        w.endArray();
      }
      if (!c.examples().isEmpty()) {
        w.name("examples").beginArray();
        for (KernelExample e : c.examples()) {
          w.beginObject();
          optional(w, "title", e.title());
          if (e.input() != null) {
            w.name("input");
            rawJson(w, e.input());
          }
          optional(w, "inputFile", e.inputFile());
          if (e.output() != null) {
            w.name("output");
            rawJson(w, e.output());
          }
          optional(w, "outputFile", e.outputFile());
          w.endObject();
        }
        w.endArray();
      }
      if (!c.files().isEmpty()) {
        w.name("files").beginArray();
        for (BundleFile f : c.files()) {
          w.beginObject().name("path").value(f.path()).name("role").value(f.role().wireName()).endObject();
        }
        w.endArray();
      }
      for (Map.Entry<String, String> e : c.extensions().entrySet()) {
        w.name(e.getKey());
        rawJson(w, e.getValue());
      }
      w.endObject();
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory", e);
    }
    return out.readUtf8() + "\n";
  }

  private static void optional(JsonWriter w, String name, String value) throws IOException {
    if (value != null) {
      w.name(name).value(value);
    }
  }

  private static void writeRuntime(JsonWriter w, KernelRuntime r) throws IOException {
    w.name("runtime").beginObject().name("engine").value(r.engine().value());
    if (r.engineVersion().isPresent()) {
      w.name("engineVersion").value(r.engineVersion().get());
    }
    w.name("entrypoint").value(r.entrypoint());
    if (!r.dependencies().isEmpty()) {
      w.name("dependencies");
      writeDependencies(w, r.dependencies());
    }
    w.endObject();
  }

  private static void writeDependencies(JsonWriter w, List<Dependency> deps) throws IOException {
    w.beginArray();
    for (Dependency d : deps) {
      w.beginObject().name("name").value(d.name()).name("version").value(d.version()).endObject();
    }
    w.endArray();
  }

  private static void writeHardware(JsonWriter w, Hardware h) throws IOException {
    w.name("hardware").beginObject();
    if (h.cpuCores() != null) {
      w.name("cpu").beginObject().name("cores").value(h.cpuCores()).endObject();
    }
    if (h.memory() != null) {
      w.name("memory").value(h.memory());
    }
    if (h.gpu() != null) {
      w.name("gpu").beginObject().name("required").value(h.gpu().required());
      if (h.gpu().memory() != null) {
        w.name("memory").value(h.gpu().memory());
      }
      w.endObject();
    }
    w.endObject();
  }

  private static void writeTensors(JsonWriter w, List<TensorSpec> tensors) throws IOException {
    w.beginArray();
    for (TensorSpec t : tensors) {
      w.beginObject().name("name").value(t.name()).name("dtype").value(t.dtype().wireName());
      w.name("shape").beginArray();
      for (Dimension d : t.shape()) {
        if (d.isNamed()) {
          w.value(d.symbol());
        } else {
          w.value(d.size());
        }
      }
      w.endArray();
      optional(w, "encoding", t.encoding());
      w.endObject();
    }
    w.endArray();
  }

  private static void writeInference(JsonWriter w, Inference i) throws IOException {
    w.name("inference").beginObject().name("mode").value(i.mode().wireName());
    w.name("consensus").value(i.consensus().kind().wireName());
    if (i.consensus().kind() == Consensus.Kind.K_OF_N) {
      w.name("k").value(i.consensus().k()).name("n").value(i.consensus().n());
    }
    optional(w, "aggregationEntrypoint", i.aggregationEntrypoint());
    w.endObject();
  }
}
