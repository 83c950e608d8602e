package ai.nesa.aivm.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.BadRequestException;
import ai.nesa.aivm.sdk.Page;
import ai.nesa.aivm.sdk.models.Author;
import ai.nesa.aivm.sdk.models.ModelListParams;
import ai.nesa.aivm.sdk.models.ModelSummary;
import ai.nesa.aivm.sdk.models.Task;
import ai.nesa.aivm.sdk.contract.GatewayContract;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The benchmarks' own pieces work, so the figures they print mean something. A few seconds. */
class CatalogSmokeTest {
  private static final int MODELS = 1_000;
  private static CatalogServer server;
  private static AivmClient client;

  @BeforeAll
  static void start() throws IOException {
    server = CatalogServer.start(MODELS, 2);
    client = AivmClient.builder().gateway(server.uri()).maxRetries(0).noCircuitBreaker().build();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  @Test
  void thePagerGivesEveryModelOnceInOrder() {
    PagerWalk.Result result = PagerWalk.walk(client, 100);

    assertEquals(MODELS, result.count());
    assertEquals(-1, result.firstWrong(), () -> "first wrong id: " + result.firstWrongId());
    assertTrue(result.isComplete(MODELS));
  }

  @Test
  void aPageSizeThatDoesNotDivideTheCatalogEndsWithAShortPage() {
    assertTrue(PagerWalk.walk(client, 7).isComplete(MODELS));

    Page<ModelSummary> last = client.models().list(ModelListParams.builder().limit(20).cursor("990").build());
    assertEquals(10, last.items().size());
    assertFalse(last.hasNextPage());
  }

  @Test
  void theTaskFilterKeepsOnlyThatTask() {
    Page<ModelSummary> page = client.models().list(ModelListParams.builder().task(Task.EMBEDDING).limit(20).build());

    assertEquals(20, page.items().size());
    SyntheticCatalog catalog = new SyntheticCatalog(MODELS);
    for (int p = 0; p < 20; p++) {
      assertEquals(Task.EMBEDDING, page.items().get(p).task());
      assertEquals(SyntheticCatalog.id(catalog.indexAt("embedding", p)), page.items().get(p).id().toString());
    }
    assertEquals(MODELS / 8, catalog.count("embedding"));
  }

  @Test
  void theSdkAndTheBaselineDecodeTheSameFullyFilledModels() throws IOException {
    List<ModelSummary> sdk = client.models().list(ModelListParams.builder().task(Task.TEXT_CLASSIFICATION).limit(20).build()).items();
    List<RawModels.Summary> raw;
    try (RawCatalogClient rawClient = new RawCatalogClient(server.uri())) {
      raw = rawClient.list("text-classification", 20).data();
    }

    assertEquals(20, sdk.size());
    assertEquals(20, raw.size());
    for (int i = 0; i < sdk.size(); i++) {
      assertSame(raw.get(i), sdk.get(i));
    }
  }

  @Test
  void theServersPagesAreWhatTheGatewayDocumentAllows() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String query : List.of("limit=20", "limit=100&cursor=900", "task=embedding&limit=3")) {
      HttpResponse<String> page = http.send(
          HttpRequest.newBuilder(server.uri().resolve("/v1/models?" + query)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode());
      assertEquals(List.of(), GatewayContract.get().responseViolations("GET", "/v1/models", 200, page.body()), query);
    }
  }

  @Test
  void filtersTheServerDoesNotImplementAreRefusedNotIgnored() {
    assertThrows(BadRequestException.class,
        () -> client.models().list(ModelListParams.builder().query("bert").build()));
  }

  /** Every field present in both, and equal. */
  private static void assertSame(RawModels.Summary raw, ModelSummary sdk) {
    assertEquals(raw.id(), sdk.id().toString());
    assertEquals(raw.displayName(), sdk.displayName().orElseThrow());
    assertEquals(raw.description(), sdk.description().orElseThrow());
    assertEquals(raw.owner(), sdk.owner().hex());
    assertFalse(sdk.authors().isEmpty());
    assertEquals(raw.authors().size(), sdk.authors().size());
    for (int a = 0; a < raw.authors().size(); a++) {
      Author author = sdk.authors().get(a);
      assertEquals(raw.authors().get(a).name(), author.name());
      assertEquals(raw.authors().get(a).address(), author.address().orElseThrow().hex());
      assertEquals(raw.authors().get(a).url(), author.url().orElseThrow().toString());
    }
    assertEquals(raw.task(), sdk.task().value());
    assertEquals(raw.architecture(), sdk.architecture().orElseThrow());
    assertEquals(raw.runtime(), sdk.runtime().orElseThrow().value());
    assertEquals(raw.parameterCount(), sdk.parameterCount().orElseThrow());
    assertFalse(sdk.tags().isEmpty());
    assertEquals(raw.tags(), sdk.tags());
    assertEquals(raw.license(), sdk.license().orElseThrow());
    assertEquals(raw.access(), sdk.access().wireName());
    assertEquals(raw.latestVersion(), sdk.latestVersion().orElseThrow().text());
    assertEquals(raw.rating().average(), sdk.rating().orElseThrow().average());
    assertEquals(raw.rating().count(), sdk.rating().orElseThrow().count());
    assertEquals(raw.rating().distribution(), sdk.rating().orElseThrow().distribution());
    assertEquals(raw.usage().inferences(), sdk.usage().orElseThrow().inferences());
    assertEquals(raw.usage().deployments(), sdk.usage().orElseThrow().deployments());
    assertEquals(raw.usage().callers(), sdk.usage().orElseThrow().callers().orElseThrow());
    assertEquals(raw.createdAt(), sdk.createdAt());
    assertEquals(raw.updatedAt(), sdk.updatedAt());
  }
}
