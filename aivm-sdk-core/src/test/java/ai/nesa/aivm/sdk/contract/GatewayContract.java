package ai.nesa.aivm.sdk.contract;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The gateway's OpenAPI document as a test oracle: it checks JSON bodies against the schema the
 * document gives for an operation's answer, and a request's path and query against the
 * operation's parameters, with a maintained JSON Schema 2020-12 validator (networknt). The SDK's
 * tests and the devnet's contract test both use it, so neither can drift from the document.
 */
public final class GatewayContract {
  /** Where the document is on the classpath. */
  public static final String DOCUMENT = "ai/nesa/aivm/sdk/gateway-openapi.yaml";
  private static final String BASE = "classpath:" + DOCUMENT;
  private static final GatewayContract INSTANCE = new GatewayContract();

  private final JsonNode root;
  private final SchemaRegistry registry;
  private final ObjectMapper json = JsonMapper.builder().build();
  private final Map<Pattern, String> templates = new LinkedHashMap<>();

  private GatewayContract() {
    try (InputStream in = GatewayContract.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException(DOCUMENT + " is not on the classpath");
      }
      root = YAMLMapper.builder().build().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    for (Iterator<String> it = root.get("paths").propertyNames().iterator(); it.hasNext(); ) {
      String template = it.next();
      templates.put(Pattern.compile(template.replaceAll("\\{[^/]+}", "[^/]+")), template);
    }
  }

  public static GatewayContract get() {
    return INSTANCE;
  }

  public JsonNode document() {
    return root;
  }

  /** The document's path template that {@code path} matches, such as {@code /v1/models/{org}/{name}}. */
  public String template(String path) {
    return templates.entrySet().stream()
        .filter(e -> e.getKey().matcher(path).matches())
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no path in the document matches " + path));
  }

  /**
   * Every way {@code body} breaks the schema the document gives for {@code method template}
   * answering {@code status} with {@code mediaType}; empty when it conforms.
   */
  public List<String> responseViolations(String method, String template, int status, String body) {
    String responsePointer = responsePointer(method, template, status);
    JsonNode response = at(responsePointer);
    if (response.has("$ref")) {
      responsePointer = response.get("$ref").asString().substring(1);
      response = at(responsePointer);
    }
    JsonNode content = response.path("content").path("application/json");
    if (content.isMissingNode()) {
      throw new AssertionError(method + " " + template + " " + status + " has no application/json answer");
    }
    return violations(responsePointer + "/content/" + escape("application/json") + "/schema", parse(body));
  }

  /** Every way {@code instance} breaks the named component schema. */
  public List<String> schemaViolations(String schemaName, String body) {
    return violations("/components/schemas/" + schemaName, parse(body));
  }

  /**
   * Every way a request's query breaks the operation's declared parameters: names the document
   * does not declare, and values their schemas refuse.
   */
  public List<String> queryViolations(String method, String path, Map<String, List<String>> query) {
    String template = template(path);
    String opPointer = "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT);
    if (at(opPointer).isMissingNode()) {
      return List.of(method + " " + template + " is not in the document");
    }
    Map<String, String> declared = new LinkedHashMap<>();
    collectParameters("/paths/" + escape(template) + "/parameters", declared);
    collectParameters(opPointer + "/parameters", declared);
    List<String> out = new ArrayList<>();
    query.forEach((name, values) -> {
      String pointer = declared.get(name);
      if (pointer == null) {
        out.add("query parameter '" + name + "' is not declared for " + method + " " + template);
        return;
      }
      String schemaPointer = pointer + "/schema";
      JsonNode schema = resolve(schemaPointer);
      boolean array = "array".equals(schema.path("type").asString(""));
      if (!array && values.size() > 1) {
        out.add("query parameter '" + name + "' is repeated but is not an array");
      }
      for (String value : values) {
        String itemPointer = array ? pointerOf(schemaPointer) + "/items" : pointerOf(schemaPointer);
        JsonNode itemSchema = resolve(itemPointer);
        String type = itemSchema.path("type").asString("string");
        JsonNode instance;
        try {
          instance = switch (type) {
            case "integer" -> JsonNodeFactory.instance.numberNode(Long.parseLong(value));
            case "number" -> JsonNodeFactory.instance.numberNode(Double.parseDouble(value));
            case "boolean" -> JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(value));
            default -> JsonNodeFactory.instance.stringNode(value);
          };
        } catch (NumberFormatException e) {
          out.add("query parameter '" + name + "'='" + value + "' is not a " + type);
          continue;
        }
        violations(pointerOf(itemPointer), instance).forEach(v -> out.add("query '" + name + "': " + v));
      }
    });
    return out;
  }

  private void collectParameters(String pointer, Map<String, String> out) {
    JsonNode params = at(pointer);
    for (int i = 0; i < params.size(); i++) {
      String p = pointer + "/" + i;
      JsonNode param = at(p);
      if (param.has("$ref")) {
        p = param.get("$ref").asString().substring(1);
        param = at(p);
      }
      if ("query".equals(param.path("in").asString(""))) {
        out.put(param.get("name").asString(), p);
      }
    }
  }

  /** The pointer a {@code $ref} at {@code pointer} leads to, or {@code pointer} itself. */
  private String pointerOf(String pointer) {
    JsonNode node = at(pointer);
    return node.has("$ref") ? node.get("$ref").asString().substring(1) : pointer;
  }

  private JsonNode resolve(String pointer) {
    return at(pointerOf(pointer));
  }

  private String responsePointer(String method, String template, int status) {
    String op = "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT);
    if (at(op).isMissingNode()) {
      throw new AssertionError(method + " " + template + " is not in the document");
    }
    String exact = op + "/responses/" + status;
    if (!at(exact).isMissingNode()) {
      return exact;
    }
    String range = op + "/responses/" + (status / 100) + "XX";
    if (!at(range).isMissingNode()) {
      return range;
    }
    String fallback = op + "/responses/default";
    if (!at(fallback).isMissingNode()) {
      return fallback;
    }
    throw new AssertionError(method + " " + template + " declares no answer " + status);
  }

  private List<String> violations(String pointer, JsonNode instance) {
    Schema schema = registry.getSchema(SchemaLocation.of(BASE + "#" + pointer));
    List<String> out = new ArrayList<>();
    for (Error e : schema.validate(instance)) {
      out.add(e.getInstanceLocation() + ": " + e.getMessage());
    }
    return out;
  }

  private JsonNode at(String pointer) {
    return root.at(pointer);
  }

  private JsonNode parse(String body) {
    try {
      return json.readTree(body);
    } catch (RuntimeException e) {
      throw new AssertionError("not JSON: " + e.getMessage(), e);
    }
  }

  private static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }
}
