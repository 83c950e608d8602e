package ai.nesa.aivm.sdk.internal.models;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.models.Author;
import ai.nesa.aivm.sdk.models.RatingSummary;
import ai.nesa.aivm.sdk.models.UsageCounts;
import ai.nesa.aivm.sdk.models.Benchmark;
import ai.nesa.aivm.sdk.models.ModelVersion;
import ai.nesa.aivm.sdk.models.ModelSummary;
import ai.nesa.aivm.sdk.models.ModelDetails;
import ai.nesa.aivm.sdk.models.Review;
import ai.nesa.aivm.sdk.models.Example;
import ai.nesa.aivm.sdk.models.Access;
import ai.nesa.aivm.sdk.models.Engine;
import ai.nesa.aivm.sdk.models.Task;
import ai.nesa.aivm.sdk.models.Verification;
import ai.nesa.aivm.sdk.internal.json.JsonCodec;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;

/**
 * Reads and writes the catalog's JSON objects as the gateway API document defines them.
 *
 * <p>Unknown fields are skipped and a JSON {@code null} is read as an absent field, so a newer
 * gateway never breaks an older client. Written by field lists kept beside the document's schemas.
 */
public final class CatalogJson extends JsonCodec {
  private CatalogJson() {}

  public static Author readAuthor(JsonReader r) throws IOException {
    Author.Builder b = Author.builder();
    String path = r.getPath();
    r.beginObject();
    while (r.hasNext()) {
      String field = r.nextName();
      if (r.peek() == JsonReader.Token.NULL) {
        r.skipValue();
        continue;
      }
      readAuthorField(r, field, b);
    }
    r.endObject();
    return built(path, b::build);
  }

  private static void readAuthorField(JsonReader r, String field, Author.Builder b) throws IOException {
    try {
      switch (field) {
        case "name" -> b.name(r.nextString());
        case "address" -> b.address(Address.of(r.nextString()));
        case "url" -> b.url(uri(r));
        default -> r.skipValue();
      }
    } catch (RuntimeException e) {
      throw invalid(r, e);
    }
  }

  public static void write(JsonWriter w, Author v) throws IOException {
    w.beginObject();
    writeFields(w, v);
    w.endObject();
  }

  private static void writeFields(JsonWriter w, Author v) throws IOException {
    w.name("name");
    w.value(v.name());
    if (v.address().isPresent()) {
      w.name("address");
      w.value(v.address().get().hex());
    }
    if (v.url().isPresent()) {
      w.name("url");
      w.value(v.url().get().toString());
    }
  }

  public static RatingSummary readRatingSummary(JsonReader r) throws IOException {
    RatingSummary.Builder b = RatingSummary.builder();
    String path = r.getPath();
    r.beginObject();
    while (r.hasNext()) {
      String field = r.nextName();
      if (r.peek() == JsonReader.Token.NULL) {
        r.skipValue();
        continue;
      }
      readRatingSummaryField(r, field, b);
    }
    r.endObject();
    return built(path, b::build);
  }

  private static void readRatingSummaryField(JsonReader r, String field, RatingSummary.Builder b) throws IOException {
    try {
      switch (field) {
        case "average" -> b.average(r.nextDouble());
        case "count" -> b.count(r.nextLong());
        case "distribution" -> b.distribution(readList(r, x -> x.nextLong()));
        default -> r.skipValue();
      }
    } catch (RuntimeException e) {
      throw invalid(r, e);
    }
  }

  public static void write(JsonWriter w, RatingSummary v) throws IOException {
    w.beginObject();
    writeFields(w, v);
    w.endObject();
  }

  private static void writeFields(JsonWriter w, RatingSummary v) throws IOException {
    w.name("average");
    w.value(v.average());
    w.name("count");
    w.value(v.count());
    w.name("distribution").beginArray();
    for (var x : v.distribution()) {
      w.value(x);
    }
    w.endArray();
  }

  public static UsageCounts readUsageCounts(JsonReader r) throws IOException {
    UsageCounts.Builder b = UsageCounts.builder();
    String path = r.getPath();
    r.beginObject();
    while (r.hasNext()) {
      String field = r.nextName();
      if (r.peek() == JsonReader.Token.NULL) {
        r.skipValue();
        continue;
      }
      readUsageCountsField(r, field, b);
    }
    r.endObject();
    return built(path, b::build);
  }

