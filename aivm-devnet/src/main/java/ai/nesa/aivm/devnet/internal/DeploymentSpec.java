package ai.nesa.aivm.devnet.internal;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.kernels.Consensus;
import ai.nesa.aivm.sdk.kernels.InferenceMode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code DeploymentRequest} read and checked field by field, with the preset applied: every
 * execution parameter has its value.
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>Preset {@code fast} (also when none is given): one node, consensus {@code none}; {@code
 *       verified}: three nodes, {@code majority}. Fields given beside the preset override it.
 *   <li>Node count: {@code k_of_n} runs on {@code n} ({@code nodes.minimum} above {@code n} is a
 *       problem); {@code majority} on 3, or {@code nodes.minimum} when it asks for more; {@code
 *       none} on 1, or {@code nodes.minimum}. Naming more {@code nodes.addresses} than that is a
 *       problem ({@code $.nodes.addresses}, rule {@code maxItems}).
 *   <li>{@code k} and {@code n} belong to {@code k_of_n} only, and need {@code k ≤ n}.
 *   <li>Unknown fields are problems (rule {@code unknown}): a misspelt parameter is not silently
 *       dropped.
 *   <li>Defaults: {@code inferenceType} {@code single_node}, {@code timeouts.totalMs} 30000 (no
 *       {@code firstChunkMs}), {@code pricing.lockAmount} 10, {@code output.format} {@code auto},
 *       {@code output.receiptsRequired} true.
 * </ul>
 *
 * @param model the model
 * @param version the version, null for the latest
 * @param mode the inference type
 * @param consensus the consensus policy
 * @param nodeCount how many nodes the deployment runs on
 * @param addresses the nodes named, to be used first
 * @param firstChunkMs the longest wait for the first chunk, null for none
 * @param totalMs the longest one inference may take
 * @param maxPricePerUnit the highest price per unit accepted, null for any
 * @param lockAmount the amount locked for the deployment
 * @param format the output format asked for
 * @param receiptsRequired whether results carry receipts
 */
