package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.contract.GatewayContract;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.models.Access;
import ai.nesa.aivm.sdk.storage.KernelStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The devnet gateway's ledger relay, every answer held to the gateway document. */
class DevnetGatewayTest {
  private static final EthPrivateKey OWNER = EthPrivateKey.fromBytes(
      Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")); // anvil account 0
  private static final EthPrivateKey STRANGER = EthPrivateKey.fromBytes(
      Hex.decode("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d")); // anvil account 1
  private static final ModelId MODEL = ModelId.of("acme/sentiment");
  private static final GatewayContract DOCUMENT = GatewayContract.get();

  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;
  private InMemoryLedger ledger;
  private KernelStore store;
  private DevnetGateway gateway;

  @BeforeEach
  void setUp() {
    ledger = InMemoryLedger.create();
    store = KernelStore.localDirectory(dir.resolve("store"));
    gateway = DevnetGateway.start(ledger, List.of(), store, 0);
  }

  @AfterEach
  void tearDown() {
    gateway.close();
    store.close();
    ledger.close();
  }

  /** Calls the gateway and checks the answer against the document's operation {@code template}. */
  private JsonNode call(String method, String path, String template, String body, int status) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.uri() + path));
    b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
        : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(status, response.statusCode(), method + " " + path + ": " + response.body());
    assertTrue(response.headers().firstValue("X-Request-Id").isPresent(), "every answer names its request");
    List<String> violations = template == null ? DOCUMENT.schemaViolations("ErrorResponse", response.body())
        : DOCUMENT.responseViolations(method, template, status, response.body());
    assertEquals(List.of(), violations, method + " " + path + " " + status + ": " + response.body());
    return JsonMapper.builder().build().readTree(response.body());
  }

  private String signed(EthPrivateKey key, LedgerAction action, long nonce) {
    return LedgerRequest.sign(action, EthSigner.of(key), ledger.domain(), nonce, Instant.now().plusSeconds(60)).toJson();
  }

  @Test
  void theDomainAndNoncesAreServed() throws Exception {
    JsonNode domain = call("GET", "/v1/ledger/domain", "/v1/ledger/domain", null, 200);
    assertEquals(31337, domain.get("chainId").asLong());
    assertEquals(InMemoryLedger.DEFAULT_CONTRACT.toString(), domain.get("verifyingContract").asString());
    String owner = EthSigner.of(OWNER).address().toString();
    assertEquals(0, call("GET", "/v1/ledger/nonces/" + owner, "/v1/ledger/nonces/{address}", null, 200)
        .get("nextNonce").asLong());
    JsonNode bad = call("GET", "/v1/ledger/nonces/0x1234", "/v1/ledger/nonces/{address}", null, 400);
    assertEquals("invalid_parameter", bad.get("error").get("code").asString());
  }

  @Test
  void aSignedRequestIsRelayedAppliedAndItsReceiptKept() throws Exception {
    JsonNode receipt = call("POST", "/v1/ledger/requests", "/v1/ledger/requests",
        signed(OWNER, new LedgerAction.RegisterModel(MODEL, Access.PUBLIC), 0), 200);
    assertEquals("applied", receipt.get("status").asString());
    assertEquals("register_model", receipt.get("kind").asString());
    assertEquals("1", receipt.get("eventId").asString());
    String id = receipt.get("requestId").asString();
    assertEquals(receipt, call("GET", "/v1/ledger/requests/" + id, "/v1/ledger/requests/{id}", null, 200));
    assertEquals(EthSigner.of(OWNER).address(), ledger.model(MODEL).orElseThrow().owner());
    assertEquals(1, call("GET", "/v1/ledger/nonces/" + EthSigner.of(OWNER).address(), "/v1/ledger/nonces/{address}",
        null, 200).get("nextNonce").asLong());
  }

  @Test
  void arrivalRefusalsAre4xxWithTheLedgersCodeAndRuleRefusalsAreRejectedReceipts() throws Exception {
    call("POST", "/v1/ledger/requests", "/v1/ledger/requests", signed(OWNER, new LedgerAction.RegisterModel(MODEL, Access.PUBLIC), 0), 200);

    JsonNode staleNonce = call("POST", "/v1/ledger/requests", "/v1/ledger/requests",
        signed(OWNER, new LedgerAction.DeprecateVersion(MODEL, ai.nesa.aivm.sdk.Semver.of("1.0.0"), ""), 0), 409);
    assertEquals("nonce_mismatch", staleNonce.get("error").get("code").asString());

    String tampered = signed(OWNER, new LedgerAction.RegisterModel(ModelId.of("acme/other"), Access.PUBLIC), 1)
        .replace("acme/other", "acme/otter");
    assertEquals("invalid_signature", call("POST", "/v1/ledger/requests", "/v1/ledger/requests", tampered, 400)
        .get("error").get("code").asString());

    JsonNode stranger = call("POST", "/v1/ledger/requests", "/v1/ledger/requests",
        signed(STRANGER, new LedgerAction.TransferOwnership(MODEL, EthSigner.of(STRANGER).address()), 0), 403);
    assertEquals("not_allowed", stranger.get("error").get("code").asString());

    JsonNode conflict = call("POST", "/v1/ledger/requests", "/v1/ledger/requests",
        signed(OWNER, new LedgerAction.RegisterModel(MODEL, Access.PRIVATE), 1), 200);
    assertEquals("rejected", conflict.get("status").asString());
    assertEquals("conflict", conflict.get("error").get("code").asString());
  }

  @Test
  void badBodiesAreNamedAndNothingReachesTheLedger() throws Exception {
    String good = signed(OWNER, new LedgerAction.Review(MODEL, ai.nesa.aivm.sdk.Semver.of("1.0.0"), 4,
        ai.nesa.aivm.sdk.storage.ContentIds.v1Only().of(new byte[] {1}).cidV1()), 0);
    JsonNode invalid = call("POST", "/v1/ledger/requests", "/v1/ledger/requests", good.replace("\"rating\":4", "\"rating\":9"), 400);
    assertEquals("invalid_request", invalid.get("error").get("code").asString());
    assertEquals("$.payload.rating", invalid.get("error").get("details").get(0).get("path").asString());

    assertEquals("invalid_request", call("POST", "/v1/ledger/requests", "/v1/ledger/requests", "{not json", 400)
        .get("error").get("code").asString());
    String huge = "{\"pad\":\"" + "x".repeat(DevnetGateway.MAX_BODY) + "\"}";
    JsonNode tooLarge = call("POST", "/v1/ledger/requests", "/v1/ledger/requests", huge, 413);
    assertEquals("payload_too_large", tooLarge.get("error").get("code").asString());
    assertTrue(tooLarge.get("error").get("message").asString().contains(Integer.toString(DevnetGateway.MAX_BODY)));
    assertEquals(List.of(), ledger.events(0, 10), "nothing reached the ledger");
  }

  @Test
  void aConfigIsValidatedWithEveryProblemNamed() throws Exception {
    String good = ai.nesa.aivm.sdk.kernels.Presets.onnxClassifier("acme/sentiment", "model.onnx").toJson();
    JsonNode ok = call("POST", "/v1/kernels/validate", "/v1/kernels/validate", good, 200);
    assertTrue(ok.get("valid").asBoolean());
    assertEquals(0, ok.get("problems").size());

    String broken = good.replaceAll("\"version\"\\s*:\\s*\"0\\.1\\.0\"", "\"version\": \"1.0\"")
        .replace("\"onnx\"", "\"tensorflow\"");
    assertTrue(!broken.contains("0.1.0") && broken.contains("tensorflow"), broken);
    JsonNode report = call("POST", "/v1/kernels/validate", "/v1/kernels/validate", broken, 200);
    assertEquals(false, report.get("valid").asBoolean());
    List<String> paths = new java.util.ArrayList<>();
    report.get("problems").forEach(p -> paths.add(p.get("path").asString()));
    assertTrue(paths.contains("$.version") && paths.contains("$.runtime.engine"), paths.toString());

    assertEquals("invalid_request", call("POST", "/v1/kernels/validate", "/v1/kernels/validate", "[1, 2]", 400)
        .get("error").get("code").asString());
    String huge = "{\"pad\":\"" + "x".repeat(DevnetGateway.MAX_BODY) + "\"}";
    assertEquals("payload_too_large", call("POST", "/v1/kernels/validate", "/v1/kernels/validate", huge, 413)
        .get("error").get("code").asString());
  }

  @Test
  void unknownPathsAndRequestsAre404() throws Exception {
    assertEquals("ledger_request_not_found", call("GET", "/v1/ledger/requests/req-99", "/v1/ledger/requests/{id}", null, 404)
        .get("error").get("code").asString());
    assertEquals("not_found", call("GET", "/v1/nothing", null, null, 404).get("error").get("code").asString());
    assertEquals("method_not_allowed", call("DELETE", "/v1/ledger/domain", null, null, 405)
        .get("error").get("code").asString());
  }
}