  private static void readUsageCountsField(JsonReader r, String field, UsageCounts.Builder b) throws IOException {
    try {
      switch (field) {
        case "inferences" -> b.inferences(r.nextLong());
        case "deployments" -> b.deployments(r.nextLong());
        case "callers" -> b.callers(r.nextLong());
        default -> r.skipValue();
      }
    } catch (RuntimeException e) {
      throw invalid(r, e);
    }
  }

  public static void write(JsonWriter w, UsageCounts v) throws IOException {
    w.beginObject();
    writeFields(w, v);
    w.endObject();
  }

  private static void writeFields(JsonWriter w, UsageCounts v) throws IOException {
    w.name("inferences");
    w.value(v.inferences());
    w.name("deployments");
    w.value(v.deployments());
    if (v.callers().isPresent()) {
      w.name("callers").value(v.callers().getAsLong());
    }
  }

  public static Benchmark readBenchmark(JsonReader r) throws IOException {
    Benchmark.Builder b = Benchmark.builder();
    String path = r.getPath();
    r.beginObject();
    while (r.hasNext()) {
      String field = r.nextName();
      if (r.peek() == JsonReader.Token.NULL) {
        r.skipValue();
        continue;
      }
      readBenchmarkField(r, field, b);
    }
    r.endObject();
    return built(path, b::build);
  }

  private static void readBenchmarkField(JsonReader r, String field, Benchmark.Builder b) throws IOException {
    try {
      switch (field) {
        case "name" -> b.name(r.nextString());
        case "value" -> b.value(r.nextDouble());
        case "unit" -> b.unit(r.nextString());
        case "dataset" -> b.dataset(r.nextString());
        case "version" -> b.version(Semver.of(r.nextString()));
        case "verification" -> b.verification(Verification.fromWire(r.nextString()));
        case "higherIsBetter" -> b.higherIsBetter(r.nextBoolean());
        default -> r.skipValue();
      }
    } catch (RuntimeException e) {
      throw invalid(r, e);
    }
  }

  public static void write(JsonWriter w, Benchmark v) throws IOException {
    w.beginObject();
    writeFields(w, v);
    w.endObject();
  }

  private static void writeFields(JsonWriter w, Benchmark v) throws IOException {
    w.name("name");
    w.value(v.name());
    w.name("value");
    w.value(v.value());
    if (v.unit().isPresent()) {
      w.name("unit");
      w.value(v.unit().get());
    }
    if (v.dataset().isPresent()) {
      w.name("dataset");
      w.value(v.dataset().get());
    }
    if (v.version().isPresent()) {
      w.name("version");
      w.value(v.version().get().text());
    }
    w.name("verification");
    w.value(v.verification().wireName());
    w.name("higherIsBetter");
    w.value(v.higherIsBetter());
  }

  public static ModelVersion readModelVersion(JsonReader r) throws IOException {
    ModelVersion.Builder b = ModelVersion.builder();
    String path = r.getPath();
    r.beginObject();
    while (r.hasNext()) {
      String field = r.nextName();
      if (r.peek() == JsonReader.Token.NULL) {
        r.skipValue();
        continue;
      }
      readModelVersionField(r, field, b);
    }
    r.endObject();
    return built(path, b::build);
  }

  private static void readModelVersionField(JsonReader r, String field, ModelVersion.Builder b) throws IOException {
    try {
      switch (field) {
        case "version" -> b.version(Semver.of(r.nextString()));
        case "publishedAt" -> b.publishedAt(instant(r));
        case "manifestCid" -> b.manifestCid(Cid.of(r.nextString()));
        case "manifestHash" -> b.manifestHash(Hash32.of(r.nextString()));
        case "changelog" -> b.changelog(r.nextString());
        case "deprecated" -> b.deprecated(r.nextBoolean());
        case "runtime" -> b.runtime(Engine.of(r.nextString()));
        case "sizeBytes" -> b.sizeBytes(r.nextLong());
        default -> r.skipValue();
      }
    } catch (RuntimeException e) {
      throw invalid(r, e);
    }
  }

  public static void write(JsonWriter w, ModelVersion v) throws IOException {
    w.beginObject();
    writeFields(w, v);
    w.endObject();
  }

