package ai.nesa.aivm.examples;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.devnet.LocalAivmNetwork;
import ai.nesa.aivm.devnet.TinyModel;
import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.inference.Deployment;
import ai.nesa.aivm.sdk.inference.DeploymentSpec;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.kernels.Consensus;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.metrics.FeedConnectionListener;
import ai.nesa.aivm.sdk.metrics.FeedOptions;
import ai.nesa.aivm.sdk.metrics.MetricsEvent;
import ai.nesa.aivm.sdk.metrics.MetricsFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the monitoring examples watch: the tiny classifier published and deployed on every node of
 * a devnet, a few callers running inferences on it, and one node made slow for the middle third
 * of the run so that there is something to see.
 */
final class LoadRun implements AutoCloseable {
  private static final List<String> TEXTS = List.of("a wonderful happy result", "awful, broken and boring",
      "what a great and lovely day", "a terrible, sad mess");

  final LocalAivmNetwork devnet;
  final AivmClient client;
  final ModelId model;
  final Deployment deployment;
  final FeedRecorder feed = new FeedRecorder();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final List<Thread> callers = new ArrayList<>();

  private LoadRun(LocalAivmNetwork devnet, AivmClient client, ModelId model, Deployment deployment) {
    this.devnet = devnet;
    this.client = client;
    this.model = model;
    this.deployment = deployment;
  }

  /** A devnet of {@code nodes} with {@code model} deployed on all of them and the feed subscribed. */
  static LoadRun start(ModelId model, int nodes) {
    LocalAivmNetwork devnet = LocalAivmNetwork.builder().nodes(nodes).start();
    AivmClient client = AivmClient.builder().gateway(devnet.gateway()).store(devnet.store()).ledger(devnet.ledger())
        .wallet(DevnetModelOwner.WALLET).build();
    try {
      DevnetModelOwner.publish(client.kernels(), Presets.onnxClassifier(model.toString(), "model.onnx"),
          TinyModel.BYTE_PAIR_SENTIMENT);
      Deployment d = client.inference().waitUntilReady(client.inference().deploy(DeploymentSpec.builder(model)
          .minimumNodes(nodes).consensus(Consensus.kOfN(nodes, nodes)).build()).id(), Duration.ofSeconds(30));
      LoadRun run = new LoadRun(devnet, client, model, d);
      // a feed starts from its first connection: wait for it, so that it sees every run of the load
      CountDownLatch connected = new CountDownLatch(1);
      client.metrics().events(MetricsFilter.builder().deployment(d.id())
          .kinds(MetricsEvent.Kind.INFERENCE_COMPLETED, MetricsEvent.Kind.INFERENCE_FAILED).build(),
          FeedOptions.builder().connectionListener(new FeedConnectionListener() {
            @Override
            public void connected(Optional<String> resumedAfter) {
              connected.countDown();
            }
          }).build()).subscribe(run.feed);
      if (!connected.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the live feed did not connect within 30 s");
      }
      return run;
    } catch (RuntimeException | InterruptedException e) {
      client.close();
      devnet.close();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the feed connected", e);
      }
      throw (RuntimeException) e;
    }
  }

  /** Starts {@code callers} threads running inferences until {@link #close()}. */
  void load(int callers) {
    for (int c = 0; c < callers; c++) {
      int offset = c;
      Thread t = new Thread(() -> {
        for (int i = offset; running.get(); i++) {
          try {
            client.inference().infer(deployment.id(), InferenceInput.text(TEXTS.get(i % TEXTS.size())));
            done.incrementAndGet();
          } catch (AivmException e) {
            if (running.get()) {
              failed.incrementAndGet();
            }
          }
        }
      }, "load-" + c);
      t.setDaemon(true);
      t.start();
      this.callers.add(t);
    }
  }

  /**
   * The run's script, at {@code elapsedMillis} of {@code seconds}: the last node is slow (20 ms a
   * run) for the middle third, and itself again otherwise.
   */
  void pace(long elapsedMillis, int seconds) {
    long third = seconds * 1_000L / 3;
    boolean slow = elapsedMillis >= third && elapsedMillis < 2 * third;
    devnet.nodes().get(devnet.nodes().size() - 1).faults().slow(slow ? Duration.ofMillis(20) : Duration.ZERO);
  }

  long done() {
    return done.get();
  }

  long failed() {
    return failed.get();
  }

  /** Stops the callers, waits for their inferences in flight to end, and makes the last node itself again. */
  void stopLoad() {
    devnet.nodes().get(devnet.nodes().size() - 1).faults().slow(Duration.ZERO);
    running.set(false);
    for (Thread t : callers) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    stopLoad();
    feed.cancel();
    client.close();
    devnet.close();
  }
}
