package ai.nesa.aivm.devnet.internal;

import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.KernelExample;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.kernels.Manifest;
import ai.nesa.aivm.sdk.kernels.ManifestEntry;
import ai.nesa.aivm.sdk.kernels.ReportedBenchmark;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.ledger.LedgerEvent;
import ai.nesa.aivm.sdk.ledger.ModelRecord;
import ai.nesa.aivm.sdk.ledger.ReviewRecord;
import ai.nesa.aivm.sdk.ledger.VersionRecord;
import ai.nesa.aivm.sdk.models.Author;
import ai.nesa.aivm.sdk.storage.KernelStore;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalog as the gateway document shapes it, read from the ledger (models, versions, reviews,
 * events) and the store (each version's manifest and {@code aivm.json}, verified by the store and
 * cached by manifest CID, since content under a CID never changes).
 *
 * <p>A model's descriptive fields (description, authors, task, architecture, runtime, parameter
 * count, licence, benchmarks) come from its latest version's config: the highest version by
 * semantic-version order. A registered model with no published version is not in the catalog yet.
 */
public final class CatalogIndex {

  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);

  private final Ledger ledger;
  private final KernelStore store;
  private final KernelUploader kernels;
  private final Map<Cid, Kernel> kernelsByManifest = new ConcurrentHashMap<>();

  public CatalogIndex(Ledger ledger, KernelStore store) {
    this.ledger = ledger;
    this.store = store;
    this.kernels = KernelUploader.using(store);
  }

  /** A version's manifest and config. */
  private record Kernel(Manifest manifest, AivmConfig config) {}

  /**
   * The document's {@code ModelDetails} of {@code id}, if it is in the catalog: registered, with at
   * least one published version (a model's task and the rest come from a version's config).
   */
  public Optional<Map<String, Object>> details(ModelId id) {
    return ledger.model(id).filter(m -> inCatalog(id)).map(model -> {
      List<VersionRecord> versions = ledger.versions(id);
      Map<String, Object> body = summary(model, versions);
      List<Object> history = new ArrayList<>();
      versions.stream().sorted(Comparator.comparing(VersionRecord::publishedAt).reversed()
              .thenComparing(VersionRecord::version, Comparator.reverseOrder()))
          .forEach(v -> history.add(version(v)));
      body.put("versions", history);
      body.put("benchmarks", benchmarks(latest(versions).orElseThrow()));
      return body;
    });
  }

  /**
   * One model of the catalog, for listing: its summary (the document's {@code ModelSummary}, with
   * the description cut to its first paragraph) and what the filters and sorts look at.
   */
  public record Entry(Map<String, Object> summary, ModelRecord model, AivmConfig config, Instant createdAt,
      double rating) {}

  /** Every model in the catalog (registered, with a published version), in order of registration. */
  public List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    for (ModelRecord model : ledger.models()) {
      List<VersionRecord> versions = ledger.versions(model.id());
      if (versions.isEmpty()) {
        continue;
      }
      Map<String, Object> summary = summary(model, versions);
      Object description = summary.get("description");
      if (description instanceof String d) {
        summary.put("description", d.split("\\n\\s*\\n", 2)[0]);
      }
      @SuppressWarnings("unchecked")
      double rating = ((Number) ((Map<String, Object>) summary.get("rating")).get("average")).doubleValue();
      out.add(new Entry(summary, model, kernel(latest(versions).orElseThrow()).config(), model.registeredAt(), rating));
    }
    return out;
  }

  /** The document's {@code VersionList} of {@code id}, newest first, if it is in the catalog. */
  public Optional<Map<String, Object>> versions(ModelId id) {
    return ledger.model(id).filter(m -> inCatalog(id)).map(model -> {
      List<Object> data = new ArrayList<>();
      ledger.versions(id).stream().sorted(Comparator.comparing(VersionRecord::publishedAt).reversed()
              .thenComparing(VersionRecord::version, Comparator.reverseOrder()))
          .forEach(v -> data.add(version(v)));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("data", data);
      return body;
    });
  }

  /**
   * The document's {@code BenchmarkList} of {@code version} (the latest when null), if the model is
   * in the catalog and has that version; the benchmarks are the config's, self-reported.
   */
  public Optional<Map<String, Object>> benchmarks(ModelId id, Semver version) {
    return chosen(id, version).map(v -> Map.of("data", benchmarks(v)));
  }

  /**
   * The document's {@code ExampleList} of {@code version} (the latest when null): the config's
   * examples, each side as the JSON the config holds inline or in a bundle file.
   */
  public Optional<Map<String, Object>> examples(ModelId id, Semver version) {
    return chosen(id, version).map(v -> {
      Kernel kernel = kernel(v);
      List<Object> data = new ArrayList<>();
      for (KernelExample e : kernel.config().examples()) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (e.title() != null) {
          m.put("title", e.title());
        }
        m.put("version", v.version().text());
        m.put("input", json(e.input() != null ? e.input() : file(kernel.manifest(), e.inputFile())));
        m.put("output", json(e.output() != null ? e.output() : file(kernel.manifest(), e.outputFile())));
        data.add(m);
      }
      return Map.of("data", data);
    });
  }

  /**
   * The reviews of {@code id} (of {@code version} only, unless null), newest first, each with its
   * text when the store holds it (at most 16 KiB of UTF-8); empty when the model is not in the
   * catalog.
   */
  public Optional<List<Map<String, Object>>> reviews(ModelId id, Semver version) {
    if (!inCatalog(id)) {
      return Optional.empty();
    }
    List<ReviewRecord> reviews = new ArrayList<>(ledger.reviews(id));
    java.util.Collections.reverse(reviews); // the ledger lists them in the order they were last written
    List<Map<String, Object>> out = new ArrayList<>();
    for (ReviewRecord r : reviews) {
      if (version != null && !version.equals(r.version())) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("reviewer", r.reviewer().toString());
      m.put("version", r.version().text());
      m.put("rating", r.rating());
      reviewText(r.textCid()).ifPresent(t -> m.put("text", t));
      m.put("textCid", r.textCid().value());
      m.put("createdAt", r.reviewedAt().toString());
      out.add(m);
    }
    return Optional.of(out);
  }

  /** Whether {@code id} is in the catalog: registered, with a published version. Reads two records, nothing from the store. */
  public boolean inCatalog(ModelId id) {
    return ledger.model(id).isPresent() && !ledger.versions(id).isEmpty();
  }

  private Optional<VersionRecord> chosen(ModelId id, Semver version) {
    if (!inCatalog(id)) {
      return Optional.empty();
    }
    return version == null ? latest(ledger.versions(id)) : ledger.version(id, version);
  }

  private List<Object> benchmarks(VersionRecord v) {
    List<Object> benchmarks = new ArrayList<>();
    for (ReportedBenchmark b : kernel(v).config().benchmarks()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", b.name());
      m.put("value", b.value());
      if (b.unit() != null) {
        m.put("unit", b.unit());
      }
      if (b.dataset() != null) {
        m.put("dataset", b.dataset());
      }
      m.put("version", v.version().text());
      m.put("verification", "self_reported");
      benchmarks.add(m);
    }
    return benchmarks;
  }

  private Optional<String> reviewText(Cid cid) {
    if (!store.has(cid) || store.size(cid).orElse(Long.MAX_VALUE) > 16_384) {
      return Optional.empty();
    }
    try (InputStream in = store.open(cid)) {
      return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(in.readAllBytes())).toString());
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // not text, or unreadable: the CID is still there for the client
    }
  }

  private String file(Manifest manifest, String path) {
    try (InputStream in = kernels.open(manifest, path)) {
      return new String(in.readNBytes(KernelConfigs.MAX_BYTES), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + path, e);
    }
  }

  /** JSON text as maps, lists and values; text that is not JSON stays a string. */
  private static Object json(String text) {
    try {
      return JSON.fromJson(text);
    } catch (IOException | RuntimeException e) {
      return text;
    }
  }

  /** The document's {@code ModelVersion} of one version, if published. */
  public Optional<Map<String, Object>> version(ModelId id, Semver version) {
    return ledger.version(id, version).map(this::version);
  }

  private Map<String, Object> summary(ModelRecord model, List<VersionRecord> versions) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", model.id().toString());
    VersionRecord latest = latest(versions).orElseThrow();
    AivmConfig config = kernel(latest).config();
    config.description().ifPresent(d -> body.put("description", d));
    body.put("owner", model.owner().toString());
    List<Object> authors = new ArrayList<>();
    for (Author a : config.authors()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", a.name());
      a.address().ifPresent(x -> m.put("address", x.toString()));
      a.url().ifPresent(u -> m.put("url", u.toString()));
      authors.add(m);
    }
    body.put("authors", authors);
    body.put("task", config.task().value());
    config.architecture().ifPresent(a -> body.put("architecture", a));
    body.put("runtime", config.runtime().engine().value());
    config.parameterCount().ifPresent(n -> body.put("parameterCount", n));
    body.put("license", config.license());
    body.put("access", model.access().wireName());
    body.put("latestVersion", latest.version().text());
    body.put("rating", rating(ledger.reviews(model.id())));
    body.put("createdAt", model.registeredAt().toString());
    body.put("updatedAt", updatedAt(model).toString());
    return body;
  }

  private Map<String, Object> version(VersionRecord v) {
    Kernel kernel = kernel(v);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", v.version().text());
    body.put("publishedAt", v.publishedAt().toString());
    body.put("manifestCid", v.manifestCid().value());
    body.put("manifestHash", v.manifestHash().toString());
    body.put("deprecated", v.deprecated());
    body.put("runtime", kernel.config().runtime().engine().value());
    body.put("sizeBytes", kernel.manifest().files().stream().mapToLong(ManifestEntry::size).sum());
    return body;
  }

  private static Optional<VersionRecord> latest(List<VersionRecord> versions) {
    return versions.stream().max(Comparator.comparing(VersionRecord::version));
  }

  private static Map<String, Object> rating(List<ReviewRecord> reviews) {
    long[] distribution = new long[5];
    long total = 0;
    for (ReviewRecord r : reviews) {
      distribution[r.rating() - 1]++;
      total += r.rating();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("average", reviews.isEmpty() ? 0.0 : (double) total / reviews.size());
    body.put("count", (long) reviews.size());
    List<Long> counts = new ArrayList<>();
    for (long c : distribution) {
      counts.add(c);
    }
    body.put("distribution", counts);
    return body;
  }

  /** The time of the ledger's last change to the model. */
  private Instant updatedAt(ModelRecord model) {
    Instant latest = model.registeredAt();
    for (LedgerEvent e : ledger.events(0, Integer.MAX_VALUE)) {
      if (e.action().model().filter(model.id()::equals).isPresent() && e.appliedAt().isAfter(latest)) {
        latest = e.appliedAt();
      }
    }
    return latest;
  }

  /** A version's manifest and config, read from the store once and kept. */
  private Kernel kernel(VersionRecord v) {
    return kernelsByManifest.computeIfAbsent(v.manifestCid(), cid -> {
      Manifest manifest = kernels.manifest(cid);
      return new Kernel(manifest, KernelConfigs.read(kernels, manifest));
    });
  }
}
