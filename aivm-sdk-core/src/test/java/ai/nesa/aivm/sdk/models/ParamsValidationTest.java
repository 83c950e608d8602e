package ai.nesa.aivm.sdk.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.sdk.RecordingSleeper;
import ai.nesa.aivm.sdk.TestClients;
import java.util.List;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad catalog parameters are refused before anything is sent, each naming its parameter. */
class ParamsValidationTest {
  @StartStop
  private final MockWebServer server = new MockWebServer();

  private static List<String> paths(AivmValidationException e) {
    return e.problems().stream().map(Problem::path).collect(Collectors.toList());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 101})
  void aPageSizeOutOfRangeNamesLimit(int limit) {
    AivmValidationException e = assertThrows(AivmValidationException.class,
        () -> ModelListParams.builder().limit(limit).build());
    assertEquals(List.of("limit"), paths(e));
    assertEquals("range", e.problems().get(0).rule());
    assertEquals(String.valueOf(limit), e.problems().get(0).value().orElseThrow());
  }

  @Test
  void aContradictoryParameterRangeIsRefused() {
    AivmValidationException e = assertThrows(AivmValidationException.class,
        () -> ModelListParams.builder().parameterCount(1_000, 10).build());
    assertEquals(List.of("parameterCount"), paths(e));
    assertTrue(e.getMessage().contains("1000 > maxParameters 10"), e.getMessage());
  }

  @Test
  void negativeBoundsAreRefused() {
    AivmValidationException e = assertThrows(AivmValidationException.class,
        () -> ModelListParams.builder().minParameters(-1).maxParameters(-5).build());
    assertTrue(paths(e).containsAll(List.of("minParameters", "maxParameters")), paths(e).toString());
  }

  @Test
  void everyProblemIsListedAtOnce() {
    AivmValidationException e = assertThrows(AivmValidationException.class, () -> ModelListParams.builder()
        .limit(0)
        .parameterCount(5, 1)
        .minBenchmark("has space", Double.NaN)
        .license("not a licence!")
        .access(Access.UNKNOWN)
        .query(" ")
        .build());
    assertEquals(List.of("query", "parameterCount", "minBenchmark[0].name", "minBenchmark[0].min", "license",
        "access", "limit"), paths(e));
    assertTrue(e.getMessage().startsWith("7 problems: "), e.getMessage());
  }

  @Test
  void anUnknownSortKeyNamesSort() {
    AivmValidationException e = assertThrows(AivmValidationException.class, () -> ModelSort.parse("stars"));
    assertEquals(List.of("sort"), paths(e));
    assertEquals("enum", e.problems().get(0).rule());
    assertThrows(AivmValidationException.class, () -> ModelSort.benchmark(""));
    assertEquals(ModelSort.benchmark("accuracy"), ModelSort.parse("benchmark:accuracy"));
    assertEquals(ModelSort.RATING, ModelSort.parse("rating"));
  }

  @Test
  void sortingByRelevanceNeedsAQuery() {
    AivmValidationException e = assertThrows(AivmValidationException.class,
        () -> ModelListParams.builder().sort(ModelSort.RELEVANCE).build());
    assertEquals(List.of("sort"), paths(e));
    ModelListParams.builder().sort(ModelSort.RELEVANCE).query("bert").build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Acme/Model", "acme", "acme/model/extra", "/model", "acme/", "acme/-model", "acme/mo del"})
  void anInvalidModelNameNamesModel(String name) {
    AivmValidationException e = assertThrows(AivmValidationException.class, () -> ModelId.of(name));
    assertTrue(e.problems().get(0).path().startsWith("model"), e.getMessage());
  }

  @Test
  void nothingIsSentWhenParametersAreInvalid() {
    try (AivmClient client = TestClients.builder(server, new RecordingSleeper()).build()) {
      assertThrows(AivmValidationException.class, () -> client.models().list(p -> p.limit(0)));
      assertThrows(AivmValidationException.class, () -> client.async().models().list(p -> p.parameterCount(9, 1)));
      assertThrows(AivmValidationException.class, () -> client.models().reviews(ModelId.of("a/b"),
          ReviewListParams.builder().limit(1000).build()));
      assertThrows(AivmValidationException.class, () -> client.models().get(ModelId.of("A/B")));
    }
    assertEquals(0, server.getRequestCount());
  }
}
