package ai.nesa.aivm.sdk;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.AivmValidationException;
import static ai.nesa.aivm.sdk.TestClients.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.sdk.logging.CapturedLogs;
import ai.nesa.aivm.sdk.models.ModelListParams;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Building, configuring, sharing and closing clients; and what they send and log. */
class ClientTest {
  private static final String SECRET = "sk-live-7f3a9c0e1b2d4f6a";

  @StartStop
  private final MockWebServer server = new MockWebServer();

  @Test
  void fromEnvReadsTheGatewayAndTheKey() {
    AivmClient.Builder b = AivmClient.builder().fromEnv(Map.of(
        AivmClient.ENV_GATEWAY, server.url("/").toString(), AivmClient.ENV_API_KEY, SECRET));
    try (AivmClient client = b.build()) {
      assertEquals(server.url("/").uri(), client.gateway());
    }
  }

  @Test
  void fromEnvWithoutAGatewayNamesTheVariable() {
    AivmValidationException e = assertThrows(AivmValidationException.class,
        () -> AivmClient.builder().fromEnv(Map.of()));
    assertEquals(AivmClient.ENV_GATEWAY, e.problems().get(0).path());
  }

  @Test
  void aClientNeedsAnAbsoluteHttpGateway() {
    assertEquals("gateway", assertThrows(AivmValidationException.class, () -> AivmClient.builder().build())
        .problems().get(0).path());
    assertThrows(AivmValidationException.class, () -> AivmClient.builder().gateway("ftp://example.org"));
    assertThrows(AivmValidationException.class, () -> AivmClient.builder().gateway("not a url"));
    assertThrows(AivmValidationException.class, () -> AivmClient.builder().readTimeout(java.time.Duration.ZERO));
  }

  @Test
  void aWalletWithoutALedgerIsRefusedAndAClientWithoutAWalletCannotWrite() {
    EthSigner wallet = EthSigner.of(EthPrivateKey.fromBytes(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32}));
    AivmValidationException e = assertThrows(AivmValidationException.class,
        () -> AivmClient.builder().gateway(server.url("/").uri()).wallet(wallet).build());
    assertEquals("ledger", e.problems().get(0).path());

    try (AivmClient client = TestClients.builder(server, new RecordingSleeper()).build()) {
      IllegalStateException noWallet = assertThrows(IllegalStateException.class, () -> client.models().review(r -> r
          .model(ModelId.of("acme/m")).version(Semver.of("1.0.0")).rating(5).text("good")));
      assertTrue(noWallet.getMessage().contains("wallet"), noWallet.getMessage());
    }
  }

  @Test
  void theKeyIsSentAsABearerTokenWithTheUserAgent() throws Exception {
    server.enqueue(fixture("catalog/model-page-last.json"));
    try (AivmClient client = TestClients.builder(server, new RecordingSleeper())
        .apiKey(SECRET).applicationName("shop/2.1").build()) {
      client.models().list(ModelListParams.none());
    }
    RecordedRequest request = server.takeRequest();
    assertEquals("Bearer " + SECRET, request.getHeaders().get("Authorization"));
    String agent = request.getHeaders().get("User-Agent");
    assertTrue(agent.matches("aivm-java-sdk/\\S+ \\(Java [^;]+; [^)]+\\) shop/2\\.1"), agent);
    assertFalse(agent.contains("unknown"), "the SDK version is filled in by the build: " + agent);
  }

  @Test
  void noKeyNoAuthorizationHeader() throws Exception {
    server.enqueue(fixture("catalog/model-page-last.json"));
    try (AivmClient client = TestClients.builder(server, new RecordingSleeper()).build()) {
      client.models().list(ModelListParams.none());
    }
    assertNull(server.takeRequest().getHeaders().get("Authorization"));
  }

  @Test
  void theKeyNeverReachesToStringExceptionsOrLogs() {
    server.enqueue(TestClients.json(401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"bad key\"}}"));
    CapturedLogs.clear();
    AivmClient.Builder builder = TestClients.builder(server, new RecordingSleeper()).apiKey(SECRET);
    try (AivmClient client = builder.build()) {
      AivmException e = assertThrows(AivmException.class, () -> client.models().list(ModelListParams.none()));
      assertFalse(e.getMessage().contains(SECRET));
      assertFalse(client.toString().contains(SECRET), client.toString());
      assertFalse(client.async().toString().contains(SECRET));
      assertFalse(builder.toString().contains(SECRET));
    }
    List<String> lines = CapturedLogs.lines();
    assertTrue(lines.stream().anyMatch(l -> l.contains("--> GET") && l.contains("Authorization: ██")),
        "traffic is logged at debug with the key redacted: " + lines);
    assertTrue(lines.stream().noneMatch(l -> l.contains(SECRET)), lines.toString());
  }

  @Test
  void aSharedPoolOutlivesTheFirstClientAndAsyncSharesIt() {
    server.enqueue(fixture("catalog/model-page-last.json"));
    server.enqueue(fixture("catalog/model-page-last.json"));
    AivmClient first = TestClients.builder(server, new RecordingSleeper()).build();
    AivmClient second = first.newBuilder().applicationName("second/1").build();
    first.close();
    first.close();

    assertNotNull(second.models().list(ModelListParams.none()));
    assertNotNull(second.async().models().list(ModelListParams.none()).join());
    assertEquals(second, second.async().sync());
    second.close();
    assertEquals(2, server.getRequestCount());
  }
}
