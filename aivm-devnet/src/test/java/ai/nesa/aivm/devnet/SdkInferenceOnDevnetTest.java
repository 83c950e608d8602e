package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.inference.BatchItem;
import ai.nesa.aivm.sdk.inference.BatchOptions;
import ai.nesa.aivm.sdk.inference.ConsensusException;
import ai.nesa.aivm.sdk.inference.Deployment;
import ai.nesa.aivm.sdk.inference.DeploymentSpec;
import ai.nesa.aivm.sdk.inference.DeploymentStatus;
import ai.nesa.aivm.sdk.inference.InferenceClient;
import ai.nesa.aivm.sdk.inference.InferenceEvent;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.inference.InferenceResult;
import ai.nesa.aivm.sdk.inference.InferenceStatus;
import ai.nesa.aivm.sdk.inference.InferenceStream;
import ai.nesa.aivm.sdk.inference.InferenceStreamException;
import ai.nesa.aivm.sdk.inference.Tensor;
import ai.nesa.aivm.sdk.inference.VerificationException;
import ai.nesa.aivm.sdk.inference.VerificationFailure;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SDK's inference client against the devnet end to end: real ONNX Runtime on every node, real
 * receipts, real faults. Each answer the gateway gives is also held to the document.
 */
@ExtendWith(ContractTap.class)
class SdkInferenceOnDevnetTest {
  private static final ModelId SENTIMENT = ModelId.of("acme/sentiment");
  private static final ModelId BIGRAM = ModelId.of("acme/bigram");
  private static final ModelId SECRET = ModelId.of("acme/secret-sentiment");
  private static final InferenceInput HAPPY = InferenceInput.text("a wonderful happy result");
  private static final InferenceInput GLUM = InferenceInput.text("awful, broken and boring");

  private static LocalAivmNetwork devnet;
  private static AivmClient client;
  private static InferenceClient inference;
  private static Deployment verified;
  private static Deployment generator;

