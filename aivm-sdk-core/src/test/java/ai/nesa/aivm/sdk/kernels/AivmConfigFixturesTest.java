package ai.nesa.aivm.sdk.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every fixture against both oracles: the Java validator and the JSON Schema. A broken fixture
 * must give exactly the expected problems (path and rule) and be refused by the schema too, unless
 * the rule needs the bundle's files, which a schema cannot see.
 */
class AivmConfigFixturesTest {
  private static final AivmConfigSchema SCHEMA = new AivmConfigSchema();
  private static final AivmConfigValidator VALIDATOR = AivmConfigValidator.create().withBundle(KernelFixtures.BUNDLE);

  /** A fixture, the problems expected ("path rule"), and whether only the bundle can see them. */
  static Stream<Arguments> broken() {
    return Stream.of(
        broken("missing-fields", false, "$.version required", "$.license required", "$.task required",
            "$.runtime required", "$.inputs required", "$.outputs required"),
        broken("wrong-types", false, "$.name type", "$.parameterCount type",
            "$.determinism.allowNondeterministicOps type", "$.inputs type"),
        broken("bad-semver", false, "$.version semver"),
        broken("unknown-engine", false, "$.runtime.engine enum"),
        broken("path-traversal", false, "$.runtime.entrypoint path", "$.files[0].path path",
            "$.files[1].path path", "$.files[2].path path"),
        broken("missing-entrypoint", true, "$.runtime.entrypoint present"),
        broken("oversized-file", true, "$.files[1].path size"),
        broken("private-without-encryption", false, "$.security.encryption required"),
        broken("distributed-without-aggregation", false, "$.inference.aggregationEntrypoint required"),
        broken("k-greater-than-n", false, "$.inference.k maximum"),
        broken("bad-dtype", false, "$.inputs[0].dtype enum"),
        broken("bad-shape", false, "$.inputs[0].shape[0] shape", "$.inputs[0].shape[1] shape",
            "$.inputs[0].shape[2] shape", "$.inputs[0].shape[3] shape"),
        broken("unknown-key-typo", false, "$.licence additionalProperties", "$.license required"),
        broken("nested-unknown-key", false, "$.runtime.entrypiont additionalProperties"),
        broken("bad-license", false, "$.license spdx"),
        broken("five-problems", false, "$.version semver", "$.runtime.engine enum",
            "$.inputs[0].dtype enum", "$.inference.k maximum", "$.security.encryption required"));
  }

  private static Arguments broken(String name, boolean bundleOnly, String... expected) {
    return Arguments.of(name, bundleOnly, List.of(expected));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"minimal", "full"})
  void validConfigsPassTheValidatorAndTheSchema(String name) {
    String json = KernelFixtures.read("valid/" + name + ".json");
    AivmConfig config = VALIDATOR.validate(json);
    assertEquals("1", config.schemaVersion());
    assertEquals(List.of(), SCHEMA.violations(json));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void brokenConfigsGetEveryExpectedProblemFromBothOracles(String name, boolean bundleOnly, List<String> expected) {
    String json = KernelFixtures.read("broken/" + name + ".json");
    AivmValidationException e = assertThrows(AivmValidationException.class, () -> VALIDATOR.validate(json));
    List<String> found = e.problems().stream().map(p -> p.path() + " " + p.rule()).toList();
    assertEquals(expected, found, e.getMessage());
    List<String> schemaViolations = SCHEMA.violations(json);
    if (bundleOnly) {
      assertEquals(List.of(), schemaViolations, "a bundle rule is invisible to the schema");
      AivmConfigValidator.create().validate(json); // and the document alone is fine
    } else {
      assertFalse(schemaViolations.isEmpty(), name + " must be refused by the schema too");
      for (Problem p : e.problems()) {
        String at = pointer(p.path());
        // The schema reports a missing or unknown key at the object that holds it.
        String holder = at.contains("/") ? at.substring(0, at.lastIndexOf('/')) : "";
        boolean seen = schemaViolations.stream().anyMatch(v -> v.startsWith(at + ":")
            || (p.rule().equals("required") || p.rule().equals("additionalProperties")) && v.startsWith(holder + ":"));
        assertTrue(seen, "the schema also refuses " + p + "; it said " + schemaViolations);
      }
    }
  }

  /** {@code $.inputs[0].shape} as the schema validator writes it, {@code /inputs/0/shape}. */
  private static String pointer(String jsonPath) {
    return jsonPath.substring(1).replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void everyProblemCarriesAMessageAndEveryNonRequiredOneItsValue(String name, boolean bundleOnly, List<String> expected) {
    String json = KernelFixtures.read("broken/" + name + ".json");
    AivmValidationException e = assertThrows(AivmValidationException.class, () -> VALIDATOR.validate(json));
    for (Problem p : e.problems()) {
      assertTrue(p.path().startsWith("$"), p.toString());
      assertFalse(p.message().isBlank(), p.toString());
      if (!p.rule().equals("required")) {
        assertTrue(p.value().isPresent(), "the rejected value is shown: " + p);
      }
    }
  }
}
