package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.contract.GatewayContract;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.kernels.ReportedBenchmark;
import ai.nesa.aivm.sdk.kernels.Security;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.ledger.MutableClock;
import ai.nesa.aivm.sdk.models.Author;
import ai.nesa.aivm.sdk.models.ModelListParams;
import ai.nesa.aivm.sdk.models.ModelSummary;
import ai.nesa.aivm.sdk.models.Task;
import ai.nesa.aivm.sdk.storage.ContentIds;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /v1/models} on the devnet: every filter, sort and page, held to the gateway document. */
@ExtendWith(ContractTap.class)
class DevnetCatalogSearchTest {
  private static final EthPrivateKey ACME = key("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  private static final EthPrivateKey BETA = key("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  private static final GatewayContract DOCUMENT = GatewayContract.get();
  private static final MutableClock CLOCK = MutableClock.startingAt(Instant.parse("2026-11-25T10:00:00Z"));
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LocalAivmNetwork devnet;

  private static EthPrivateKey key(String hex) {
    return EthPrivateKey.fromBytes(Hex.decode(hex));
  }

  private static void apply(EthPrivateKey key, LedgerAction action) {
    EthSigner signer = EthSigner.of(key);
    LedgerReceipt r = devnet.ledger().submit(LedgerRequest.sign(action, signer, devnet.ledger().domain(),
        devnet.ledger().nextNonce(signer.address()), CLOCK.instant().plusSeconds(60)));
    assertEquals(LedgerReceipt.Status.APPLIED, r.status(), r.toString());
  }

  /** Registers and publishes a model, one minute after the previous one. */
  private static void model(EthPrivateKey owner, AivmConfig config, TinyModel weights) {
    CLOCK.advance(Duration.ofMinutes(1));
    PublishedKernel published = devnet.kernels().upload(KernelBundle.builder().config(config)
        .file("model.onnx", weights.bytes()).build(), config.security().orElseThrow().access().wireName().equals("private")
        ? ai.nesa.aivm.sdk.kernels.UploadOptions.builder().dataKey(ai.nesa.aivm.crypto.ChunkedEncryption.aes256Gcm().newKey()).build()
        : ai.nesa.aivm.sdk.kernels.UploadOptions.defaults());
    apply(owner, new LedgerAction.RegisterModel(config.name(), config.security().orElseThrow().access()));
    apply(owner, new LedgerAction.PublishVersion(config.name(), config.version(), published.manifestCid(),
        published.manifest().hash()));
  }

  private static AivmConfig config(AivmConfig preset, UnaryOperator<AivmConfig.Builder> change) {
    return change.apply(preset.toBuilder()).build();
  }

  @BeforeAll
  static void publishFour() {
    devnet = LocalAivmNetwork.builder().nodes(1).clock(CLOCK).start();
    model(ACME, config(Presets.onnxClassifier("acme/sentiment", "model.onnx"), b -> b
        .description("Byte-pair sentiment.\n\nSecond paragraph.").author(Author.builder().name("Acme Labs").build())
        .architecture("naive-bayes").parameterCount(131_072)
        .benchmark(new ReportedBenchmark("accuracy", 74.0, "%", null))), TinyModel.BYTE_PAIR_SENTIMENT);
    model(ACME, config(Presets.onnxTextGenerator("acme/bigram", "model.onnx"), b -> b
        .description("A byte bigram text generator.").author(Author.builder().name("Bob").build())
        .architecture("bigram").parameterCount(65_536)), TinyModel.BYTE_BIGRAM);
    model(BETA, config(Presets.onnxClassifier("beta/secret", "model.onnx"), b -> b
        .security(Security.privateAccess()).license("MIT").parameterCount(1_000_000)
        .benchmark(new ReportedBenchmark("accuracy", 80.0, "%", null))), TinyModel.BYTE_PAIR_SENTIMENT);
    model(BETA, config(Presets.onnxEmbedding("beta/embed", "model.onnx"), b -> b), TinyModel.BYTE_BIGRAM);
    CLOCK.advance(Duration.ofMinutes(1));
    apply(BETA, new LedgerAction.Review(ModelId.of("acme/bigram"), ai.nesa.aivm.sdk.Semver.of("0.1.0"), 5,
        ContentIds.v1Only().of(new byte[] {5}).cidV1()));
  }

  @AfterAll
  static void stop() {
    devnet.close();
  }

  private static JsonNode get(String query, int status) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(devnet.gateway().resolve("/v1/models" + query)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(status, response.statusCode(), query + ": " + response.body());
    assertEquals(List.of(), DOCUMENT.responseViolations("GET", "/v1/models", status, response.body()), response.body());
    return JsonMapper.builder().build().readTree(response.body());
  }

  private static List<String> ids(String query) throws Exception {
    List<String> out = new ArrayList<>();
    get(query, 200).get("data").forEach(m -> out.add(m.get("id").asString()));
    return out;
  }

  @Test
  void theDefaultIsNewestFirstWithFirstParagraphDescriptions() throws Exception {
    assertEquals(List.of("beta/embed", "beta/secret", "acme/bigram", "acme/sentiment"), ids(""));
    assertEquals(List.of("acme/sentiment", "acme/bigram", "beta/secret", "beta/embed"), ids("?order=asc"));
    JsonNode sentiment = get("?q=sentiment", 200).get("data").get(0);
    assertEquals("Byte-pair sentiment.", sentiment.get("description").asString());
  }

  @Test
  void textSearchMatchesEveryTermAndRanksNameMatchesFirst() throws Exception {
    assertEquals(List.of("acme/sentiment"), ids("?q=SENTIMENT"));
    assertEquals(List.of("acme/sentiment"), ids("?q=acme+labs"), "an author's name");
    assertEquals(List.of("acme/sentiment", "acme/bigram"), ids("?q=acme"), "both names match; Acme Labs adds a point");
    assertEquals(List.of("acme/bigram", "acme/sentiment"), ids("?q=byte"), "equal scores: by name");
    assertEquals(List.of("acme/bigram"), ids("?q=byte+bigram"), "every term must match");
    assertEquals(List.of(), ids("?q=zebra"));
  }

  @Test
  void everyFilterNarrowsTheList() throws Exception {
    assertEquals(List.of("beta/secret", "acme/sentiment"), ids("?task=text-classification"));
    assertEquals(4, ids("?runtime=onnx").size());
    assertEquals(List.of("acme/bigram"), ids("?architecture=BIGRAM"));
    assertEquals(List.of("beta/secret", "acme/sentiment"), ids("?minParameters=100000"));
    assertEquals(List.of("acme/bigram"), ids("?maxParameters=100000"));
    assertEquals(List.of("acme/sentiment"), ids("?minParameters=65537&maxParameters=131072"));
    assertEquals(List.of("beta/secret"), ids("?minBenchmark=accuracy:75"));
    assertEquals(List.of("beta/secret", "acme/sentiment"), ids("?minBenchmark=accuracy:74&minBenchmark=accuracy:0"));
    assertEquals(List.of("beta/embed", "beta/secret"), ids("?owner=" + EthSigner.of(BETA).address()));
    assertEquals(List.of("acme/bigram"), ids("?author=bob"));
    assertEquals(List.of("beta/secret"), ids("?license=MIT"));
    assertEquals(List.of("beta/secret"), ids("?access=private"));
    assertEquals(List.of(), ids("?tag=nlp"), "configs carry no tags");
    assertEquals(List.of("acme/sentiment"), ids("?task=text-classification&access=public"));
  }

  @Test
  void sortsByBenchmarkAndRating() throws Exception {
    assertEquals(List.of("beta/secret", "acme/sentiment", "acme/bigram", "beta/embed"), ids("?sort=benchmark:accuracy"));
    assertEquals(List.of("acme/sentiment", "beta/secret", "acme/bigram", "beta/embed"),
        ids("?sort=benchmark:accuracy&order=asc"), "models without the benchmark come last either way");
    assertEquals("acme/bigram", ids("?sort=rating").get(0));
    assertEquals(5.0, get("?q=bigram", 200).get("data").get(0).get("rating").get("average").asDouble());
  }

  @Test
  void pagesFollowTheirCursorToTheWholeList() throws Exception {
    JsonNode first = get("?limit=3", 200);
    assertEquals(3, first.get("data").size());
    JsonNode second = get("?limit=3&cursor=" + first.get("nextCursor").asString(), 200);
    assertEquals(1, second.get("data").size());
    assertTrue(second.get("nextCursor").isNull());
    List<String> all = new ArrayList<>();
    first.get("data").forEach(m -> all.add(m.get("id").asString()));
    second.get("data").forEach(m -> all.add(m.get("id").asString()));
    assertEquals(ids(""), all);
  }

  @Test
  void badParametersAreEachNamed() throws Exception {
    JsonNode bad = get("?limit=500&sort=best&order=up&minBenchmark=acc&owner=0x12&access=secret&colour=1", 400);
    List<String> paths = new ArrayList<>();
    bad.get("error").get("details").forEach(d -> paths.add(d.get("path").asString()));
    assertEquals(List.of("colour", "minBenchmark", "owner", "access", "sort", "order", "limit"), paths);
  }

  @Test
  void theSdksClientSearchesTheDevnet() {
    try (AivmClient client = AivmClient.builder().gateway(devnet.gateway()).build()) {
      List<ModelSummary> all = client.models().listAll(ModelListParams.builder().limit(2).build()).stream().toList();
      assertEquals(List.of("beta/embed", "beta/secret", "acme/bigram", "acme/sentiment"),
          all.stream().map(m -> m.id().toString()).toList());
      assertEquals(List.of("beta/secret", "acme/sentiment"), client.models()
          .list(p -> p.task(Task.TEXT_CLASSIFICATION)).items().stream().map(m -> m.id().toString()).toList());
    }
  }
}
