package ai.nesa.aivm.sdk.kernels;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code aivm-config.schema.json} (or another of the SDK's schemas) as a test oracle, with a
 * maintained JSON Schema 2020-12 validator (networknt), so the Java rules and the published schema
 * are held to the same fixtures.
 */
public final class AivmConfigSchema {
  private static final String META = "https://json-schema.org/draft/2020-12/schema";

  private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
      SpecificationVersion.DRAFT_2020_12,
      b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
  private final ObjectMapper json = JsonMapper.builder().build();
  private final Schema schema;

  /** The oracle for {@code aivm.json}. */
  public AivmConfigSchema() {
    this(AivmConfig.SCHEMA_RESOURCE, "");
  }

  /** The oracle for the schema at {@code pointer} (such as {@code /$defs/entry}, or empty) in a classpath resource. */
  public AivmConfigSchema(String resource, String pointer) {
    this.schema = registry.getSchema(SchemaLocation.of("classpath:" + resource + (pointer.isEmpty() ? "" : "#" + pointer)));
  }

  /** Every way {@code document} breaks the schema; empty when it conforms. */
  public List<String> violations(String document) {
    return messages(schema, json.readTree(document));
  }

  /** Every way the schema document breaks the draft 2020-12 meta-schema. */
  public List<String> schemaAgainstMetaSchema(String schemaText) {
    return messages(registry.getSchema(SchemaLocation.of(META)), json.readTree(schemaText));
  }

  JsonNode tree(String document) {
    return json.readTree(document);
  }

  private static List<String> messages(Schema schema, JsonNode instance) {
    List<String> out = new ArrayList<>();
    for (Error e : schema.validate(instance)) {
      out.add(e.getInstanceLocation() + ": " + e.getMessage());
    }
    return out;
  }
}
