package ai.nesa.aivm.sdk.models;

import static ai.nesa.aivm.sdk.TestClients.fixture;
import static ai.nesa.aivm.sdk.TestClients.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.BadRequestException;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.Fixtures;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.NotFoundException;
import ai.nesa.aivm.sdk.Page;
import ai.nesa.aivm.sdk.PermissionDeniedException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.sdk.RecordingSleeper;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.TestClients;
import ai.nesa.aivm.sdk.UnauthorizedException;
import ai.nesa.aivm.sdk.contract.GatewayContract;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every catalog call, through the synchronous registry and through its asynchronous twin: what it
 * sends (checked against the gateway's document) and what it makes of the answer.
 */
class ModelRegistryTest {
  private static final ModelId SENTIMENT = ModelId.of("acme/sentiment-small");

  enum Twin { SYNC, ASYNC }

  @StartStop
  private final MockWebServer server = new MockWebServer();

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private AivmClient client;

  private ModelRegistry registry(Twin twin) {
    client = TestClients.builder(server, sleeper).build();
    return twin == Twin.SYNC ? client.models() : new AsyncAsSync(client.async().models());
  }

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
  }

  /** Takes the next request and checks its path and query against the document. */
  private RecordedRequest takeConforming() throws InterruptedException {
    RecordedRequest request = server.takeRequest();
    HttpUrl url = request.getUrl();
    Map<String, List<String>> query = new LinkedHashMap<>();
    for (String name : url.queryParameterNames()) {
      query.put(name, url.queryParameterValues(name));
    }
    assertEquals(List.of(), GatewayContract.get().queryViolations(request.getMethod(), url.encodedPath(), query));
    return request;
  }

  @ParameterizedTest
  @EnumSource(Twin.class)
  void listSendsEveryFilterAsTheDocumentNamesIt(Twin twin) throws Exception {
    server.enqueue(fixture("catalog/model-page.json"));
    ModelListParams params = ModelListParams.builder()
        .query("sentiment analysis")
        .task(Task.TEXT_CLASSIFICATION)
        .architecture("cnn")
        .runtime(Engine.ONNX)
        .parameterCount(1_000_000, 500_000_000)
        .minBenchmark("accuracy", 0.9)
        .minBenchmark("f1", 85)
        .owner(Address.of("0x8ba1f109551bD432803012645Ac136ddd64DBA72"))
        .author("Ada Lovelace")
        .tag("english")
        .tag("sentiment")
        .license("Apache-2.0")
        .access(Access.PUBLIC)
        .sort(ModelSort.benchmark("accuracy"))
        .order(SortOrder.ASC)
        .limit(2)
        .build();

    Page<ModelSummary> page = registry(twin).list(params);

    RecordedRequest request = takeConforming();
    HttpUrl url = request.getUrl();
    assertEquals("GET", request.getMethod());
    assertEquals("/v1/models", url.encodedPath());
    assertEquals("sentiment analysis", url.queryParameter("q"));
    assertEquals("text-classification", url.queryParameter("task"));
    assertEquals("cnn", url.queryParameter("architecture"));
    assertEquals("onnx", url.queryParameter("runtime"));
    assertEquals("1000000", url.queryParameter("minParameters"));
    assertEquals("500000000", url.queryParameter("maxParameters"));
    assertEquals(List.of("accuracy:0.9", "f1:85"), url.queryParameterValues("minBenchmark"));
    assertEquals("0x8ba1f109551bd432803012645ac136ddd64dba72", url.queryParameter("owner"));
    assertEquals("Ada Lovelace", url.queryParameter("author"));
    assertEquals(List.of("english", "sentiment"), url.queryParameterValues("tag"));
    assertEquals("Apache-2.0", url.queryParameter("license"));
    assertEquals("public", url.queryParameter("access"));
    assertEquals("benchmark:accuracy", url.queryParameter("sort"));
    assertEquals("asc", url.queryParameter("order"));
    assertEquals("2", url.queryParameter("limit"));
    assertEquals(null, url.queryParameter("cursor"));
    assertEquals("application/json", request.getHeaders().get("Accept"));

    assertEquals(2, page.items().size());
    assertEquals("b2Zmc2V0PTI", page.nextCursor().orElseThrow());
    ModelSummary first = page.items().get(0);
    assertEquals(SENTIMENT, first.id());
    assertEquals("Sentiment (small)", first.displayName().orElseThrow());
    assertEquals(Address.of("0x8ba1f109551bd432803012645ac136ddd64dba72"), first.owner());
    assertEquals(List.of(
        Author.builder().name("Ada Lovelace").address(Address.of("0x00000000000000000000000000000000000000a1"))
            .url(URI.create("https://example.org/ada")).build(),
        Author.builder().name("Acme Research").build()), first.authors());
    assertEquals(Task.TEXT_CLASSIFICATION, first.task());
    assertEquals(Engine.ONNX, first.runtime().orElseThrow());
    assertEquals(OptionalLong.of(4_200_000), first.parameterCount());
    assertEquals(List.of("english", "sentiment"), first.tags());
    assertEquals(Access.PUBLIC, first.access());
    assertEquals(Semver.of("1.2.0"), first.latestVersion().orElseThrow());
    assertEquals(RatingSummary.builder().average(4.5).count(12).distribution(List.of(0L, 1L, 1L, 2L, 8L)).build(),
        first.rating().orElseThrow());
    assertEquals(OptionalLong.of(311), first.usage().orElseThrow().callers());
    assertEquals(Instant.parse("2026-10-15T08:30:00.250Z"), first.updatedAt());

    ModelSummary sparse = page.items().get(1);
    assertEquals(Access.PRIVATE, sparse.access());
    assertTrue(sparse.authors().isEmpty());
    assertTrue(sparse.rating().isEmpty());
    assertTrue(sparse.parameterCount().isEmpty());
  }

  @ParameterizedTest
  @EnumSource(Twin.class)
  void listAllFollowsCursorsToTheLastPage(Twin twin) throws Exception {
    server.enqueue(fixture("catalog/model-page.json"));
    server.enqueue(fixture("catalog/model-page-last.json"));

    List<String> ids = registry(twin).listAll(p -> p.task(Task.EMBEDDING).limit(2)).stream()
        .map(m -> m.id().toString()).collect(Collectors.toList());

    assertEquals(List.of("acme/sentiment-small", "beta-labs/tiny-gpt", "gamma/embedder"), ids);
    HttpUrl firstUrl = takeConforming().getUrl();
    HttpUrl secondUrl = takeConforming().getUrl();
    assertEquals(null, firstUrl.queryParameter("cursor"));
    assertEquals("b2Zmc2V0PTI", secondUrl.queryParameter("cursor"));
    assertEquals("embedding", secondUrl.queryParameter("task"), "filters are kept on every page");
    assertEquals(2, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Twin.class)
  void aNewerGatewaysUnknownFieldsAndValuesAreKeptOrIgnored(Twin twin) {
    server.enqueue(fixture("catalog/model-page-newer-gateway.json"));

    ModelSummary model = registry(twin).list(ModelListParams.none()).items().get(0);

    assertEquals(Task.of("audio-to-smell"), model.task());
    assertEquals(Engine.of("quantum-onnx"), model.runtime().orElseThrow());
    assertEquals(Access.UNKNOWN, model.access());
    assertEquals(1, model.rating().orElseThrow().count());
  }

  @ParameterizedTest
  @EnumSource(Twin.class)
  void getReadsTheWholeModel(Twin twin) throws Exception {
    server.enqueue(fixture("catalog/model-details.json"));

    ModelDetails details = registry(twin).get(SENTIMENT);

    assertEquals("/v1/models/acme/sentiment-small", takeConforming().getUrl().encodedPath());
    assertEquals(SENTIMENT, details.summary().id());
    assertTrue(details.summary().description().orElseThrow().contains("\n\nTrained on public reviews"));
    assertEquals(List.of("english", "sentiment"), details.summary().tags());
    assertEquals(2, details.versions().size());
    ModelVersion latest = details.versions().get(0);
    assertEquals(Semver.of("1.2.0"), latest.version());
    assertEquals(Cid.of("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy"), latest.manifestCid());
    assertEquals(Hash32.of("0x1f6a1c5ab3f0e6e9d1e2f1b5e4a4d4c2e7b6a5f4e3d2c1b0a9f8e7d6c5b4a392"), latest.manifestHash());
    assertEquals("Retrained on 20% more data.", latest.changelog().orElseThrow());
    assertFalse(latest.deprecated());
    assertEquals(OptionalLong.of(16_801_024), latest.sizeBytes());
    assertTrue(details.versions().get(1).deprecated());
    assertEquals(2, details.benchmarks().size());
    Benchmark accuracy = details.benchmarks().get(0);
    assertEquals(Verification.VERIFIED, accuracy.verification());
    assertEquals(91.3, accuracy.value());
    assertEquals("sst2", accuracy.dataset().orElseThrow());
    assertTrue(accuracy.higherIsBetter(), "higherIsBetter defaults to true");
    assertFalse(details.benchmarks().get(1).higherIsBetter());
    assertEquals(Verification.SELF_REPORTED, details.benchmarks().get(1).verification());
  }

  @ParameterizedTest
  @EnumSource(Twin.class)
  void versionsAndOneVersion(Twin twin) throws Exception {
    ModelRegistry registry = registry(twin);
    server.enqueue(fixture("catalog/versions.json"));
    server.enqueue(fixture("catalog/version.json"));

    List<ModelVersion> versions = registry.versions(SENTIMENT);
    ModelVersion rc = registry.version(SENTIMENT, Semver.of("1.1.0-rc.1"));

    assertEquals("/v1/models/acme/sentiment-small/versions", takeConforming().getUrl().encodedPath());
    assertEquals("/v1/models/acme/sentiment-small/versions/1.1.0-rc.1", takeConforming().getUrl().encodedPath());
    assertEquals(List.of(Semver.of("1.2.0"), Semver.of("1.1.0-rc.1")),
        versions.stream().map(ModelVersion::version).collect(Collectors.toList()));
    assertEquals(Cid.of("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG"), rc.manifestCid());
    assertTrue(rc.deprecated());
    assertEquals(Engine.ONNX, rc.runtime().orElseThrow());
  }

  @ParameterizedTest
  @EnumSource(Twin.class)
  void benchmarksOfTheLatestOrOfOneVersion(Twin twin) throws Exception {
    ModelRegistry registry = registry(twin);
    server.enqueue(fixture("catalog/benchmarks.json"));
    server.enqueue(fixture("catalog/benchmarks.json"));

    List<Benchmark> latest = registry.benchmarks(SENTIMENT);
    List<Benchmark> ofOne = registry.benchmarks(SENTIMENT, Semver.of("1.2.0"));

    assertEquals(null, takeConforming().getUrl().queryParameter("version"));
    assertEquals("1.2.0", takeConforming().getUrl().queryParameter("version"));
    assertEquals(latest, ofOne);
    assertEquals("latency-p50", latest.get(1).name());
    assertEquals("ms", latest.get(1).unit().orElseThrow());
  }

  @ParameterizedTest
  @EnumSource(Twin.class)
  void reviewsArePagedAndCanBeWalked(Twin twin) throws Exception {
    ModelRegistry registry = registry(twin);
    server.enqueue(fixture("catalog/review-page.json"));
    server.enqueue(fixture("catalog/review-page.json"));
    server.enqueue(fixture("catalog/review-page-last.json"));

    Page<Review> page = registry.reviews(SENTIMENT, ReviewListParams.builder().version(Semver.of("1.2.0")).limit(2).build());
    List<Integer> ratings = registry.reviewsAll(SENTIMENT, ReviewListParams.builder().limit(2).build()).stream()
        .map(Review::rating).collect(Collectors.toList());

    HttpUrl one = takeConforming().getUrl();
    assertEquals("/v1/models/acme/sentiment-small/reviews", one.encodedPath());
    assertEquals("1.2.0", one.queryParameter("version"));
    assertEquals("2", one.queryParameter("limit"));
    takeConforming();
    assertEquals("cmV2aWV3cz0y", takeConforming().getUrl().queryParameter("cursor"));
    Review first = page.items().get(0);
    assertEquals(5, first.rating());
    assertEquals("Fast and accurate on product reviews.", first.text().orElseThrow());
    assertEquals(Address.of("0x00000000000000000000000000000000000000d4"), first.reviewer());
    assertTrue(page.items().get(1).text().isEmpty());
    assertEquals(List.of(5, 3, 4), ratings);
  }

  @ParameterizedTest
  @EnumSource(Twin.class)
  void examplesKeepInputsAndOutputsAsJson(Twin twin) throws Exception {
    ModelRegistry registry = registry(twin);
    server.enqueue(fixture("catalog/examples.json"));
    server.enqueue(fixture("catalog/examples.json"));

    List<Example> examples = registry.examples(SENTIMENT);
    registry.examples(SENTIMENT, Semver.of("1.2.0"));

    assertEquals("/v1/models/acme/sentiment-small/examples", takeConforming().getUrl().encodedPath());
    assertEquals("1.2.0", takeConforming().getUrl().queryParameter("version"));
    assertEquals("{\"type\":\"text\",\"text\":\"I love it\"}", examples.get(0).input());
    assertTrue(examples.get(0).output().contains("\"shape\":[1,3]"));
    assertEquals("\"plain text input\"", examples.get(1).input());
    assertEquals("[\"negative\",0.88]", examples.get(1).output());
    assertTrue(examples.get(1).title().isEmpty());
  }

  @ParameterizedTest
  @EnumSource(Twin.class)
  void anUnknownModelIsATypedNotFoundWithTheRequestId(Twin twin) {
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(404)
        .addHeader("Content-Type", "application/json")
        .body(Fixtures.read("catalog/error-not-found.json")).build());

    NotFoundException e = assertThrows(NotFoundException.class, () -> registry(twin).get(ModelId.of("acme/missing")));

    assertEquals(404, e.status());
    assertEquals("model_not_found", e.code());
    assertEquals("req_01HZY7K2J8", e.requestId().orElseThrow());
    assertTrue(e.getMessage().contains("req_01HZY7K2J8"));
  }

  @ParameterizedTest
  @EnumSource(Twin.class)
  void unauthorizedAndForbiddenAreTyped(Twin twin) {
    ModelRegistry registry = registry(twin);
    server.enqueue(json(401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"no key\",\"requestId\":\"r1\"}}"));
    server.enqueue(json(403, "{\"error\":{\"code\":\"forbidden\",\"message\":\"private model\",\"requestId\":\"r2\"}}"));

    UnauthorizedException unauthorized = assertThrows(UnauthorizedException.class, () -> registry.get(SENTIMENT));
    PermissionDeniedException forbidden = assertThrows(PermissionDeniedException.class, () -> registry.get(SENTIMENT));

    assertEquals("req_401", unauthorized.requestId().orElseThrow(), "the header's request id wins");
    assertEquals("forbidden", forbidden.code());
    assertEquals(2, server.getRequestCount(), "401 and 403 are not retried");
  }

  @ParameterizedTest
  @EnumSource(Twin.class)
  void theGatewaysValidationDetailsArriveAsProblems(Twin twin) {
    server.enqueue(json(400, Fixtures.read("catalog/error-invalid-parameter.json")));

    BadRequestException e = assertThrows(BadRequestException.class, () -> registry(twin).list(ModelListParams.none()));

    assertEquals(List.of(
        Problem.of("limit", "maximum", "limit must be at most 100"),
        Problem.of("minBenchmark[0]", "pattern", "expected NAME:VALUE")), e.details());
  }
}