  private static void writeFields(JsonWriter w, ModelVersion v) throws IOException {
    w.name("version");
    w.value(v.version().text());
    w.name("publishedAt");
    w.value(v.publishedAt().toString());
    w.name("manifestCid");
    w.value(v.manifestCid().value());
    w.name("manifestHash");
    w.value(v.manifestHash().hex());
    if (v.changelog().isPresent()) {
      w.name("changelog");
      w.value(v.changelog().get());
    }
    w.name("deprecated");
    w.value(v.deprecated());
    if (v.runtime().isPresent()) {
      w.name("runtime");
      w.value(v.runtime().get().value());
    }
    if (v.sizeBytes().isPresent()) {
      w.name("sizeBytes").value(v.sizeBytes().getAsLong());
    }
  }

  public static ModelSummary readModelSummary(JsonReader r) throws IOException {
    ModelSummary.Builder b = ModelSummary.builder();
    String path = r.getPath();
    r.beginObject();
    while (r.hasNext()) {
      String field = r.nextName();
      if (r.peek() == JsonReader.Token.NULL) {
        r.skipValue();
        continue;
      }
      readModelSummaryField(r, field, b);
    }
    r.endObject();
    return built(path, b::build);
  }

  private static void readModelSummaryField(JsonReader r, String field, ModelSummary.Builder b) throws IOException {
    try {
      switch (field) {
        case "id" -> b.id(ModelId.of(r.nextString()));
        case "displayName" -> b.displayName(r.nextString());
        case "description" -> b.description(r.nextString());
        case "owner" -> b.owner(Address.of(r.nextString()));
        case "authors" -> b.authors(readList(r, x -> readAuthor(x)));
        case "task" -> b.task(Task.of(r.nextString()));
        case "architecture" -> b.architecture(r.nextString());
        case "runtime" -> b.runtime(Engine.of(r.nextString()));
        case "parameterCount" -> b.parameterCount(r.nextLong());
        case "tags" -> b.tags(readList(r, x -> x.nextString()));
        case "license" -> b.license(r.nextString());
        case "access" -> b.access(Access.fromWire(r.nextString()));
        case "latestVersion" -> b.latestVersion(Semver.of(r.nextString()));
        case "rating" -> b.rating(readRatingSummary(r));
        case "usage" -> b.usage(readUsageCounts(r));
        case "createdAt" -> b.createdAt(instant(r));
        case "updatedAt" -> b.updatedAt(instant(r));
        default -> r.skipValue();
      }
    } catch (RuntimeException e) {
      throw invalid(r, e);
    }
  }

  public static void write(JsonWriter w, ModelSummary v) throws IOException {
    w.beginObject();
    writeFields(w, v);
    w.endObject();
  }

  private static void writeFields(JsonWriter w, ModelSummary v) throws IOException {
    w.name("id");
    w.value(v.id().toString());
    if (v.displayName().isPresent()) {
      w.name("displayName");
      w.value(v.displayName().get());
    }
    if (v.description().isPresent()) {
      w.name("description");
      w.value(v.description().get());
    }
    w.name("owner");
    w.value(v.owner().hex());
    w.name("authors").beginArray();
    for (var x : v.authors()) {
      write(w, x);
    }
    w.endArray();
    w.name("task");
    w.value(v.task().value());
    if (v.architecture().isPresent()) {
      w.name("architecture");
      w.value(v.architecture().get());
    }
    if (v.runtime().isPresent()) {
      w.name("runtime");
      w.value(v.runtime().get().value());
    }
    if (v.parameterCount().isPresent()) {
      w.name("parameterCount").value(v.parameterCount().getAsLong());
    }
    w.name("tags").beginArray();
    for (var x : v.tags()) {
      w.value(x);
    }
    w.endArray();
    if (v.license().isPresent()) {
      w.name("license");
      w.value(v.license().get());
    }
    w.name("access");
    w.value(v.access().wireName());
    if (v.latestVersion().isPresent()) {
      w.name("latestVersion");
      w.value(v.latestVersion().get().text());
    }
    if (v.rating().isPresent()) {
      w.name("rating");
      write(w, v.rating().get());
    }
    if (v.usage().isPresent()) {
      w.name("usage");
      write(w, v.usage().get());
    }
    w.name("createdAt");
    w.value(v.createdAt().toString());
    w.name("updatedAt");
    w.value(v.updatedAt().toString());
  }

