package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.NotFoundException;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.contract.GatewayContract;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.KernelExample;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.kernels.ReportedBenchmark;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.models.Access;
import ai.nesa.aivm.sdk.models.Author;
import ai.nesa.aivm.sdk.models.ModelDetails;
import ai.nesa.aivm.sdk.models.ModelVersion;
import ai.nesa.aivm.sdk.models.ReviewListParams;
import ai.nesa.aivm.sdk.storage.ContentIds;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A model's details, versions and one version, read from the ledger and the store, held to the gateway document. */
@ExtendWith(ContractTap.class)
class DevnetCatalogTest {
  private static final EthPrivateKey OWNER = EthPrivateKey.fromBytes(
      Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")); // anvil account 0
  private static final EthPrivateKey REVIEWER = EthPrivateKey.fromBytes(
      Hex.decode("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d")); // anvil account 1
  private static final ModelId MODEL = ModelId.of("acme/sentiment");
  private static final GatewayContract DOCUMENT = GatewayContract.get();

  private final HttpClient http = HttpClient.newHttpClient();
  private LocalAivmNetwork devnet;

  @BeforeEach
  void setUp() {
    devnet = LocalAivmNetwork.builder().nodes(1).start();
  }

  @AfterEach
  void tearDown() {
    devnet.close();
  }

  private void apply(EthPrivateKey key, LedgerAction action) {
    EthSigner signer = EthSigner.of(key);
    LedgerReceipt r = devnet.ledger().submit(LedgerRequest.sign(action, signer, devnet.ledger().domain(),
        devnet.ledger().nextNonce(signer.address()), Instant.now().plusSeconds(60)));
    assertEquals(LedgerReceipt.Status.APPLIED, r.status(), r.toString());
  }

  private PublishedKernel publish(String version, double accuracy) {
    AivmConfig config = Presets.onnxClassifier(MODEL.toString(), "model.onnx").toBuilder()
        .version(Semver.of(version))
        .description("Byte-pair sentiment.\n\nA tiny classifier for the devnet.")
        .author(Author.builder().name("Acme Labs").build())
        .architecture("naive-bayes")
        .parameterCount(131_072)
        .benchmark(new ReportedBenchmark("accuracy", accuracy, "%", "tiny-sentiment"))
        .example(KernelExample.inline("a happy one", "\"I loved it\"", "[-10.2, -9.8]"))
        .build();
    PublishedKernel published = devnet.kernels().upload(KernelBundle.builder().config(config)
        .file("model.onnx", TinyModel.BYTE_PAIR_SENTIMENT.bytes()).build());
    apply(OWNER, new LedgerAction.PublishVersion(MODEL, config.version(), published.manifestCid(), published.manifest().hash()));
    return published;
  }

  private JsonNode get(String path, String template, int status) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(devnet.gateway().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(status, response.statusCode(), path + ": " + response.body());
    assertEquals(List.of(), DOCUMENT.responseViolations("GET", template, status, response.body()), response.body());
    return JsonMapper.builder().build().readTree(response.body());
  }

  @Test
  void aPublishedModelsDetailsComeFromItsLatestVersion() throws Exception {
    apply(OWNER, new LedgerAction.RegisterModel(MODEL, Access.PUBLIC));
    assertEquals("model_not_found", get("/v1/models/acme/sentiment", "/v1/models/{org}/{name}", 404)
        .get("error").get("code").asString(), "registered but not published: not in the catalog yet");
    PublishedKernel v1 = publish("0.1.0", 71.5);
    PublishedKernel v2 = publish("0.2.0", 74.0);
    apply(REVIEWER, new LedgerAction.Review(MODEL, Semver.of("0.2.0"), 4, ContentIds.v1Only().of(new byte[] {1}).cidV1()));
    apply(OWNER, new LedgerAction.DeprecateVersion(MODEL, Semver.of("0.1.0"), "use 0.2.0"));

    JsonNode details = get("/v1/models/acme/sentiment", "/v1/models/{org}/{name}", 200);
    assertEquals("acme/sentiment", details.get("id").asString());
    assertEquals(EthSigner.of(OWNER).address().toString(), details.get("owner").asString());
    assertEquals("text-classification", details.get("task").asString());
    assertEquals("onnx", details.get("runtime").asString());
    assertEquals("naive-bayes", details.get("architecture").asString());
    assertEquals(131_072, details.get("parameterCount").asLong());
    assertEquals("Acme Labs", details.get("authors").get(0).get("name").asString());
    assertEquals("0.2.0", details.get("latestVersion").asString());
    assertEquals("public", details.get("access").asString());
    assertEquals(4.0, details.get("rating").get("average").asDouble());
    assertEquals(1, details.get("rating").get("count").asLong());
    assertEquals(74.0, details.get("benchmarks").get(0).get("value").asDouble(), "the latest version's benchmarks");
    assertEquals("self_reported", details.get("benchmarks").get(0).get("verification").asString());

    List<String> order = new ArrayList<>();
    details.get("versions").forEach(v -> order.add(v.get("version").asString()));
    assertEquals(List.of("0.2.0", "0.1.0"), order, "newest first");
    JsonNode versions = get("/v1/models/acme/sentiment/versions", "/v1/models/{org}/{name}/versions", 200);
    assertEquals(details.get("versions"), versions.get("data"));

    JsonNode old = get("/v1/models/acme/sentiment/versions/0.1.0", "/v1/models/{org}/{name}/versions/{version}", 200);
    assertEquals(v1.manifestCid().value(), old.get("manifestCid").asString());
    assertEquals(v1.manifest().hash().toString(), old.get("manifestHash").asString());
    assertTrue(old.get("deprecated").asBoolean());
    assertEquals(v1.manifest().files().stream().mapToLong(f -> f.size()).sum(), old.get("sizeBytes").asLong());
    assertEquals(v2.manifestCid().value(), get("/v1/models/acme/sentiment/versions/0.2.0",
        "/v1/models/{org}/{name}/versions/{version}", 200).get("manifestCid").asString());
  }

  @Test
  void theSdksOwnClientReadsTheModelFromTheDevnet() {
    apply(OWNER, new LedgerAction.RegisterModel(MODEL, Access.PUBLIC));
    PublishedKernel published = publish("0.1.0", 71.5);
    try (AivmClient client = AivmClient.builder().gateway(devnet.gateway()).build()) {
      ModelDetails details = client.models().get(MODEL);
      assertEquals(MODEL, details.summary().id());
      assertEquals(EthSigner.of(OWNER).address(), details.summary().owner());
      assertEquals(1, details.versions().size());
      ModelVersion version = client.models().version(MODEL, Semver.of("0.1.0"));
      assertEquals(published.manifestCid(), version.manifestCid());
      assertEquals(published.manifest().hash(), version.manifestHash());
      assertEquals(71.5, details.benchmarks().get(0).value());
      assertEquals(71.5, client.models().benchmarks(MODEL).get(0).value());
      assertEquals("\"I loved it\"", client.models().examples(MODEL).get(0).input(), "the input as JSON text");
      apply(REVIEWER, new LedgerAction.Review(MODEL, Semver.of("0.1.0"), 4, ContentIds.v1Only().of(new byte[] {2}).cidV1()));
      assertEquals(4, client.models().reviewsAll(MODEL, ReviewListParams.none()).stream().findFirst().orElseThrow().rating());
      assertThrows(NotFoundException.class, () -> client.models().get(ModelId.of("acme/missing")));
    }
  }

  @Test
  void benchmarksReviewsAndExamplesOfTheLatestOrANamedVersion() throws Exception {
    apply(OWNER, new LedgerAction.RegisterModel(MODEL, Access.PUBLIC));
    publish("0.1.0", 71.5);
    publish("0.2.0", 74.0);
    byte[] text = "Works well on short reviews.".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    var textCid = devnet.store().put(new java.io.ByteArrayInputStream(text)).cid();
    apply(REVIEWER, new LedgerAction.Review(MODEL, Semver.of("0.1.0"), 3, ContentIds.v1Only().of(new byte[] {9}).cidV1()));
    apply(REVIEWER, new LedgerAction.Review(MODEL, Semver.of("0.2.0"), 5, textCid));

    assertEquals(74.0, get("/v1/models/acme/sentiment/benchmarks", "/v1/models/{org}/{name}/benchmarks", 200)
        .get("data").get(0).get("value").asDouble());
    assertEquals(71.5, get("/v1/models/acme/sentiment/benchmarks?version=0.1.0", "/v1/models/{org}/{name}/benchmarks", 200)
        .get("data").get(0).get("value").asDouble());

    JsonNode reviews = get("/v1/models/acme/sentiment/reviews", "/v1/models/{org}/{name}/reviews", 200);
    assertEquals(2, reviews.get("data").size());
    assertEquals("0.2.0", reviews.get("data").get(0).get("version").asString(), "newest first");
    assertEquals("Works well on short reviews.", reviews.get("data").get(0).get("text").asString(), "fetched from the store");
    assertTrue(!reviews.get("data").get(1).has("text"), "a text the store does not hold is left out; its CID stays");
    JsonNode onePage = get("/v1/models/acme/sentiment/reviews?limit=1", "/v1/models/{org}/{name}/reviews", 200);
    assertEquals("1", onePage.get("nextCursor").asString());
    assertEquals(1, get("/v1/models/acme/sentiment/reviews?version=0.1.0", "/v1/models/{org}/{name}/reviews", 200)
        .get("data").size());

    JsonNode examples = get("/v1/models/acme/sentiment/examples", "/v1/models/{org}/{name}/examples", 200);
    assertEquals("0.2.0", examples.get("data").get(0).get("version").asString());
    assertEquals("I loved it", examples.get("data").get(0).get("input").asString());

    assertEquals("version_not_found", get("/v1/models/acme/sentiment/benchmarks?version=3.0.0",
        "/v1/models/{org}/{name}/benchmarks", 404).get("error").get("code").asString());
    assertEquals("invalid_parameter", get("/v1/models/acme/sentiment/reviews?limit=0&sort=x",
        "/v1/models/{org}/{name}/reviews", 400).get("error").get("code").asString());
    assertEquals("model_not_found", get("/v1/models/acme/missing/examples", "/v1/models/{org}/{name}/examples", 404)
        .get("error").get("code").asString());
  }

  @Test
  void unknownModelsAndVersionsAre404() throws Exception {
    assertEquals("model_not_found", get("/v1/models/acme/missing", "/v1/models/{org}/{name}", 404)
        .get("error").get("code").asString());
    assertEquals("model_not_found", get("/v1/models/acme/missing/versions", "/v1/models/{org}/{name}/versions", 404)
        .get("error").get("code").asString());
    apply(OWNER, new LedgerAction.RegisterModel(MODEL, Access.PUBLIC));
    publish("0.1.0", 70.0);
    assertEquals("version_not_found", get("/v1/models/acme/sentiment/versions/9.9.9",
        "/v1/models/{org}/{name}/versions/{version}", 404).get("error").get("code").asString());
    assertEquals("version_not_found", get("/v1/models/acme/sentiment/versions/latest",
        "/v1/models/{org}/{name}/versions/{version}", 404).get("error").get("code").asString());
    assertEquals("model_not_found", get("/v1/models/ACME/Sentiment", "/v1/models/{org}/{name}", 404)
        .get("error").get("code").asString());
  }
}
