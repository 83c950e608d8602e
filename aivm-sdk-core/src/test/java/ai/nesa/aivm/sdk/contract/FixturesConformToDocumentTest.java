package ai.nesa.aivm.sdk.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.sdk.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every golden fixture the client tests serve is an answer the gateway's document allows. */
class FixturesConformToDocumentTest {
  private final GatewayContract contract = GatewayContract.get();

  @ParameterizedTest(name = "{0} is a valid {1} {2} {3}")
  @CsvSource({
      "catalog/model-page.json,              GET, /v1/models,                                200",
      "catalog/model-page-last.json,         GET, /v1/models,                                200",
      "catalog/model-page-newer-gateway.json, GET, /v1/models,                               200",
      "catalog/model-details.json,           GET, /v1/models/{org}/{name},                   200",
      "catalog/versions.json,                GET, /v1/models/{org}/{name}/versions,          200",
      "catalog/version.json,                 GET, /v1/models/{org}/{name}/versions/{version}, 200",
      "catalog/benchmarks.json,              GET, /v1/models/{org}/{name}/benchmarks,        200",
      "catalog/review-page.json,             GET, /v1/models/{org}/{name}/reviews,           200",
      "catalog/review-page-last.json,        GET, /v1/models/{org}/{name}/reviews,           200",
      "catalog/examples.json,                GET, /v1/models/{org}/{name}/examples,          200",
      "catalog/error-not-found.json,         GET, /v1/models/{org}/{name},                   404",
      "catalog/error-invalid-parameter.json, GET, /v1/models,                                400",
  })
  void fixtureConforms(String fixture, String method, String template, int status) {
    List<String> violations = contract.responseViolations(method, template, status, Fixtures.read(fixture));
    assertEquals(List.of(), violations, fixture);
  }

  @Test
  void theValidatorRejectsAnswersTheDocumentForbids() {
    String missingOwner = Fixtures.read("catalog/model-page.json")
        .replace("\"owner\": \"0x8ba1f109551bD432803012645Ac136ddd64DBA72\",", "");
    assertTrue(contract.responseViolations("GET", "/v1/models", 200, missingOwner).stream()
        .anyMatch(v -> v.contains("owner")), "a summary without its owner must be refused");

    String badVersion = Fixtures.read("catalog/version.json").replace("1.1.0-rc.1", "v1.1");
    assertFalse(contract.responseViolations("GET", "/v1/models/{org}/{name}/versions/{version}", 200, badVersion)
        .isEmpty(), "a version that is not semver must be refused");

    String badDate = Fixtures.read("catalog/model-page-last.json").replace("2026-06-01T00:00:00Z", "yesterday");
    assertFalse(contract.responseViolations("GET", "/v1/models", 200, badDate).isEmpty(),
        "format assertions must be on: 'yesterday' is no date-time");
  }

  @Test
  void queryChecksCatchUndeclaredNamesAndBadValues() {
    assertEquals(List.of(), contract.queryViolations("GET", "/v1/models",
        Map.of("limit", List.of("20"), "tag", List.of("a", "b"), "minBenchmark", List.of("accuracy:0.9"))));
    assertFalse(contract.queryViolations("GET", "/v1/models", Map.of("pageSize", List.of("20"))).isEmpty());
    assertFalse(contract.queryViolations("GET", "/v1/models", Map.of("limit", List.of("0"))).isEmpty());
    assertFalse(contract.queryViolations("GET", "/v1/models", Map.of("sort", List.of("stars"))).isEmpty());
  }
}
