package ai.nesa.aivm.devnet.internal;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.ledger.GrantRecord;
import ai.nesa.aivm.sdk.ledger.ModelRecord;
import ai.nesa.aivm.sdk.ledger.Ledger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The read side of access grants: {@code GET /v1/models/{org}/{name}/grants} and {@code
 * .../grants/{node}}, from the ledger's grants, as the document's {@code Grant}. The ledger keeps
 * one grant per node and drops a revoked one, so {@code includeRevoked} finds nothing more and
 * {@code revokedAt} is never set; a grant's scheme is {@code ecies-secp256k1}, or {@code
 * shamir-ecies} with the threshold for a k-of-n model. Newest first:
 * by key epoch, then by grant time.
 */
public final class Grants {
  private static final Set<String> LIST_QUERY = Set.of("version", "epoch", "includeRevoked", "limit", "cursor");
  private static final Set<String> ONE_QUERY = Set.of("version", "epoch");

  private final Ledger ledger;

  public Grants(Ledger ledger) {
    this.ledger = ledger;
  }

  /** {@code GET .../grants}. */
  public Answer list(String org, String name, String rawQuery, String requestId) {
    Map<String, List<String>> query = Query.parse(rawQuery);
    List<Map<String, Object>> problems = new ArrayList<>();
    Filter filter = filter(query, LIST_QUERY, problems);
    String revoked = Query.one(query, "includeRevoked");
    if (revoked != null && !revoked.equals("true") && !revoked.equals("false")) {
      problems.add(Query.problem("includeRevoked", "type", "true or false"));
    }
    Paging paging = Paging.parse(query, "grants", problems);
    if (!problems.isEmpty()) {
      return Answer.error(400, "invalid_parameter", "GET grants: " + problems.size() + " bad parameter(s)", requestId,
          problems);
    }
    Optional<ModelId> model = model(org, name);
    if (model.isEmpty()) {
      return modelNotFound(org + "/" + name, requestId);
    }
    int threshold = threshold(model.get());
    return new Answer(200, paging.page(matching(model.get(), filter).map(g -> grant(g, threshold)).toList()));
  }

  /** {@code GET .../grants/{node}}: the node's grant of the newest epoch, or of the one asked. */
  public Answer one(String org, String name, String nodeText, String rawQuery, String requestId) {
    Map<String, List<String>> query = Query.parse(rawQuery);
    List<Map<String, Object>> problems = new ArrayList<>();
    Filter filter = filter(query, ONE_QUERY, problems);
    Address node = null;
    try {
      node = Address.of(nodeText);
    } catch (RuntimeException e) {
      problems.add(Query.problem("node", "pattern", "'" + nodeText + "' is not 0x and 40 hex digits"));
    }
    if (!problems.isEmpty()) {
      return Answer.error(400, "invalid_parameter", "GET grant: " + problems.size() + " bad parameter(s)", requestId,
          problems);
    }
    Optional<ModelId> model = model(org, name);
    if (model.isEmpty()) {
      return modelNotFound(org + "/" + name, requestId);
    }
    Address wanted = node;
    int threshold = threshold(model.get());
    return matching(model.get(), filter).filter(g -> g.node().equals(wanted)).findFirst()
        .map(g -> new Answer(200, grant(g, threshold)))
        .orElseGet(() -> Answer.error(404, "grant_not_found", "node " + wanted + " holds no grant of " + model.get()
            + (filter.epoch == null ? "" : " in epoch " + filter.epoch)
            + (filter.version == null ? "" : " covering " + filter.version.text()), requestId, List.of()));
  }

  private Stream<GrantRecord> matching(ModelId model, Filter filter) {
    return ledger.grants(model).stream()
        .filter(g -> filter.epoch == null || g.epoch() == filter.epoch)
        .filter(g -> filter.version == null || g.version().map(filter.version::equals).orElse(true))
        .sorted(Comparator.comparingLong(GrantRecord::epoch).thenComparing(GrantRecord::grantedAt).reversed());
  }

  private Optional<ModelId> model(String org, String name) {
    try {
      ModelId id = ModelId.of(org + "/" + name);
      return ledger.model(id).map(m -> id);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Answer modelNotFound(String model, String requestId) {
    return Answer.error(404, "model_not_found", "model " + model + " is not registered", requestId, List.of());
  }

  private static Filter filter(Map<String, List<String>> query, Set<String> allowed,
      List<Map<String, Object>> problems) {
    for (String p : query.keySet()) {
      if (!allowed.contains(p)) {
        problems.add(Query.problem(p, "unknown", "not a parameter of this operation"));
      }
    }
    Semver version = null;
    String versionText = Query.one(query, "version");
    if (versionText != null) {
      try {
        version = Semver.of(versionText);
      } catch (RuntimeException e) {
        problems.add(Query.problem("version", "semver", "'" + versionText + "' is not a semantic version"));
      }
    }
    Long epoch = null;
    String epochText = Query.one(query, "epoch");
    if (epochText != null) {
      if (epochText.matches("[0-9]{1,18}")) {
        epoch = Long.parseLong(epochText);
      } else {
        problems.add(Query.problem("epoch", "minimum", "a key epoch, 0 or more"));
      }
    }
    return new Filter(version, epoch);
  }

  /** How many shares open the model's current key: the grants' threshold (they are all of its current epoch). */
  private int threshold(ModelId model) {
    return ledger.model(model).map(ModelRecord::threshold).orElse(1);
  }

  /**
   * A grant as the document's {@code Grant}: {@code ecies-secp256k1} when it wraps the whole key,
   * {@code shamir-ecies} with the threshold when it wraps a share ({@code shareIndex} is inside the
   * ciphertext, so it is left out).
   */
  static Map<String, Object> grant(GrantRecord g, int threshold) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("node", g.node().toString());
    g.version().ifPresent(v -> body.put("version", v.text()));
    body.put("epoch", g.epoch());
    body.put("wrappedKey", Hex.encode(g.wrappedKey()));
    body.put("scheme", threshold > 1 ? "shamir-ecies" : "ecies-secp256k1");
    if (threshold > 1) {
      body.put("threshold", threshold);
    }
    body.put("grantedAt", g.grantedAt().toString());
    return body;
  }

  private record Filter(Semver version, Long epoch) {}
}