  public static ModelDetails readModelDetails(JsonReader r) throws IOException {
    ModelDetails.Builder b = ModelDetails.builder();
    ModelSummary.Builder summary = ModelSummary.builder();
    String path = r.getPath();
    r.beginObject();
    while (r.hasNext()) {
      String field = r.nextName();
      if (r.peek() == JsonReader.Token.NULL) {
        r.skipValue();
        continue;
      }
      switch (field) {
        case "versions" -> b.versions(readList(r, CatalogJson::readModelVersion));
        case "benchmarks" -> b.benchmarks(readList(r, CatalogJson::readBenchmark));
        default -> readModelSummaryField(r, field, summary);
      }
    }
    r.endObject();
    b.summary(built(path, summary::build));
    return built(path, b::build);
  }

  public static void write(JsonWriter w, ModelDetails v) throws IOException {
    w.beginObject();
    writeFields(w, v.summary());
    w.name("versions").beginArray();
    for (var x : v.versions()) {
      write(w, x);
    }
    w.endArray();
    w.name("benchmarks").beginArray();
    for (var x : v.benchmarks()) {
      write(w, x);
    }
    w.endArray();
    w.endObject();
  }

  public static Review readReview(JsonReader r) throws IOException {
    Review.Builder b = Review.builder();
    String path = r.getPath();
    r.beginObject();
    while (r.hasNext()) {
      String field = r.nextName();
      if (r.peek() == JsonReader.Token.NULL) {
        r.skipValue();
        continue;
      }
      readReviewField(r, field, b);
    }
    r.endObject();
    return built(path, b::build);
  }

  private static void readReviewField(JsonReader r, String field, Review.Builder b) throws IOException {
    try {
      switch (field) {
        case "reviewer" -> b.reviewer(Address.of(r.nextString()));
        case "version" -> b.version(Semver.of(r.nextString()));
        case "rating" -> b.rating(r.nextInt());
        case "text" -> b.text(r.nextString());
        case "textCid" -> b.textCid(Cid.of(r.nextString()));
        case "createdAt" -> b.createdAt(instant(r));
        default -> r.skipValue();
      }
    } catch (RuntimeException e) {
      throw invalid(r, e);
    }
  }

  public static void write(JsonWriter w, Review v) throws IOException {
    w.beginObject();
    writeFields(w, v);
    w.endObject();
  }

  private static void writeFields(JsonWriter w, Review v) throws IOException {
    w.name("reviewer");
    w.value(v.reviewer().hex());
    w.name("version");
    w.value(v.version().text());
    w.name("rating");
    w.value(v.rating());
    if (v.text().isPresent()) {
      w.name("text");
      w.value(v.text().get());
    }
    if (v.textCid().isPresent()) {
      w.name("textCid");
      w.value(v.textCid().get().value());
    }
    w.name("createdAt");
    w.value(v.createdAt().toString());
  }

  public static Example readExample(JsonReader r) throws IOException {
    Example.Builder b = Example.builder();
    String path = r.getPath();
    r.beginObject();
    while (r.hasNext()) {
      String field = r.nextName();
      if (r.peek() == JsonReader.Token.NULL) {
        r.skipValue();
        continue;
      }
      readExampleField(r, field, b);
    }
    r.endObject();
    return built(path, b::build);
  }

  private static void readExampleField(JsonReader r, String field, Example.Builder b) throws IOException {
    try {
      switch (field) {
        case "title" -> b.title(r.nextString());
        case "version" -> b.version(Semver.of(r.nextString()));
        case "input" -> b.input(rawJson(r));
        case "output" -> b.output(rawJson(r));
        default -> r.skipValue();
      }
    } catch (RuntimeException e) {
      throw invalid(r, e);
    }
  }

  public static void write(JsonWriter w, Example v) throws IOException {
    w.beginObject();
    writeFields(w, v);
    w.endObject();
  }

  private static void writeFields(JsonWriter w, Example v) throws IOException {
    if (v.title().isPresent()) {
      w.name("title");
      w.value(v.title().get());
    }
    if (v.version().isPresent()) {
      w.name("version");
      w.value(v.version().get().text());
    }
    w.name("input");
    rawJson(w, v.input());
    w.name("output");
    rawJson(w, v.output());
  }
}
