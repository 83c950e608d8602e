package ai.nesa.aivm.benchmarks;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes the catalog's model at an index as a gateway {@code ModelSummary} with every optional
 * field filled, so that both clients under test decode a realistic, complete object.
 *
 * <p>Every value comes from a random generator seeded with the index: the same index always
 * gives the same bytes, and nothing is kept between calls.
 */
final class ModelJsonWriter {
  private static final long SEED = 0x5eed_a1_f00dL;
  private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
  private static final List<String> ADJECTIVES =
      List.of("Tiny", "Small", "Base", "Large", "Fast", "Robust", "Distilled", "Quantized");
  private static final List<String> NOUNS =
      List.of("Sentinel", "Lens", "Scribe", "Atlas", "Echo", "Prism", "Harbor", "Compass");
  private static final List<String> ARCHITECTURES =
      List.of("transformer", "cnn", "vit", "rnn", "gradient-boosted-trees", "conformer", "yolo", "mlp");
  private static final List<String> DATASETS =
      List.of("SST-2", "ImageNet-1k", "LibriSpeech", "COCO 2017", "MS MARCO", "UCI Adult", "AG News");
  private static final List<String> TAGS = List.of("nlp", "vision", "audio", "tabular", "english",
      "multilingual", "quantized", "int8", "fp16", "edge", "distilled", "benchmark-verified");
  private static final List<String> LICENSES = List.of("Apache-2.0", "MIT", "BSD-3-Clause", "CC-BY-4.0");
  private static final List<String> PEOPLE = List.of("Ada Park", "Bo Chen", "Carla Reyes", "Dmitri Volkov",
      "Eun-ji Lee", "Femi Adeyemi", "Greta Lind", "Hiro Tanaka", "Ines Duarte", "Jonas Weber");

  private ModelJsonWriter() {}

  static void write(JsonWriter w, int index) throws IOException {
    SplittableRandom r = new SplittableRandom(SEED + index);
    String task = SyntheticCatalog.task(index);
    String name = pick(r, ADJECTIVES) + " " + pick(r, NOUNS);
    String architecture = pick(r, ARCHITECTURES);
    String version = r.nextInt(4) + "." + r.nextInt(21) + "." + r.nextInt(31);

    w.beginObject();
    w.name("id").value(SyntheticCatalog.id(index));
    w.name("displayName").value(name + " " + index);
    w.name("description").value("A " + name.toLowerCase(Locale.ROOT) + " " + architecture + " for " + task
        + ", fine-tuned on " + pick(r, DATASETS) + ". It reaches " + (80 + r.nextInt(20)) + "."
        + r.nextInt(10) + "% on the held-out split and runs on ONNX Runtime with deterministic"
        + " kernels; version " + version + " adds int8 weights for edge nodes.");
    w.name("owner").value(address(r));
    writeAuthors(w, r);
    w.name("task").value(task);
    w.name("architecture").value(architecture);
    w.name("runtime").value("onnx");
    w.name("parameterCount").value(r.nextLong(100_000L, 8_000_000_000L));
    writeTags(w, r);
    w.name("license").value(pick(r, LICENSES));
    w.name("access").value(index % 5 == 4 ? "private" : "public");
    w.name("latestVersion").value(version);
    writeRating(w, r);
    writeUsage(w, r);
    Instant created = EPOCH.plusSeconds(index * 420L + r.nextInt(420));
    w.name("createdAt").value(created.toString());
    w.name("updatedAt").value(created.plusSeconds(r.nextLong(400L * 24 * 3600)).toString());
    w.endObject();
  }

  private static void writeAuthors(JsonWriter w, SplittableRandom r) throws IOException {
    w.name("authors").beginArray();
    for (int i = 1 + r.nextInt(3); i > 0; i--) {
      String person = pick(r, PEOPLE);
      w.beginObject();
      w.name("name").value(person);
      w.name("address").value(address(r));
      w.name("url").value("https://github.com/" + person.toLowerCase(Locale.ROOT).replace(' ', '-'));
      w.endObject();
    }
    w.endArray();
  }

  private static void writeTags(JsonWriter w, SplittableRandom r) throws IOException {
    w.name("tags").beginArray();
    // A window of the pool, so the tags of one model are distinct.
    int count = 2 + r.nextInt(4);
    int first = r.nextInt(TAGS.size());
    for (int i = 0; i < count; i++) {
      w.value(TAGS.get((first + i) % TAGS.size()));
    }
    w.endArray();
  }

  private static void writeRating(JsonWriter w, SplittableRandom r) throws IOException {
    long[] stars = new long[5];
    long count = 0;
    long total = 0;
    for (int i = 0; i < 5; i++) {
      stars[i] = r.nextInt(40) * (i + 1L); // skewed towards good ratings, like real catalogs
      count += stars[i];
      total += stars[i] * (i + 1);
    }
    w.name("rating").beginObject();
    w.name("average").value(count == 0 ? 0.0 : Math.round(100.0 * total / count) / 100.0);
    w.name("count").value(count);
    w.name("distribution").beginArray();
    for (long s : stars) {
      w.value(s);
    }
    w.endArray();
    w.endObject();
  }

  private static void writeUsage(JsonWriter w, SplittableRandom r) throws IOException {
    long inferences = r.nextLong(50_000_000L);
    w.name("usage").beginObject();
    w.name("inferences").value(inferences);
    w.name("deployments").value(r.nextInt(500));
    w.name("callers").value(r.nextLong(inferences / 10 + 1));
    w.endObject();
  }

  /** {@code 0x} and 40 lower-case hex digits. */
  private static String address(SplittableRandom r) {
    StringBuilder hex = new StringBuilder(42).append("0x");
    for (int i = 0; i < 3; i++) {
      String part = Long.toHexString(r.nextLong());
      hex.append("0".repeat(16 - part.length())).append(part);
    }
    hex.setLength(42);
    return hex.toString();
  }

  private static String pick(SplittableRandom r, List<String> from) {
    return from.get(r.nextInt(from.size()));
  }
}
