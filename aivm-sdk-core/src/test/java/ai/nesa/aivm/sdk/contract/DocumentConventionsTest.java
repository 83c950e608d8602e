package ai.nesa.aivm.sdk.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The conventions the gateway document states for itself hold in every operation it lists. */
class DocumentConventionsTest {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
  private final JsonNode doc = GatewayContract.get().document();

  private interface OperationCheck {
    void check(String method, String path, JsonNode operation, List<String> out);
  }

  private List<String> eachOperation(OperationCheck check) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        if (METHODS.contains(op.getKey())) {
          check.check(op.getKey().toUpperCase(), path.getKey(), op.getValue(), out);
        }
      }
    }
    return out;
  }

  private JsonNode deref(JsonNode node) {
    return node.has("$ref") ? doc.at(node.get("$ref").asString().substring(1)) : node;
  }

  @Test
  void theDocumentIsOpenApi31() {
    assertEquals("3.1.0", doc.get("openapi").asString());
  }

  @Test
  void everyReferenceResolves() {
    List<String> broken = new ArrayList<>();
    collectBrokenRefs(doc, "", broken);
    assertEquals(List.of(), broken);
  }

  private void collectBrokenRefs(JsonNode node, String where, List<String> out) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isString()) {
        String target = ref.asString();
        if (!target.startsWith("#/") || doc.at(target.substring(1)).isMissingNode()) {
          out.add(where + " -> " + target);
        }
      }
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        collectBrokenRefs(e.getValue(), where + "/" + e.getKey(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectBrokenRefs(node.get(i), where + "/" + i, out);
      }
    }
  }

  @Test
  void operationIdsAreUnique() {
    Set<String> seen = new HashSet<>();
    List<String> duplicates = eachOperation((m, p, op, out) -> {
      String id = op.path("operationId").asString("");
      if (id.isEmpty() || !seen.add(id)) {
        out.add(m + " " + p + " operationId '" + id + "'");
      }
    });
    assertEquals(List.of(), duplicates);
  }

  @Test
  void everyMutationTakesAnIdempotencyKey() {
    List<String> missing = eachOperation((m, p, op, out) -> {
      if (m.equals("GET")) {
        return;
      }
      boolean has = false;
      for (JsonNode param : op.path("parameters")) {
        has |= "Idempotency-Key".equals(deref(param).path("name").asString(""));
      }
      if (!has) {
        out.add(m + " " + p);
      }
    });
    assertEquals(List.of(), missing);
  }

  @Test
  void everyOperationHasTheErrorShapeAsDefaultAndRequestIdsOnSuccess() {
    List<String> problems = eachOperation((m, p, op, out) -> {
      JsonNode responses = op.path("responses");
      JsonNode fallback = deref(responses.path("default"));
      if (!fallback.path("content").path("application/json").path("schema").path("$ref").asString("")
          .equals("#/components/schemas/ErrorResponse")) {
        out.add(m + " " + p + ": default is not the error shape");
      }
      for (Map.Entry<String, JsonNode> r : responses.properties()) {
        if (r.getKey().startsWith("2") && deref(r.getValue()).path("headers").path("X-Request-Id").isMissingNode()) {
          out.add(m + " " + p + " " + r.getKey() + ": no X-Request-Id header");
        }
      }
    });
    assertEquals(List.of(), problems);
  }

  @Test
  void theCatalogIsAllThere() {
    for (String path : List.of("/v1/models", "/v1/models/{org}/{name}", "/v1/models/{org}/{name}/versions",
        "/v1/models/{org}/{name}/versions/{version}", "/v1/models/{org}/{name}/benchmarks",
        "/v1/models/{org}/{name}/reviews", "/v1/models/{org}/{name}/examples")) {
      assertTrue(doc.get("paths").has(path), path);
    }
  }
}
