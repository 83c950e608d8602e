package ai.nesa.aivm.sdk.internal.ledger;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.EthPublicKey;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.Signature;
import ai.nesa.aivm.crypto.TypedData;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.internal.kernels.JsonTree;
import ai.nesa.aivm.sdk.internal.kernels.bundle.CanonicalJson;
import ai.nesa.aivm.sdk.internal.kernels.bundle.ManifestJson;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.ledger.LedgerRequestKind;
import ai.nesa.aivm.sdk.models.Access;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The gateway's {@code SignedLedgerRequest} JSON: written canonically, read strictly, every problem
 * named with its JSON path.
 */
public final class LedgerRequestJson {
  private static final Set<String> TOP = Set.of("kind", "signer", "nonce", "deadline", "payload", "signature");
  private static final long MAX_SAFE = (1L << 53) - 1;

  private LedgerRequestJson() {}

  /** The request as canonical JSON. */
  public static String write(LedgerRequest request) {
    Map<String, Object> payload = new LinkedHashMap<>();
    request.action().values().forEach((k, v) -> payload.put(k, wire(v)));
    payload.put("nonce", request.nonce());
    payload.put("deadline", request.deadline().getEpochSecond());
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("kind", request.kind().wireName());
    top.put("signer", request.signer().toString());
    top.put("nonce", request.nonce());
    top.put("deadline", request.deadline().toString());
    top.put("payload", payload);
    top.put("signature", request.signature().toHex());
    return CanonicalJson.text(top);
  }

  private static Object wire(Object value) {
    if (value instanceof byte[] b) {
      return Hex.encode(b);
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof Address || value instanceof Hash32) {
      return value.toString();
    }
    return value;
  }

  /**
   * Reads a request.
   *
   * @throws AivmValidationException listing every problem with its JSON path
   */
  public static LedgerRequest read(String json) {
    List<Problem> problems = new ArrayList<>();
    Object doc = JsonTree.read(json, problems);
    Map<String, Object> top = doc == null ? null : ManifestJson.object("$", doc, problems);
    if (top == null) {
      throw new AivmValidationException(problems);
    }
    ManifestJson.keys("$", top, TOP, TOP, problems);
    String kindText = ManifestJson.string("$.kind", top.get("kind"), problems);
    LedgerRequestKind kind = kindText == null ? null : LedgerRequestKind.fromWire(kindText);
    if (kindText != null && kind == null) {
      problems.add(Problem.of("$.kind", "enum", kindText, "not a ledger request kind"));
    }
    Address signer = parse("$.signer", ManifestJson.string("$.signer", top.get("signer"), problems), Address::of,
        "an Ethereum address", problems);
    Long nonce = ManifestJson.integer("$.nonce", top.get("nonce"), problems);
    if (nonce != null && nonce < 0) {
      problems.add(Problem.of("$.nonce", "minimum", nonce, "a nonce is not negative"));
    }
    Instant deadline = parse("$.deadline", ManifestJson.string("$.deadline", top.get("deadline"), problems),
        LedgerRequestJson::instant, "an RFC 3339 time in whole seconds", problems);
    Signature signature = parse("$.signature", ManifestJson.string("$.signature", top.get("signature"), problems),
        Signature::fromHex, "a 65-byte r||s||v signature in hex", problems);
    Map<String, Object> payload = top.get("payload") == null ? null : ManifestJson.object("$.payload", top.get("payload"), problems);
    LedgerAction action = null;
    if (payload != null && kind != null) {
      action = action(kind, new Payload(payload, problems), nonce, deadline);
    }
    if (!problems.isEmpty()) {
      throw new AivmValidationException(problems);
    }
    return LedgerRequest.of(action, signer, nonce, deadline, signature);
  }

  private static Instant instant(String text) {
    Instant t = Instant.parse(text);
    if (t.getNano() != 0) {
      throw new DateTimeParseException("not whole seconds", text, 0);
    }
    return t;
  }

  private static LedgerAction action(LedgerRequestKind kind, Payload p, Long nonce, Instant deadline) {
    LedgerAction action;
    try {
      action = build(kind, p);
    } catch (AivmValidationException e) { // an action's own value rules (a rating of 6, epoch 0)
      for (Problem q : e.problems()) {
        p.problems.add(Problem.of("$.payload." + q.path(), q.rule(), q.value().orElse(null), q.message()));
      }
      action = null;
    }
    finish(action, p, nonce, deadline);
    return action;
  }

