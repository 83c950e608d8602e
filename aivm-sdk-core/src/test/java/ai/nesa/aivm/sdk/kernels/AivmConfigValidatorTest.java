package ai.nesa.aivm.sdk.kernels;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.sdk.internal.kernels.Spdx;
import ai.nesa.aivm.sdk.models.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class AivmConfigValidatorTest {
  private static final AivmConfigSchema SCHEMA = new AivmConfigSchema();

  private static AivmValidationException refused(String json) {
    return assertThrows(AivmValidationException.class, () -> AivmConfig.fromJson(json));
  }

  private static Problem only(AivmValidationException e) {
    assertEquals(1, e.problems().size(), e.getMessage());
    return e.problems().get(0);
  }

  @Test
  void aConfigWithFiveProblemsListsAllFiveInOneException() {
    AivmValidationException e = refused(KernelFixtures.read("broken/five-problems.json"));
    assertEquals(5, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().startsWith("5 problems: "), e.getMessage());
  }

  @Test
  void anUnknownEngineIsRefusedWithTheKnownEngines() {
    Problem p = only(refused(KernelFixtures.read("broken/unknown-engine.json")));
    assertEquals("$.runtime.engine", p.path());
    assertEquals("enum", p.rule());
    assertEquals(Optional.of("tensorflow"), p.value());
    assertTrue(p.message().contains("known engines: onnx, wasm, python, container"), p.message());
  }

  @Test
  void aMistypedTopLevelKeyGetsADidYouMeanHint() {
    AivmValidationException e = refused(KernelFixtures.read("broken/unknown-key-typo.json"));
    Problem p = e.problems().get(0);
    assertEquals("additionalProperties", p.rule());
    assertTrue(p.message().contains("did you mean 'license'?"), p.message());
  }

  @Test
  void aMistypedNestedKeyGetsADidYouMeanHintToo() {
    Problem p = only(refused(KernelFixtures.read("broken/nested-unknown-key.json")));
    assertTrue(p.message().contains("did you mean 'entrypoint'?"), p.message());
  }

  @Test
  void aLicenceInTheWrongCaseIsRefusedWithTheRightSpelling() {
    Problem p = only(refused(KernelFixtures.read("broken/bad-license.json")));
    assertTrue(p.message().contains("did you mean 'Apache-2.0'?"), p.message());
  }

  @Test
  void extensionKeysAreKeptAndWrittenBack() {
    AivmConfig config = AivmConfig.fromJson(KernelFixtures.read("valid/full.json"));
    assertEquals(Map.of("x-acme-pipeline", "{\"run\":1234,\"tags\":[\"nightly\"]}"), config.extensions());
    assertTrue(config.toJson().contains("\"x-acme-pipeline\""));
  }

  @Test
  void textThatIsNotJsonIsOneProblem() {
    Problem p = only(refused("{\"name\": "));
    assertEquals("json", p.rule());
  }

  @Test
  void aDuplicateKeyIsAProblem() {
    String json = KernelFixtures.read("valid/minimal.json").replace("\"task\"", "\"version\": \"1.0.0\", \"task\"");
    Problem p = only(refused(json));
    assertEquals("duplicate", p.rule());
  }

  @Test
  void nullIsRefusedWhereAValueIsExpected() {
    String json = KernelFixtures.read("valid/minimal.json").replace("\"task\"", "\"description\": null, \"task\"");
    Problem p = only(refused(json));
    assertEquals("$.description", p.path());
    assertEquals("type", p.rule());
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x.onnx", "a/../../x", "/etc/passwd", "C:model.onnx", "c:/m.onnx",
      "code\\\\infer.py", "a//b", "./a", "a/", "", "a/\\u0000b"})
  void pathsThatCouldEscapeTheBundleAreRefusedWithOrWithoutABundle(String path) {
    String json = KernelFixtures.read("valid/minimal.json").replace("\"model.onnx\"", "\"" + path + "\"");
    for (AivmConfigValidator v : List.of(AivmConfigValidator.create(),
        AivmConfigValidator.create().withBundle(KernelFixtures.BUNDLE))) {
      AivmValidationException e = assertThrows(AivmValidationException.class, () -> v.validate(json));
      Problem p = only(e);
      assertEquals("$.runtime.entrypoint path", p.path() + " " + p.rule());
    }
    assertTrue(!SCHEMA.violations(json).isEmpty(), "the schema refuses " + path);
  }

  @Test
  void entrypointsAndListedFilesMustBeInTheBundle() {
    String json = KernelFixtures.read("valid/full.json");
    BundleView empty = path -> Optional.empty();
    AivmValidationException e = assertThrows(AivmValidationException.class,
        () -> AivmConfigValidator.create().withBundle(empty).validate(json));
    List<String> paths = e.problems().stream().map(p -> p.path() + " " + p.rule()).toList();
    assertEquals(List.of("$.runtime.entrypoint present", "$.inference.aggregationEntrypoint present",
        "$.examples[1].inputFile present", "$.examples[1].outputFile present", "$.files[0].path present",
        "$.files[3].path present", "$.files[6].path present"), paths);
    assertTrue(e.problems().get(0).message().contains("entrypoint 'code/infer.py' is not in the bundle"));
  }

  @Test
  void codeEntrypointsHaveTheirOwnSizeLimitAndTheBundleATotal() {
    String json = KernelFixtures.read("valid/full.json");
    AivmValidationException e = assertThrows(AivmValidationException.class, () -> AivmConfigValidator.create()
        .withBundle(KernelFixtures.BUNDLE).withLimits(new SizeLimits(1L << 30, 100_000_000, 1_000))
        .validate(json));
    List<String> paths = e.problems().stream().map(p -> p.path() + " " + p.rule()).toList();
    assertEquals(List.of("$.runtime.entrypoint size", "$.inference.aggregationEntrypoint size", "$ size"), paths);
  }

  @Test
  void anOnnxEntrypointIsWeightsAndGetsOnlyTheFileLimit() {
    // The code-entrypoint limit (1,000 bytes here) would refuse the weights if it applied to them.
    AivmConfig config = assertDoesNotThrow(() -> AivmConfigValidator.create().withBundle(KernelFixtures.BUNDLE)
        .withLimits(new SizeLimits(1L << 30, 1L << 31, 1_000))
        .validate(KernelFixtures.read("valid/minimal.json")));
    assertEquals(Engine.ONNX, config.runtime().engine());
  }

  @Test
  void aConfigBuiltInCodeIsCheckedByTheSameRules() {
    AivmConfig config = Presets.onnxClassifier("acme/x", "model.onnx").toBuilder()
        .runtime(KernelRuntime.builder().engine(Engine.of("tensorflow")).entrypoint("../m.onnx").build())
        .inference(new Inference(InferenceMode.SINGLE_NODE, Consensus.kOfN(3, 2), null))
        .build();
    AivmValidationException e = assertThrows(AivmValidationException.class,
        () -> AivmConfigValidator.create().validate(config));
    List<String> paths = e.problems().stream().map(p -> p.path() + " " + p.rule()).toList();
    assertEquals(List.of("$.runtime.engine enum", "$.runtime.entrypoint path", "$.inference.k maximum"), paths);
  }

  @Test
  void theSchemaIsAValidDraft2020_12Schema() {
    String schema = KernelFixtures.resource(AivmConfig.SCHEMA_RESOURCE);
    assertEquals(List.of(), SCHEMA.schemaAgainstMetaSchema(schema));
    JsonNode root = SCHEMA.tree(schema);
    assertEquals("https://json-schema.org/draft/2020-12/schema", root.get("$schema").asString());
    assertTrue(root.get("$id").asString().startsWith("https://"));
  }

  @Test
  void theMetaSchemaCheckCatchesABrokenSchema() {
    assertTrue(!SCHEMA.schemaAgainstMetaSchema("{\"type\": 5, \"minLength\": \"x\"}").isEmpty());
  }

  @Test
  void theSchemaAndTheJavaRulesShareOneSpdxList() {
    JsonNode anyOf = SCHEMA.tree(KernelFixtures.resource(AivmConfig.SCHEMA_RESOURCE))
        .get("properties").get("license").get("anyOf");
    List<String> inSchema = new ArrayList<>();
    anyOf.get(0).get("enum").forEach(n -> inSchema.add(n.asString()));
    assertEquals(new ArrayList<>(Spdx.ids()), inSchema);
  }

  @Test
  void theSchemaAndTheJavaRulesKnowTheSameTopLevelKeys() {
    JsonNode props = SCHEMA.tree(KernelFixtures.resource(AivmConfig.SCHEMA_RESOURCE)).get("properties");
    List<String> inSchema = new ArrayList<>();
    props.propertyNames().forEach(inSchema::add);
    String written = AivmConfig.fromJson(KernelFixtures.read("valid/full.json")).toJson();
    for (String key : inSchema) {
      assertTrue(written.contains("\"" + key + "\""), "the full fixture and the writer cover " + key);
    }
  }
}
