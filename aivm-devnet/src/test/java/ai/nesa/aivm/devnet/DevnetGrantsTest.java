package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.access.Wallet;
import ai.nesa.aivm.sdk.inference.Receipt;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.kernels.Security;
import ai.nesa.aivm.sdk.ledger.GrantRecord;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** The grants' read side, which a verifier checks a private model's receipt signers against. */
@ExtendWith(ContractTap.class)
class DevnetGrantsTest {
  private LocalAivmNetwork devnet;
  private GatewayCalls gateway;

  @BeforeEach
  void setUp() {
    devnet = LocalAivmNetwork.builder().nodes(3).start();
    gateway = new GatewayCalls(devnet);
    TinyKernels.privateClassifier(devnet, "acme/secret", List.of(devnet.nodes().get(0), devnet.nodes().get(2)));
  }

  @AfterEach
  void tearDown() {
    devnet.close();
  }

  private String grantPath(int node) {
    return "/v1/models/acme/secret/grants/" + devnet.nodes().get(node).address();
  }

  @Test
  void aGrantedNodesGrantIsTheLedgersAndAnUngrantedOneHasNone() throws Exception {
    GrantRecord recorded = devnet.ledger().grants(ModelId.of("acme/secret")).get(0);
    JsonNode grant = gateway.get(grantPath(0), 200);
    assertEquals(devnet.nodes().get(0).address().toString(), grant.get("node").asString());
    assertEquals(1, grant.get("epoch").asLong());
    assertEquals("ecies-secp256k1", grant.get("scheme").asString());
    assertEquals(Hex.encode(recorded.wrappedKey()), grant.get("wrappedKey").asString());
    assertFalse(grant.has("version"), "it covers every version of its epoch");
    assertEquals("grant_not_found", gateway.get(grantPath(1), 404).get("error").get("code").asString());
    assertEquals("grant_not_found", gateway.get(grantPath(0) + "?epoch=0", 404).get("error").get("code").asString());
    assertEquals(grant, gateway.get(grantPath(0) + "?epoch=1&version=0.1.0", 200));
    assertEquals("model_not_found", gateway.get("/v1/models/acme/none/grants/" + devnet.nodes().get(0).address(), 404)
        .get("error").get("code").asString());
    assertEquals("node", gateway.get("/v1/models/acme/secret/grants/0x12", 400).get("error").get("details").get(0)
        .get("path").asString());
    JsonNode list = gateway.get("/v1/models/acme/secret/grants", 200);
    assertEquals(2, list.get("data").size());
  }

  @Test
  void everyReceiptOfAPrivateModelIsSignedByANodeHoldingAGrant() throws Exception {
    String dep = gateway.deployReady("{\"model\":\"acme/secret\",\"nodes\":{\"minimum\":2}}");
    JsonNode result = gateway.post("/v1/deployments/" + dep + "/inferences",
        "{\"input\":{\"type\":\"text\",\"text\":\"a wonderful happy result\"}}", 200);
    List<Receipt> receipts = InferenceAnswers.receipts(result);
    assertEquals(2, receipts.size());
    for (Receipt r : receipts) {
      assertTrue(r.isSignedBy(devnet.ledger().domain()));
      assertEquals(r.node().toString(), gateway.get("/v1/models/acme/secret/grants/" + r.node(), 200).get("node")
          .asString());
    }
  }

  @Test
  void aKOfNModelsGrantsAreSharesWithTheirThreshold() throws Exception {
    ModelId model = ModelId.of("acme/shared");
    try (AivmClient client = AivmClient.builder().gateway(devnet.gateway()).store(devnet.store())
        .ledger(devnet.ledger()).wallet(Wallet.of(TinyKernels.OWNER)).build()) {
      client.access().publish(KernelBundle.builder()
          .config(Presets.onnxClassifier(model.toString(), "model.onnx").toBuilder().security(Security.privateAccess())
              .build())
          .file("model.onnx", TinyModel.BYTE_PAIR_SENTIMENT.bytes()).build());
      client.access().authorizeThreshold(model, 2, List.of(devnet.nodes().get(0).address(),
          devnet.nodes().get(1).address(), devnet.nodes().get(2).address()));
    }
    JsonNode list = gateway.get("/v1/models/acme/shared/grants", 200);
    assertEquals(3, list.get("data").size());
    for (JsonNode grant : list.get("data")) {
      assertEquals("shamir-ecies", grant.get("scheme").asString());
      assertEquals(2, grant.get("threshold").asInt());
      assertEquals(1, grant.get("epoch").asLong());
    }
  }
}