  private static LedgerAction build(LedgerRequestKind kind, Payload p) {
    return switch (kind) {
      case REGISTER_MODEL -> {
        ModelId model = p.model();
        Access access = p.get("access", text -> {
          Access a = Access.fromWire(text);
          if (a != Access.PUBLIC && a != Access.PRIVATE) {
            throw new IllegalArgumentException(text);
          }
          return a;
        }, "public or private");
        yield p.ok() ? new LedgerAction.RegisterModel(model, access) : null;
      }
      case PUBLISH_VERSION -> {
        ModelId model = p.model();
        Semver version = p.get("version", Semver::of, "a semantic version");
        Cid cid = p.get("manifestCid", Cid::of, "a CID");
        Hash32 hash = p.get("manifestHash", Hash32::of, "32 bytes in hex");
        yield p.ok() ? new LedgerAction.PublishVersion(model, version, cid, hash) : null;
      }
      case DEPRECATE_VERSION -> {
        ModelId model = p.model();
        Semver version = p.get("version", Semver::of, "a semantic version");
        String reason = p.get("reason", Function.identity(), "text");
        yield p.ok() ? new LedgerAction.DeprecateVersion(model, version, reason) : null;
      }
      case TRANSFER_OWNERSHIP -> {
        ModelId model = p.model();
        Address owner = p.get("newOwner", Address::of, "an Ethereum address");
        yield p.ok() ? new LedgerAction.TransferOwnership(model, owner) : null;
      }
      case REGISTER_NODE -> {
        Address node = p.get("node", Address::of, "an Ethereum address");
        EthPublicKey key = p.get("encryptionPublicKey", EthPublicKey::fromHex, "an uncompressed secp256k1 key in hex");
        String endpoint = p.get("endpoint", Function.identity(), "text");
        Signature registration = p.get("registrationSignature", Signature::fromHex, "a 65-byte signature in hex");
        yield p.ok() ? new LedgerAction.RegisterNode(node, key, endpoint, registration) : null;
      }
      case GRANT -> {
        ModelId model = p.model();
        Address node = p.get("node", Address::of, "an Ethereum address");
        Long epoch = p.integer("epoch");
        byte[] wrapped = p.get("wrappedKey", Hex::decode, "bytes in hex");
        String version = p.get("version", Function.identity(), "a semantic version or empty");
        Optional<Semver> limited = Optional.empty();
        if (version != null && !version.isEmpty()) {
          limited = Optional.ofNullable(p.convert("version", version, Semver::of, "a semantic version or empty"));
        }
        yield p.ok() ? new LedgerAction.Grant(model, node, epoch, wrapped, limited) : null;
      }
      case REVOKE -> {
        ModelId model = p.model();
        Address node = p.get("node", Address::of, "an Ethereum address");
        yield p.ok() ? new LedgerAction.Revoke(model, node) : null;
      }
      case ROTATE_EPOCH -> {
        ModelId model = p.model();
        Long epoch = p.integer("epoch");
        Long threshold = p.integer("threshold");
        byte[] commitment = p.get("keyCommitment", Hex::decode, "bytes in hex");
        yield p.ok() ? new LedgerAction.RotateEpoch(model, epoch, Math.toIntExact(Math.min(threshold, 256)), commitment) : null;
      }
      case REVIEW -> {
        ModelId model = p.model();
        Semver version = p.get("version", Semver::of, "a semantic version");
        Long rating = p.integer("rating");
        Cid text = p.get("textCid", Cid::of, "a CID");
        yield p.ok() ? new LedgerAction.Review(model, version, Math.toIntExact(Math.min(rating, 6)), text) : null;
      }
    };
  }

  private static void finish(LedgerAction action, Payload p, Long nonce, Instant deadline) {
    Long signedNonce = p.integer("nonce");
    Long signedDeadline = p.integer("deadline");
    if (signedNonce != null && nonce != null && !signedNonce.equals(nonce)) {
      p.problems.add(Problem.of("$.payload.nonce", "equal", signedNonce, "the payload's nonce is the request's, " + nonce));
    }
    if (signedDeadline != null && deadline != null && signedDeadline != deadline.getEpochSecond()) {
      p.problems.add(Problem.of("$.payload.deadline", "equal", signedDeadline,
          "the payload's deadline is the request's in Unix seconds, " + deadline.getEpochSecond()));
    }
    Set<String> expected = new HashSet<>(List.of("nonce", "deadline"));
    if (action != null) {
      for (TypedData.Field f : action.fields()) {
        expected.add(f.name());
      }
      ManifestJson.keys("$.payload", p.values, expected, expected, p.problems);
    }
  }

  /** The payload's values, read with problems named {@code $.payload.<field>}. */
  private static final class Payload {
    final Map<String, Object> values;
    final List<Problem> problems;
    private final int before;

    Payload(Map<String, Object> values, List<Problem> problems) {
      this.values = values;
      this.problems = problems;
      this.before = problems.size();
    }

    boolean ok() {
      return problems.size() == before;
    }

    ModelId model() {
      return get("model", ModelId::of, "a model name, org/model");
    }

    <T> T get(String field, Function<String, T> parse, String what) {
      String at = "$.payload." + field;
      if (!values.containsKey(field)) {
        problems.add(Problem.of(at, "required", "'" + field + "' is required for this kind"));
        return null;
      }
      String text = ManifestJson.string(at, values.get(field), problems);
      return text == null ? null : convert(field, text, parse, what);
    }

    <T> T convert(String field, String text, Function<String, T> parse, String what) {
      return parse("$.payload." + field, text, parse, what, problems);
    }

    Long integer(String field) {
      String at = "$.payload." + field;
      Object v = values.get(field);
      if (v == null) {
        problems.add(Problem.of(at, "required", "'" + field + "' is required for this kind"));
        return null;
      }
      Long n = v instanceof String s && s.matches("[0-9]{1,18}") ? Long.valueOf(s) : ManifestJson.integer(at, v, problems);
      if (n != null && (n < 0 || n > MAX_SAFE)) {
        problems.add(Problem.of(at, "range", n, "an integer from 0 to 2^53 - 1"));
        return null;
      }
      return n;
    }
  }

  private static <T> T parse(String at, String text, Function<String, T> parse, String what, List<Problem> problems) {
    if (text == null) {
      return null;
    }
    try {
      return parse.apply(text);
    } catch (RuntimeException e) {
      problems.add(Problem.of(at, "format", text, "not " + what));
      return null;
    }
  }
}
