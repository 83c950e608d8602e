package ai.nesa.aivm.crypto.sign;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.TypedData;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SDK's typed data in the shapes ethers takes ({@code domain}, {@code types}, {@code
 * message}), for the interop script: integers as decimal strings, bytes as 0x-hex, addresses in
 * EIP-55 form.
 */
final class EthersJson {
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private EthersJson() {}

  /** {domain, types, primaryType, message} merged into {@code job}. */
  static ObjectNode typedData(ObjectNode job, TypedData data) {
    ObjectNode domain = job.putObject("domain");
    TypedData.Domain d = data.domain();
    d.name().ifPresent(v -> domain.put("name", v));
    d.version().ifPresent(v -> domain.put("version", v));
    d.chainId().ifPresent(v -> domain.put("chainId", v.toString()));
    d.verifyingContract().ifPresent(v -> domain.put("verifyingContract", v.toString()));
    d.salt().ifPresent(v -> domain.put("salt", Hex.encode(v)));
    ObjectNode types = job.putObject("types");
    data.types().forEach((name, fields) -> {
      ArrayNode list = types.putArray(name);
      for (TypedData.Field f : fields) {
        list.addObject().put("name", f.name()).put("type", f.type());
      }
    });
    job.put("primaryType", data.primaryType());
    job.set("message", value(data.message()));
    return job;
  }

  static JsonNode value(Object v) {
    if (v instanceof Map<?, ?> map) {
      ObjectNode o = MAPPER.createObjectNode();
      map.forEach((k, e) -> o.set((String) k, value(e)));
      return o;
    }
    if (v instanceof List<?> list) {
      ArrayNode a = MAPPER.createArrayNode();
      list.forEach(e -> a.add(value(e)));
      return a;
    }
    if (v instanceof byte[] b) {
      return MAPPER.getNodeFactory().stringNode(Hex.encode(b));
    }
    if (v instanceof Boolean b) {
      return MAPPER.getNodeFactory().booleanNode(b);
    }
    if (v instanceof BigInteger || v instanceof Long || v instanceof Integer) {
      return MAPPER.getNodeFactory().stringNode(v.toString());
    }
    if (v instanceof String || v instanceof Address || v instanceof Hash32) {
      return MAPPER.getNodeFactory().stringNode(v.toString());
    }
    throw new IllegalArgumentException("no JSON form for " + v.getClass());
  }
}