  @BeforeAll
  static void start() {
    devnet = LocalAivmNetwork.builder().nodes(3).start();
    TinyKernels.classifier(devnet, SENTIMENT.toString());
    TinyKernels.generator(devnet, BIGRAM.toString());
    TinyKernels.privateClassifier(devnet, SECRET.toString(), devnet.nodes().subList(0, 2));
    client = AivmClient.builder().gateway(devnet.gateway()).build();
    inference = client.inference();
    verified = inference.waitUntilReady(inference.deploy(DeploymentSpec.verified(SENTIMENT)).id(), Duration.ofSeconds(30));
    generator = inference.waitUntilReady(inference.deploy(DeploymentSpec.fast(BIGRAM)).id(), Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    client.close();
    devnet.close();
  }

  @AfterEach
  void clearFaults() {
    devnet.nodes().forEach(n -> n.faults().clear());
    devnet.faults().clear();
  }

  private static List<Address> nodes(int... indexes) {
    List<Address> out = new ArrayList<>();
    for (int i : indexes) {
      out.add(devnet.nodes().get(i).address());
    }
    return out;
  }

  private static int label(InferenceResult r) {
    return r.tensorOutput().tensor("logits").argmaxOfLastRow();
  }

  @Test
  void theClassifierAnswersAndThreeNodesSignIt() {
    InferenceResult happy = inference.infer(verified.id(), HAPPY);
    assertEquals(1, label(happy));
    assertEquals(0, label(inference.infer(verified.id(), GLUM)));
    assertTrue(happy.verification().verified());
    assertEquals(Set.copyOf(nodes(0, 1, 2)), Set.copyOf(happy.verification().agreeing()));
    assertEquals(3, happy.receipts().size());
    assertEquals(24, happy.usage().unitsIn());
    assertTrue(happy.usage().total().compareTo(BigDecimal.ZERO) > 0);
  }

  @Test
  void aTensorInputRunsTheModelDirectly() {
    byte[] utf8 = "a wonderful happy result".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    long[] ids = new long[utf8.length];
    long[] mask = new long[utf8.length];
    for (int i = 0; i < utf8.length; i++) {
      ids[i] = utf8[i] & 0xff;
      mask[i] = 1;
    }
    long[] shape = {1, utf8.length};
    InferenceResult r = inference.infer(verified.id(), InferenceInput.tensors(Tensor.ofLongs("input_ids", shape, ids),
        Tensor.ofLongs("attention_mask", shape, mask)));
    assertEquals(inference.infer(verified.id(), HAPPY).tensorOutput(), r.tensorOutput());
  }

  @Test
  void oneLyingNodeOfThreeIsOutvotedAndNamed() {
    devnet.nodes().get(1).faults().lie();
    InferenceResult r = inference.infer(verified.id(), HAPPY);
    assertEquals(1, label(r));
    assertEquals(nodes(1), r.verification().dissenters());
    assertEquals(2, r.verification().agreeing().size());
  }

  @Test
  void whenAllThreeDisagreeTheInferenceFailsWithAConsensusException() {
    devnet.nodes().get(1).faults().lie(1);
    devnet.nodes().get(2).faults().lie(2);
    ConsensusException e = assertThrows(ConsensusException.class, () -> inference.infer(verified.id(), HAPPY));
    assertEquals(3, e.outputHashes().size());
    assertEquals(3, e.outputHashes().values().stream().distinct().count());
  }

  @Test
  void textIsStreamedTokenByTokenAndTheDoneIsVerified() {
    StringBuilder streamed = new StringBuilder();
    InferenceResult result = null;
    try (InferenceStream stream = inference.stream(generator.id(), InferenceInput.text("the ").maxTokens(12))) {
      for (InferenceEvent e : stream) {
        if (e instanceof InferenceEvent.Chunk c) {
          streamed.append(c.text());
        } else if (e instanceof InferenceEvent.Done d) {
          result = d.result();
        }
      }
    }
    assertTrue(result != null && result.verification().verified());
    assertEquals(result.text(), streamed.toString());
    assertEquals(inference.infer(generator.id(), InferenceInput.text("the ").maxTokens(12)).text(), result.text());
  }

  @Test
  void aStreamCutMidWayIsATypedErrorNotAShortAnswer() {
    // Slow enough that the inference is still running when the client reads it back after the cut.
    devnet.nodes().stream().filter(n -> n.address().equals(generator.nodes().get(0))).findFirst().orElseThrow()
        .faults().dropStreamAfter(3).slow(Duration.ofMillis(50));
    String id;
    try (InferenceStream stream = inference.stream(generator.id(), InferenceInput.text("the ").maxTokens(40))) {
      InferenceStreamException e = assertThrows(InferenceStreamException.class, stream::result);
      assertEquals(3, e.chunksReceived());
      assertEquals(InferenceStatus.RUNNING, e.status().orElseThrow());
      id = e.inferenceId().orElseThrow();
    }
    GatewayCalls.awaitTrue(() -> inference.inference(id).status() == InferenceStatus.CANCELLED,
        "closing the cut stream cancels the inference still running");
  }

  @Test
  void throttledAndUnavailableAnswersAreRetriedAndTheNodesRunOnce() {
    long before = devnet.nodes().stream().mapToLong(DevnetNode::inferencesRun).sum();
    devnet.faults().failBeforeRun(1, 429).failBeforeRun(1, 503);
    assertEquals(1, label(inference.infer(verified.id(), HAPPY)));
    devnet.faults().failAfterRun(1);
    assertEquals(1, label(inference.infer(verified.id(), HAPPY)));
    long after = devnet.nodes().stream().mapToLong(DevnetNode::inferencesRun).sum();
    assertEquals(6, after - before, "two inferences on three nodes, none run twice");
  }

  @Test
  void aPrivateModelRunsOnlyOnGrantedNodesAndTheirReceiptsVerify() {
    Deployment d = inference.waitUntilReady(inference.deploy(DeploymentSpec.builder(SECRET)
        .consensus(ai.nesa.aivm.sdk.kernels.Consensus.kOfN(2, 2)).build()).id(), Duration.ofSeconds(30));
    assertEquals(Set.copyOf(nodes(0, 1)), Set.copyOf(d.nodes()));
    InferenceResult r = inference.infer(d.id(), HAPPY);
    assertEquals(1, label(r));
    assertEquals(2, r.verification().agreeing().size());
  }

  @Test
  void aLedgerGivenToTheClientIsTrustedInsteadOfTheGateway() {
    try (AivmClient withLedger = AivmClient.builder().gateway(devnet.gateway()).ledger(devnet.ledger()).build()) {
      InferenceResult r = withLedger.inference().infer(verified.id(), HAPPY);
      assertTrue(r.verification().verified());
    }
  }

  @Test
  void aBatchRunsInOrderAndABadItemFailsAlone() {
    List<InferenceInput> inputs = List.of(HAPPY, GLUM, InferenceInput.tensors(Tensor.ofLongs("no_such_input",
        new long[] {1, 1}, 1)), HAPPY, GLUM);
    List<BatchItem> items = inference.inferBatch(verified.id(), inputs, BatchOptions.builder().concurrency(2).build());
    assertEquals(List.of(1, 0), List.of(label(items.get(0).resultOrThrow()), label(items.get(1).resultOrThrow())));
    assertTrue(items.get(2).errorIfFailed().isPresent());
    assertEquals(List.of(1, 0), List.of(label(items.get(3).resultOrThrow()), label(items.get(4).resultOrThrow())));
  }

  @Test
  void thePublisherStreamsAndClosingCancelsOnTheGateway() throws Exception {
    AtomicReference<Flow.Subscription> sub = new AtomicReference<>();
    AtomicReference<String> id = new AtomicReference<>();
    CountDownLatch acked = new CountDownLatch(1);
    client.async().inference().publisher(generator.id(), InferenceInput.text("the ").maxTokens(256),
        ai.nesa.aivm.sdk.inference.InferenceOptions.defaults()).subscribe(new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription s) {
            sub.set(s);
            s.request(1);
          }

          @Override
          public void onNext(InferenceEvent item) {
            id.set(((InferenceEvent.Ack) item).id());
            acked.countDown();
          }

          @Override
          public void onError(Throwable throwable) {}

          @Override
          public void onComplete() {}
        });
    devnet.nodes().forEach(n -> n.faults().slow(Duration.ofMillis(20)));
    assertTrue(acked.await(10, TimeUnit.SECONDS));
    sub.get().cancel();
    GatewayCalls.awaitTrue(() -> inference.inference(id.get()).status() == InferenceStatus.CANCELLED,
        "the inference is cancelled");
  }

  @Test
  void aStoredResultVerifiesOnlyAgainstTheInputItWasComputedFrom() {
    InferenceResult real = inference.infer(verified.id(), HAPPY);
    VerificationException e = assertThrows(VerificationException.class, () -> inference.verify(real, GLUM));
    assertTrue(e.failures().stream().allMatch(f -> f.check() == VerificationFailure.Check.INPUT_HASH));
    assertInstanceOf(InferenceResult.class, inference.verify(real, HAPPY));
    assertEquals(DeploymentStatus.DELETED, inference.delete(
        inference.deploy(DeploymentSpec.fast(SENTIMENT)).id()).status());
  }
}