public record DeploymentSpec(ModelId model, Semver version, InferenceMode mode, Consensus consensus, int nodeCount,
    List<Address> addresses, Long firstChunkMs, long totalMs, BigDecimal maxPricePerUnit, BigDecimal lockAmount,
    String format, boolean receiptsRequired) {
  /** The total time an inference may take when the request does not say. */
  public static final long DEFAULT_TOTAL_MS = 30_000;
  /** The amount locked when the request does not say. */
  public static final BigDecimal DEFAULT_LOCK = BigDecimal.TEN;

  private static final Set<String> FIELDS = Set.of("model", "version", "preset", "inferenceType", "consensus",
      "nodes", "timeouts", "pricing", "output");

  /**
   * Reads a {@code DeploymentRequest}; the spec, or null with every problem in {@code fields}.
   */
  public static DeploymentSpec read(String body, JsonFields fields) {
    Map<String, Object> root = fields.object(body);
    if (root == null) {
      return null;
    }
    fields.onlyKnown(root, "$", FIELDS);
    ModelId model = null;
    String modelText = fields.string(root, "model", "$.model");
    if (modelText == null && !root.containsKey("model")) {
      fields.problem("$.model", "required", "the model to deploy, org/model");
    } else if (modelText != null) {
      try {
        model = ModelId.of(modelText);
      } catch (RuntimeException e) {
        fields.problem("$.model", "pattern", "'" + modelText + "' is not org/model");
      }
    }
    Semver version = null;
    String versionText = fields.string(root, "version", "$.version");
    if (versionText != null) {
      try {
        version = Semver.of(versionText);
      } catch (RuntimeException e) {
        fields.problem("$.version", "pattern", "'" + versionText + "' is not a semantic version");
      }
    }
    String preset = fields.string(root, "preset", "$.preset");
    if (preset != null && !preset.equals("fast") && !preset.equals("verified")) {
      fields.problem("$.preset", "enum", "fast or verified, not '" + preset + "'");
    }
    boolean verified = "verified".equals(preset);
    InferenceMode mode = InferenceMode.SINGLE_NODE;
    String modeText = fields.string(root, "inferenceType", "$.inferenceType");
    if (modeText != null) {
      mode = InferenceMode.fromWire(modeText);
      if (mode == null) {
        fields.problem("$.inferenceType", "enum", "single_node or distributed, not '" + modeText + "'");
      }
    }
    Consensus consensus = verified ? Consensus.majority() : Consensus.none();
    Map<String, Object> c = fields.child(root, "consensus", "$.consensus");
    if (c != null && root.containsKey("consensus")) {
      consensus = consensus(c, fields);
    }
    Map<String, Object> nodes = fields.child(root, "nodes", "$.nodes");
    List<Address> addresses = new ArrayList<>();
    Long minimum = null;
    if (nodes != null) {
      fields.onlyKnown(nodes, "$.nodes", Set.of("addresses", "minimum"));
      List<Object> named = fields.array(nodes, "addresses", "$.nodes.addresses");
      for (int i = 0; named != null && i < named.size(); i++) {
        Object a = named.get(i);
        try {
          addresses.add(Address.of((String) a));
        } catch (RuntimeException e) {
          fields.problem("$.nodes.addresses[" + i + "]", "pattern", "'" + a + "' is not 0x and 40 hex digits");
        }
      }
      minimum = fields.integer(nodes, "minimum", "$.nodes.minimum", 1, Integer.MAX_VALUE);
    }
    int count = 1;
    if (consensus != null) {
      count = switch (consensus.kind()) {
        case K_OF_N -> consensus.n();
        case MAJORITY -> Math.max(3, minimum == null ? 0 : minimum.intValue());
        case NONE -> Math.max(1, minimum == null ? 0 : minimum.intValue());
      };
      if (consensus.kind() == Consensus.Kind.K_OF_N && minimum != null && minimum > consensus.n()) {
        fields.problem("$.nodes.minimum", "maximum", "k_of_n runs on n = " + consensus.n() + " nodes, not " + minimum);
      }
      if (addresses.size() > count) {
        fields.problem("$.nodes.addresses", "maxItems", "names " + addresses.size()
            + " nodes, but the deployment runs on " + count);
      }
    }
    if (addresses.stream().distinct().count() < addresses.size()) {
      fields.problem("$.nodes.addresses", "uniqueItems", "names a node twice");
    }
    Map<String, Object> timeouts = fields.child(root, "timeouts", "$.timeouts");
    Long firstChunkMs = null;
    long totalMs = DEFAULT_TOTAL_MS;
    if (timeouts != null) {
      fields.onlyKnown(timeouts, "$.timeouts", Set.of("firstChunkMs", "totalMs"));
      firstChunkMs = fields.integer(timeouts, "firstChunkMs", "$.timeouts.firstChunkMs", 1, Long.MAX_VALUE);
      Long total = fields.integer(timeouts, "totalMs", "$.timeouts.totalMs", 1, Long.MAX_VALUE);
      totalMs = total == null ? DEFAULT_TOTAL_MS : total;
    }
    Map<String, Object> pricing = fields.child(root, "pricing", "$.pricing");
    BigDecimal maxPrice = null;
    BigDecimal lock = DEFAULT_LOCK;
    if (pricing != null) {
      fields.onlyKnown(pricing, "$.pricing", Set.of("maxPricePerUnit", "lockAmount"));
      maxPrice = fields.decimal(pricing, "maxPricePerUnit", "$.pricing.maxPricePerUnit");
      BigDecimal given = fields.decimal(pricing, "lockAmount", "$.pricing.lockAmount");
      lock = given == null ? DEFAULT_LOCK : given;
    }
    Map<String, Object> output = fields.child(root, "output", "$.output");
    String format = "auto";
    boolean receipts = true;
    if (output != null) {
      fields.onlyKnown(output, "$.output", Set.of("format", "receiptsRequired"));
      String f = fields.string(output, "format", "$.output.format");
      if (f != null && (f.isEmpty() || f.length() > 32)) {
        fields.problem("$.output.format", "maxLength", "1 to 32 characters");
      }
      format = f == null ? format : f;
      Boolean r = fields.bool(output, "receiptsRequired", "$.output.receiptsRequired");
      receipts = r == null || r;
    }
    if (!fields.problems().isEmpty()) {
      return null;
    }
    return new DeploymentSpec(model, version, mode, consensus, count, List.copyOf(addresses), firstChunkMs, totalMs,
        maxPrice, lock, format, receipts);
  }

  private static Consensus consensus(Map<String, Object> c, JsonFields fields) {
    fields.onlyKnown(c, "$.consensus", Set.of("policy", "k", "n"));
    String policy = fields.string(c, "policy", "$.consensus.policy");
    Long k = fields.integer(c, "k", "$.consensus.k", 1, 255);
    Long n = fields.integer(c, "n", "$.consensus.n", 1, 255);
    if (policy == null) {
      if (!c.containsKey("policy")) {
        fields.problem("$.consensus.policy", "required", "none, majority or k_of_n");
      }
      return null;
    }
    Consensus.Kind kind = Consensus.Kind.fromWire(policy);
    if (kind == null) {
      fields.problem("$.consensus.policy", "enum", "none, majority or k_of_n, not '" + policy + "'");
      return null;
    }
    if (kind != Consensus.Kind.K_OF_N) {
      if (c.containsKey("k") || c.containsKey("n")) {
        fields.problem(c.containsKey("k") ? "$.consensus.k" : "$.consensus.n", "k_of_n_only",
            "k and n belong to policy k_of_n, not " + policy);
      }
      return kind == Consensus.Kind.NONE ? Consensus.none() : Consensus.majority();
    }
    if (!c.containsKey("k")) {
      fields.problem("$.consensus.k", "required", "k_of_n needs k, the nodes that must agree");
    }
    if (!c.containsKey("n")) {
      fields.problem("$.consensus.n", "required", "k_of_n needs n, the nodes that run");
    }
    if (k == null || n == null) {
      return null;
    }
    if (k > n) {
      fields.problem("$.consensus.k", "maximum", "k (" + k + ") is at most n (" + n + ")");
      return null;
    }
    return Consensus.kOfN(k.intValue(), n.intValue());
  }
}
