package ai.nesa.aivm.sdk.kernels.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.sdk.kernels.Manifest;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ManifestJsonTest {
  private static final String CID = "bafkreics2fafxistes6njaqmxx7hqdix7ekqzayhig2cfsbyz5h6gxwble";

  private static List<String> problems(String json) {
    AivmValidationException e = assertThrows(AivmValidationException.class, () -> Manifest.fromJson(json));
    return e.problems().stream().map(p -> p.path() + " " + p.rule()).collect(Collectors.toList());
  }

  private static String entry(String fields) {
    return "{\"schemaVersion\":\"1\",\"name\":\"acme/m\",\"version\":\"1.0.0\",\"files\":[" + fields + "]}";
  }

  @Test
  void aMinimalManifestReadsAndReencodesCanonically() {
    String json = entry("{\"path\":\"a.md\",\"size\":1,\"cid\":\"" + CID + "\",\"mediaType\":\"text/markdown\","
        + "\"role\":\"docs\"}");
    assertEquals("{\"files\":[{\"cid\":\"" + CID + "\",\"mediaType\":\"text/markdown\",\"path\":\"a.md\","
        + "\"role\":\"docs\",\"size\":1}],\"name\":\"acme/m\",\"schemaVersion\":\"1\",\"version\":\"1.0.0\"}",
        Manifest.fromJson(json).toCanonicalJson());
  }

  @Test
  void everyProblemIsReportedWithItsJsonPath() {
    String json = "{\"schemaVersion\":\"2\",\"name\":\"no-slash\",\"version\":\"1.0\",\"extra\":1,\"files\":["
        + "{\"path\":\"../x\",\"size\":-1,\"cid\":\"Qmnope\",\"mediaType\":\"Text\",\"role\":\"secret\"},"
        + "{\"path\":\"b\",\"size\":\"1\",\"cid\":null,\"mediaType\":\"a/b\"},"
        + "{\"path\":\"c\",\"size\":1.5,\"cid\":\"" + CID + "\",\"mediaType\":\"a/b\",\"role\":\"docs\","
        + "\"encryption\":{\"scheme\":\"s\",\"parameters\":{\"bad key\":true}}}]}";
    List<String> got = problems(json);
    for (String expected : List.of("$.schemaVersion enum", "$.name", "$.version", "$.extra unknown",
        "$.files[0].role enum", "$.files[0].cid", "$.files[1].size type", "$.files[1].cid type",
        "$.files[1].role required", "$.files[2].size integer", "$.files[2].encryption.parameters.bad key")) {
      assertTrue(got.stream().anyMatch(g -> g.startsWith(expected)), () -> expected + " not in " + got);
    }
  }

  @Test
  void anEntryThatParsesButBreaksItsRulesNamesEachField() {
    String json = entry("{\"path\":\"../x\",\"size\":-1,\"cid\":\"" + CID + "\",\"mediaType\":\"Text\","
        + "\"role\":\"docs\"}");
    List<String> got = problems(json);
    assertTrue(got.containsAll(List.of("$.files[0].path path", "$.files[0].size minimum",
        "$.files[0].mediaType pattern")), got::toString);
  }

  @Test
  void duplicateKeysAndDuplicatePathsAreRefused() {
    assertTrue(problems("{\"name\":\"a/b\",\"name\":\"a/b\",\"schemaVersion\":\"1\",\"version\":\"1.0.0\","
        + "\"files\":[]}").contains("$.name duplicate"));
    String f = "{\"path\":\"a\",\"size\":1,\"cid\":\"" + CID + "\",\"mediaType\":\"a/b\",\"role\":\"docs\"}";
    assertTrue(problems(entry(f + "," + f)).contains("$.files[1].path unique"));
  }

  @Test
  void brokenJsonIsOneProblemNotACrash() {
    List<Problem> p = assertThrows(AivmValidationException.class, () -> Manifest.fromJson("{\"files\":[")).problems();
    assertEquals("json", p.get(0).rule());
    assertEquals("$ type", problems("[]").get(0));
    assertTrue(problems("{} x").contains("$ json"));
  }
}
