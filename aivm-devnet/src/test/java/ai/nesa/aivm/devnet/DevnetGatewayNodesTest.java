package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.contract.GatewayContract;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.models.Access;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The devnet gateway's nodes endpoints, every answer held to the gateway document. */
@ExtendWith(ContractTap.class)
class DevnetGatewayNodesTest {
  private static final EthPrivateKey OWNER = EthPrivateKey.fromBytes(
      Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")); // anvil account 0
  private static final GatewayContract DOCUMENT = GatewayContract.get();

  private final HttpClient http = HttpClient.newHttpClient();
  private LocalAivmNetwork devnet;

  @BeforeEach
  void setUp() {
    devnet = LocalAivmNetwork.builder().nodes(3).start();
  }

  @AfterEach
  void tearDown() {
    devnet.close();
  }

  private JsonNode get(String pathAndQuery, String template, int status) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(devnet.gateway().resolve(pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(status, response.statusCode(), pathAndQuery + ": " + response.body());
    assertEquals(List.of(), DOCUMENT.responseViolations("GET", template, status, response.body()), response.body());
    return JsonMapper.builder().build().readTree(response.body());
  }

  private List<String> addresses(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.get("data").forEach(n -> out.add(n.get("address").asString()));
    return out;
  }

  private List<String> nodes(int... indexes) {
    List<String> out = new ArrayList<>();
    for (int i : indexes) {
      out.add(devnet.nodes().get(i).address().toString());
    }
    return out;
  }

  private void apply(LedgerAction action) {
    EthSigner owner = EthSigner.of(OWNER);
    LedgerReceipt r = devnet.ledger().submit(LedgerRequest.sign(action, owner, devnet.ledger().domain(),
        devnet.ledger().nextNonce(owner.address()), Instant.now().plusSeconds(60)));
    assertEquals(LedgerReceipt.Status.APPLIED, r.status(), r.toString());
  }

  @Test
  void theNodesAreListedInOrderOfRegistrationWithTheirKeys() throws Exception {
    JsonNode page = get("/v1/nodes", "/v1/nodes", 200);
    assertEquals(nodes(0, 1, 2), addresses(page));
    assertTrue(page.get("nextCursor").isNull());
    JsonNode first = page.get("data").get(0);
    assertEquals(Hex.encode(devnet.nodes().get(0).encryptionPublicKey().uncompressed()), first.get("encryptionPublicKey").asString());
    assertEquals("devnet:node-1", first.get("endpoint").asString());
    assertEquals("online", first.get("status").asString());
    assertEquals(first, get("/v1/nodes/" + nodes(0).get(0), "/v1/nodes/{address}", 200));
  }

  @Test
  void pagesFollowTheirCursor() throws Exception {
    JsonNode one = get("/v1/nodes?limit=2", "/v1/nodes", 200);
    assertEquals(nodes(0, 1), addresses(one));
    JsonNode two = get("/v1/nodes?limit=2&cursor=" + one.get("nextCursor").asString(), "/v1/nodes", 200);
    assertEquals(nodes(2), addresses(two));
    assertTrue(two.get("nextCursor").isNull());
  }

  @Test
  void filtersCombineWithAnd() throws Exception {
    assertEquals(nodes(0, 1, 2), addresses(get("/v1/nodes?status=online&capability=onnx", "/v1/nodes", 200)));
    assertEquals(List.of(), addresses(get("/v1/nodes?status=offline", "/v1/nodes", 200)));
    assertEquals(List.of(), addresses(get("/v1/nodes?capability=onnx&capability=gpu", "/v1/nodes", 200)));

    ModelId secret = ModelId.of("acme/secret");
    apply(new LedgerAction.RegisterModel(secret, Access.PRIVATE));
    apply(new LedgerAction.Grant(secret, devnet.nodes().get(1).address(), 0, new byte[129], Optional.empty()));
    ModelId open = ModelId.of("acme/open");
    apply(new LedgerAction.RegisterModel(open, Access.PUBLIC));
    assertEquals(nodes(1), addresses(get("/v1/nodes?model=acme/secret", "/v1/nodes", 200)), "only the granted node");
    assertEquals(nodes(0, 1, 2), addresses(get("/v1/nodes?model=acme/open", "/v1/nodes", 200)));
    assertEquals(List.of(), addresses(get("/v1/nodes?model=acme/unknown", "/v1/nodes", 200)));
  }

  @Test
  void badParametersAreEachNamed() throws Exception {
    JsonNode bad = get("/v1/nodes?limit=0&status=asleep&capability=GPU!&model=nope&colour=red", "/v1/nodes", 400);
    assertEquals("invalid_parameter", bad.get("error").get("code").asString());
    List<String> paths = new ArrayList<>();
    bad.get("error").get("details").forEach(d -> paths.add(d.get("path").asString()));
    assertEquals(List.of("colour", "status", "capability", "model", "limit"), paths);
    assertEquals("node_not_found", get("/v1/nodes/0x0000000000000000000000000000000000000001", "/v1/nodes/{address}", 404)
        .get("error").get("code").asString());
    assertEquals("node_not_found", get("/v1/nodes/nonsense", "/v1/nodes/{address}", 404).get("error").get("code").asString());
  }
}
