package ai.nesa.aivm.sdk.inference;

import static ai.nesa.aivm.sdk.inference.FakeInferenceGateway.NODES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.AivmServiceException;
import ai.nesa.aivm.sdk.AivmTimeoutException;
import ai.nesa.aivm.sdk.BadRequestException;
import ai.nesa.aivm.sdk.RecordingSleeper;
import ai.nesa.aivm.sdk.TestClients;
import ai.nesa.aivm.sdk.UnexpectedResponseException;
import ai.nesa.aivm.sdk.contract.GatewayContract;
import ai.nesa.aivm.sdk.kernels.Consensus;
import ai.nesa.aivm.sdk.ledger.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The inference client against a gateway in memory whose nodes sign real receipts. */
class InferenceClientTest {
  private static final InferenceInput INPUT = InferenceInput.tensors(
      Tensor.ofLongs("input_ids", new long[] {1, 3}, 104, 105, 33));

  private final FakeInferenceGateway gateway = new FakeInferenceGateway();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private MockWebServer server;
  private AivmClient client;
  private InferenceClient inference;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(gateway);
    server.start();
    client = TestClients.builder(server, sleeper).build();
    inference = client.inference();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
    assertEquals(List.of(), gateway.violations(), "answers the document does not allow");
  }

  private List<String> paths(String method) {
    List<String> out = new ArrayList<>();
    for (RecordedRequest r : gateway.requests) {
      if (r.getMethod().equals(method)) {
        out.add(r.getUrl().encodedPath());
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- deployments

  @Test
  void deployingSendsTheSpecAsTheDocumentDefinesIt() {
    DeploymentSpec spec = DeploymentSpec.builder(FakeInferenceGateway.MODEL)
        .preset(DeploymentPreset.VERIFIED)
        .consensus(Consensus.kOfN(2, 3))
        .nodes(List.of(NODES.get(0).address()))
        .minimumNodes(3)
        .firstChunkTimeout(Duration.ofSeconds(2))
        .totalTimeout(Duration.ofSeconds(20))
        .maxPricePerUnit(new BigDecimal("0.00001"))
        .lockAmount(new BigDecimal("5"))
        .outputFormat(OutputFormat.TENSOR)
        .receiptsRequired(true)
        .build();
    Deployment d = inference.deploy(spec);
    assertEquals("dep-1", d.id());
    assertEquals(DeploymentStatus.READY, d.status());
    assertEquals(3, d.nodes().size());
    String body = gateway.requests.get(0).getBody().utf8();
    assertEquals(List.of(), GatewayContract.get().schemaViolations("DeploymentRequest", body));
    assertTrue(body.contains("\"consensus\":{\"policy\":\"k_of_n\",\"k\":2,\"n\":3}"), body);
    assertTrue(body.contains("\"timeouts\":{\"firstChunkMs\":2000,\"totalMs\":20000}"), body);
    assertTrue(body.contains("\"pricing\":{\"maxPricePerUnit\":\"0.00001\",\"lockAmount\":\"5\"}"), body);
    assertTrue(gateway.requests.get(0).getHeaders().get("Idempotency-Key") != null);
  }

  @Test
  void aSpecThatBreaksRulesListsEveryProblemBeforeSending() {
    AivmValidationException e = assertThrows(AivmValidationException.class, () ->
        DeploymentSpec.builder(FakeInferenceGateway.MODEL)
            .consensus(Consensus.kOfN(4, 3))
            .minimumNodes(0)
            .nodes(List.of(NODES.get(0).address(), NODES.get(0).address()))
            .firstChunkTimeout(Duration.ofSeconds(30))
            .totalTimeout(Duration.ofSeconds(10))
            .maxPricePerUnit(new BigDecimal("-1"))
            .build());
    List<String> paths = e.problems().stream().map(p -> p.path()).toList();
    assertEquals(List.of("consensus", "nodes.minimum", "nodes.addresses", "timeouts.firstChunkMs",
        "pricing.maxPricePerUnit"), paths);
    assertTrue(gateway.requests.isEmpty());
  }

  @Test
  void waitUntilReadyPollsWithBackoffUntilReady() {
    gateway.deploymentStatus = "pending";
    gateway.statusesToServe.addAll(List.of("pending", "pending", "pending", "ready"));
    Deployment d = inference.waitUntilReady("dep-1", Duration.ofSeconds(30));
    assertEquals(DeploymentStatus.READY, d.status());
    assertEquals(List.of(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200)), sleeper.waits());
  }

  @Test
  void waitUntilReadyThrowsTheFailureOfAFailedDeployment() {
    gateway.deploymentStatus = "pending";
    gateway.statusesToServe.addAll(List.of("pending", "failed"));
    DeploymentFailedException e = assertThrows(DeploymentFailedException.class,
        () -> inference.waitUntilReady("dep-1", Duration.ofSeconds(30)));
    assertEquals("kernel_load_failed", e.deployment().failure().orElseThrow().code());
    assertTrue(e.getMessage().contains("the weights would not load"), e.getMessage());
  }

  @Test
  void asyncWaitUntilReadyCompletesOnceReady() {
    gateway.deploymentStatus = "pending";
    gateway.statusesToServe.addAll(List.of("pending", "ready"));
    Deployment d = client.async().inference().waitUntilReady("dep-1", Duration.ofSeconds(30)).join();
    assertEquals(DeploymentStatus.READY, d.status());
  }

  @Test
  void listingAndDeletingSpeakTheDocument() {
    assertEquals("dep-1", inference.deployments(p -> p.status(DeploymentStatus.READY).limit(10)).items().get(0).id());
    assertEquals("ready", gateway.requests.get(0).getUrl().queryParameter("status"));
    assertEquals(DeploymentStatus.DELETED, inference.delete("dep-1").status());
    assertThrows(AivmValidationException.class, () -> inference.deployment("../admin"));
  }

  // ---------------------------------------------------------------- verification

  @Test
  void aResultIsReturnedVerifiedWithTheNodesThatSignedIt() {
    InferenceResult r = inference.infer("dep-1", INPUT);
    assertEquals(FakeInferenceGateway.honestLogits(), r.tensorOutput().tensor("logits"));
    assertTrue(r.verification().verified());
    assertEquals(NODES.stream().map(EthPrivateKey::address).toList(), r.verification().agreeing());
    assertEquals(2, r.verification().required());
    assertEquals(new BigDecimal("0.000015"), r.usage().total());
    assertEquals(3, r.receipts().size());
  }

  @Test
  void oneLyingNodeOfThreeIsOutvotedAndNamed() {
    Address liar = NODES.get(1).address();
    gateway.liars.put(liar, 1.0f);
    InferenceResult r = inference.infer("dep-1", INPUT);
    assertEquals(FakeInferenceGateway.honestLogits(), r.tensorOutput().tensor("logits"));
    assertEquals(List.of(liar), r.verification().dissenters());
    assertEquals(List.of(NODES.get(0).address(), NODES.get(2).address()), r.verification().agreeing());
  }

  @Test
  void whenTheNodesAllDisagreeTheClientFindsNoConsensus() {
    gateway.liars.put(NODES.get(1).address(), 1.0f);
    gateway.liars.put(NODES.get(2).address(), 2.0f);
    ConsensusException e = assertThrows(ConsensusException.class, () -> inference.infer("dep-1", INPUT));
    assertEquals(Consensus.Kind.MAJORITY, e.policy());
    assertEquals(2, e.required());
    assertEquals(3, new HashSet<>(e.outputHashes().values()).size());
  }

  @Test
  void theGatewaysConsensusRefusalIsAConsensusException() {
    gateway.consensusFailedError = true;
    ConsensusException e = assertThrows(ConsensusException.class, () -> inference.infer("dep-1", INPUT));
    assertEquals(3, e.outputHashes().size());
    assertTrue(e.getMessage().contains("no output met majority"), e.getMessage());
  }

  @Test
  void aReceiptWhoseSignatureDoesNotMatchFailsTheResult() {
    gateway.brokenSignature = NODES.get(2).address();
    VerificationException e = assertThrows(VerificationException.class, () -> inference.infer("dep-1", INPUT));
    assertEquals(List.of(VerificationFailure.Check.SIGNATURE),
        e.failures().stream().map(VerificationFailure::check).toList());
    assertEquals(NODES.get(2).address(), e.failures().get(0).node());
  }

  @Test
  void aBrokenSignatureFailsEvenOnceTheNodesKeyIsKnown() {
    assertTrue(inference.infer("dep-1", INPUT).verification().verified());
    gateway.brokenSignature = NODES.get(0).address();
    VerificationException e = assertThrows(VerificationException.class, () -> inference.infer("dep-1", INPUT));
    assertEquals(List.of(VerificationFailure.Check.SIGNATURE),
        e.failures().stream().map(VerificationFailure::check).toList());
    gateway.brokenSignature = null;
    gateway.receiptEdit = r -> {
      java.util.Map<String, Object> forged = new java.util.LinkedHashMap<>(r);
      forged.put("node", NODES.get(1).address().toString());   // node 0's signature, claimed by node 1
      return r.get("node").equals(NODES.get(0).address().toString()) ? forged : r;
    };
    e = assertThrows(VerificationException.class, () -> inference.infer("dep-1", INPUT));
    assertTrue(e.failures().stream().anyMatch(f -> f.check() == VerificationFailure.Check.SIGNATURE
        || f.check() == VerificationFailure.Check.UNIQUE_NODE), e.getMessage());
  }

  @Test
  void aSignerThatIsNotRegisteredFailsTheResult() {
    gateway.registered.remove(NODES.get(0).address());
    VerificationException e = assertThrows(VerificationException.class, () -> inference.infer("dep-1", INPUT));
    assertEquals(VerificationFailure.Check.NODE_REGISTERED, e.failures().get(0).check());
  }

  @Test
  void aReceiptForAnotherInputOrManifestFailsTheResult() {
    gateway.receiptEdit = r -> {
      r = new java.util.LinkedHashMap<>(r);
      r.put("inputHash", "0x" + "ab".repeat(32));
      return r;
    };
    VerificationException e = assertThrows(VerificationException.class, () -> inference.infer("dep-1", INPUT));
    assertTrue(e.failures().stream().anyMatch(f -> f.check() == VerificationFailure.Check.INPUT_HASH));
  }

  @Test
  void aPrivateModelsSignersMustHoldAGrant() {
    gateway.isPrivate = true;
    gateway.granted.add(NODES.get(0).address());
    gateway.granted.add(NODES.get(1).address());
    VerificationException e = assertThrows(VerificationException.class, () -> inference.infer("dep-1", INPUT));
    assertEquals(List.of(NODES.get(2).address()), e.failures().stream().map(VerificationFailure::node).toList());
    assertEquals(VerificationFailure.Check.NODE_AUTHORIZED, e.failures().get(0).check());
    gateway.granted.add(NODES.get(2).address());
    assertTrue(inference.infer("dep-1", INPUT).verification().verified());
  }

  @Test
  void aSignerOutsideTheDeploymentFailsEvenAfterTheDeploymentIsReadAgain() {
    gateway.answering = List.of(NODES.get(0), NODES.get(1), FakeInferenceGateway.STRANGER);
    gateway.registered.add(FakeInferenceGateway.STRANGER.address());
    VerificationException e = assertThrows(VerificationException.class, () -> inference.infer("dep-1", INPUT));
    assertEquals(VerificationFailure.Check.NODE_IN_DEPLOYMENT, e.failures().get(0).check());
    assertEquals(2, paths("GET").stream().filter(p -> p.equals("/v1/deployments/dep-1")).count());
  }

  @Test
  void aResultWithoutReceiptsIsRefusedUnlessVerificationIsSkippedByName() {
    gateway.omitReceipts = true;
    VerificationException e = assertThrows(VerificationException.class, () -> inference.infer("dep-1", INPUT));
    assertEquals(VerificationFailure.Check.RECEIPTS_PRESENT, e.failures().get(0).check());
    int before = gateway.requests.size();
    InferenceResult r = inference.infer("dep-1", INPUT, o -> o.skipVerification().receiptsRequired(false));
    assertFalse(r.verification().verified());
    assertEquals(1, gateway.requests.size() - before, "skipping verification asks the gateway nothing more");
    assertThrows(AivmValidationException.class, () -> InferenceOptions.builder().receiptsRequired(false).build());
  }

  @Test
  void theLedgerFactsAreReadOnceAndCached() {
    inference.infer("dep-1", INPUT);
    inference.infer("dep-1", INPUT);
    List<String> gets = paths("GET");
    assertEquals(1, gets.stream().filter(p -> p.equals("/v1/ledger/domain")).count());
    assertEquals(1, gets.stream().filter(p -> p.equals("/v1/nodes/" + NODES.get(0).address())).count());
    assertEquals(1, gets.stream().filter(p -> p.endsWith("/versions/1.0.0")).count());
  }

  // ---------------------------------------------------------------- retries

  @Test
  void throttledAndUnavailableAnswersAreRetriedWithTheSameKeyAndRunOnce() {
    gateway.failFirst.addAll(List.of(429, 503));
    InferenceResult r = inference.infer("dep-1", INPUT);
    assertTrue(r.verification().verified());
    assertEquals(1, gateway.runs.get());
    List<String> keys = gateway.requests.stream().filter(q -> q.getMethod().equals("POST"))
        .map(q -> q.getHeaders().get("Idempotency-Key")).toList();
    assertEquals(3, keys.size());
    assertEquals(1, new HashSet<>(keys).size(), "every attempt carries the same key: " + keys);
  }

  @Test
  void aCallersIdempotencyKeyMakesARepeatReturnTheFirstOutcome() {
    InferenceResult first = inference.infer("dep-1", INPUT, o -> o.idempotencyKey("order-42"));
    InferenceResult again = inference.infer("dep-1", INPUT, o -> o.idempotencyKey("order-42"));
    assertEquals(first.id(), again.id());
    assertEquals(1, gateway.runs.get());
  }

  // ---------------------------------------------------------------- async and batch

  @Test
  void asyncInferCompletesWithTheVerifiedResult() {
    InferenceResult r = client.async().inference().infer("dep-1", INPUT).join();
    assertTrue(r.verification().verified());
  }

  @Test
  void aBatchKeepsInputOrderBoundsConcurrencyAndFailsItemsAlone() {
    List<InferenceInput> inputs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      inputs.add(i == 5 ? InferenceInput.tensors(Tensor.ofLongs("fail", new long[] {1}, 0))
          : InferenceInput.tensors(Tensor.ofLongs("input_ids", new long[] {1, 1}, i)));
    }
    List<BatchItem> items = inference.inferBatch("dep-1", inputs, BatchOptions.builder().concurrency(3).build());
    assertEquals(12, items.size());
    for (int i = 0; i < 12; i++) {
      assertEquals(i, items.get(i).index());
      assertEquals(inputs.get(i), items.get(i).input());
      assertEquals(i != 5, items.get(i).succeeded(), "item " + i);
    }
    assertInstanceOf(AivmServiceException.class, items.get(5).errorIfFailed().orElseThrow());
    assertTrue(gateway.maxInFlight.get() <= 3, "at most 3 at once, saw " + gateway.maxInFlight.get());
    assertTrue(gateway.maxInFlight.get() >= 2, "the batch ran concurrently, saw " + gateway.maxInFlight.get());
  }

  // ---------------------------------------------------------------- streams

  @Test
  void aStreamGivesAckChunksAndTheVerifiedDone() {
    gateway.textTokens = List.of("Once", " upon", " a");
    List<InferenceEvent> events = new ArrayList<>();
    try (InferenceStream stream = inference.stream("dep-1", InferenceInput.text("Tell me"))) {
      stream.forEach(events::add);
    }
    assertInstanceOf(InferenceEvent.Ack.class, events.get(0));
    assertEquals(List.of("Once", " upon", " a"), events.subList(1, 4).stream()
        .map(e -> ((InferenceEvent.Chunk) e).text()).toList());
    InferenceResult r = ((InferenceEvent.Done) events.get(4)).result();
    assertEquals("Once upon a", r.text());
    assertTrue(r.verification().verified());
    assertEquals(5, events.size(), "the unknown event kind is skipped");
    assertTrue(gateway.cancelled.isEmpty(), "a finished stream cancels nothing");
    RecordedRequest post = gateway.requests.stream().filter(q -> q.getMethod().equals("POST")).findFirst().orElseThrow();
    assertEquals("text/event-stream", post.getHeaders().get("Accept"));
  }

  @Test
  void anErrorEventIsThrownAsTheTypedException() {
    gateway.textTokens = List.of("a");
    gateway.streamError = "lock_exhausted";
    try (InferenceStream stream = inference.stream("dep-1", InferenceInput.text("x"))) {
      AivmServiceException e = assertThrows(AivmServiceException.class, stream::result);
      assertEquals("lock_exhausted", e.code());
      assertEquals(402, e.status());
    }
  }

  @Test
  void aCutStreamIsATypedErrorNeverAShortAnswer() {
    gateway.textTokens = List.of("a", "b", "c", "d");
    gateway.cutAfterChunks = 2;
    try (InferenceStream stream = inference.stream("dep-1", InferenceInput.text("x"))) {
      InferenceStreamException e = assertThrows(InferenceStreamException.class, stream::result);
      assertEquals(2, e.chunksReceived());
      assertEquals(InferenceStatus.CANCELLED, e.status().orElseThrow());
      assertTrue(e.inferenceId().isPresent());
    }
  }

  @Test
  void aStreamCutAfterTheGatewayCompletedGivesTheStoredResult() {
    gateway.textTokens = List.of("a", "b");
    gateway.cutAfterChunks = 2;
    gateway.completedAfterCut = true;
    try (InferenceStream stream = inference.stream("dep-1", InferenceInput.text("x"),
        InferenceOptions.builder().idempotencyKey("k-1").build())) {
      InferenceResult r = stream.result();
      assertEquals("ab", r.text());
      assertTrue(r.verification().verified());
    }
  }

  @Test
  void closingAStreamBeforeDoneCancelsTheInference() throws Exception {
    gateway.textTokens = List.of("a", "b", "c");
    String id;
    try (InferenceStream stream = inference.stream("dep-1", InferenceInput.text("x"))) {
      InferenceEvent first = stream.iterator().next();
      id = ((InferenceEvent.Ack) first).id();
    }
    for (int i = 0; i < 100 && gateway.cancelled.isEmpty(); i++) {
      Thread.sleep(20);
    }
    assertEquals(List.of(id), gateway.cancelled);
  }

  @Test
  void closingFromAnotherThreadEndsABlockedReadAtOnceAndCancels() throws Exception {
    String ack = "event: ack\ndata: {\"id\":\"inf-9\",\"deployment\":\"dep-1\",\"nodes\":[],"
        + "\"startedAt\":\"2026-11-25T12:00:00Z\"}\n\n";
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public mockwebserver3.MockResponse dispatch(RecordedRequest request) {
        if (request.getMethod().equals("POST")) {
          // the ack, then nothing for a minute: the reader blocks
          return new mockwebserver3.MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
              .body(ack + "event: chunk\ndata: {\"index\":0,\"text\":\"late\"}\n\n")
              .throttleBody(ack.length(), 60, TimeUnit.SECONDS).build();
        }
        return gateway.dispatch(request);
      }
    });
    InferenceStream stream = inference.stream("dep-1", InferenceInput.text("x"));
    java.util.Iterator<InferenceEvent> events = stream.iterator();
    assertInstanceOf(InferenceEvent.Ack.class, events.next());
    CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
      try {
        events.next();
        return null;
      } catch (RuntimeException e) {
        return e;
      }
    });
    Thread.sleep(200);
    assertFalse(blocked.isDone(), "the reader waits for the next event");
    stream.close();
    // the server would send the next event in a minute; the blocked read ends now
    assertInstanceOf(java.util.NoSuchElementException.class, blocked.get(5, TimeUnit.SECONDS));
    assertFalse(events.hasNext());
    for (int i = 0; i < 100 && gateway.cancelled.isEmpty(); i++) {
      Thread.sleep(20);
    }
    assertEquals(List.of("inf-9"), gateway.cancelled);
  }

  @Test
  void aStreamRefusedBeforeItStartsThrowsAtOnce() {
    gateway.failFirst.addAll(List.of(503, 400));
    assertThrows(BadRequestException.class, () -> inference.stream("dep-1", InferenceInput.text("x")));
    assertEquals(0, gateway.runs.get());
  }

  @Test
  void aMalformedEventIsAnUnexpectedResponse() throws Exception {
    gateway.textTokens = List.of("a");
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public mockwebserver3.MockResponse dispatch(RecordedRequest request) {
        return new mockwebserver3.MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
            .body("event: chunk\ndata: {\"index\": \"zero\"}\n\n").build();
      }
    });
    try (InferenceStream stream = inference.stream("dep-1", InferenceInput.text("x"))) {
      assertThrows(UnexpectedResponseException.class, () -> stream.iterator().next());
    }
  }

  @Test
  void thePublisherDeliversOnlyWhatIsDemandedAndCompletes() throws Exception {
    gateway.textTokens = List.of("a", "b", "c");
    Flow.Publisher<InferenceEvent> publisher = inference.publisher("dep-1", InferenceInput.text("x"),
        InferenceOptions.defaults());
    List<InferenceEvent> got = new CopyOnWriteArrayList<>();
    AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    CountDownLatch two = new CountDownLatch(2);
    CountDownLatch completed = new CountDownLatch(1);
    publisher.subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        subscription.set(s);
        s.request(2);
      }

      @Override
      public void onNext(InferenceEvent item) {
        got.add(item);
        two.countDown();
      }

      @Override
      public void onError(Throwable throwable) {
        completed.countDown();
      }

      @Override
      public void onComplete() {
        completed.countDown();
      }
    });
    assertTrue(two.await(5, TimeUnit.SECONDS));
    Thread.sleep(100);
    assertEquals(2, got.size(), "no more than demanded");
    subscription.get().request(Long.MAX_VALUE);
    assertTrue(completed.await(5, TimeUnit.SECONDS));
    assertEquals(5, got.size());
    assertInstanceOf(InferenceEvent.Done.class, got.get(4));
  }

  @Test
  void aSecondSubscriberIsRefused() throws Exception {
    Flow.Publisher<InferenceEvent> publisher = client.async().inference().publisher("dep-1", INPUT,
        InferenceOptions.defaults());
    publisher.subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {}

      @Override
      public void onNext(InferenceEvent item) {}

      @Override
      public void onError(Throwable throwable) {}

      @Override
      public void onComplete() {}
    });
    CompletableFuture<Throwable> error = new CompletableFuture<>();
    publisher.subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {}

      @Override
      public void onNext(InferenceEvent item) {}

      @Override
      public void onError(Throwable throwable) {
        error.complete(throwable);
      }

      @Override
      public void onComplete() {}
    });
    assertInstanceOf(IllegalStateException.class, error.get(5, TimeUnit.SECONDS));
  }

  @Test
  void readingAndCancellingAnInferenceSpeakTheDocument() {
    InferenceResult r = inference.infer("dep-1", INPUT, o -> o.idempotencyKey("k-2"));
    InferenceState cancelled = inference.cancel(r.id());
    assertEquals(InferenceStatus.CANCELLED, cancelled.status());
    assertEquals(List.of(r.id()), gateway.cancelled);
  }

  @Test
  void waitUntilReadyGivesUpAtItsTimeout() {
    MutableClock clock = MutableClock.startingAt(TestClients.NOW);
    gateway.deploymentStatus = "pending";
    try (AivmClient timed = TestClients.builder(server, sleeper).clock(clock).sleeper(clock::advance).build()) {
      AivmTimeoutException e = assertThrows(AivmTimeoutException.class,
          () -> timed.inference().waitUntilReady("dep-1", Duration.ofSeconds(3)));
      assertTrue(e.getMessage().contains("still pending after PT3S"), e.getMessage());
      assertEquals(TestClients.NOW.plusSeconds(3), clock.instant());
    }
  }

  @Test
  void aVerificationExceptionSaysWhichNodeAndCheckButNoSecrets() {
    gateway.registered.remove(NODES.get(0).address());
    AivmException e = assertThrows(VerificationException.class, () -> inference.infer("dep-1", INPUT));
    assertTrue(e.getMessage().contains(NODES.get(0).address().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("NODE_REGISTERED"), e.getMessage());
    assertFalse(e.getMessage().contains("59c6995e"), "no key material");
  }
}
