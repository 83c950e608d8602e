package ai.nesa.aivm.sdk.internal.inference;

import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.AivmTimeoutException;
import ai.nesa.aivm.sdk.Page;
import ai.nesa.aivm.sdk.PagedIterable;
import ai.nesa.aivm.sdk.Sleeper;
import ai.nesa.aivm.sdk.inference.BatchItem;
import ai.nesa.aivm.sdk.inference.BatchOptions;
import ai.nesa.aivm.sdk.inference.Deployment;
import ai.nesa.aivm.sdk.inference.DeploymentFailedException;
import ai.nesa.aivm.sdk.inference.DeploymentListParams;
import ai.nesa.aivm.sdk.inference.DeploymentSpec;
import ai.nesa.aivm.sdk.inference.DeploymentStatus;
import ai.nesa.aivm.sdk.inference.InferenceClient;
import ai.nesa.aivm.sdk.inference.InferenceEvent;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.inference.InferenceOptions;
import ai.nesa.aivm.sdk.inference.InferenceResult;
import ai.nesa.aivm.sdk.inference.InferenceState;
import ai.nesa.aivm.sdk.inference.InferenceStream;
import ai.nesa.aivm.sdk.internal.http.GatewayTransport;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.models.ModelRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

/** {@link InferenceClient} over the gateway's deployment and inference resources. */
public final class DefaultInferenceClient implements InferenceClient {
  static final Duration FIRST_POLL = Duration.ofMillis(50);
  static final Duration LONGEST_POLL = Duration.ofSeconds(1);

  private final InferenceService service;
  private final Sleeper sleeper;
  private final DefaultInferenceClientAsync async;

  DefaultInferenceClient(InferenceService service, Sleeper sleeper) {
    this.service = service;
    this.sleeper = sleeper;
    this.async = new DefaultInferenceClientAsync(service, sleeper);
  }

  /** The client and its async twin over one transport. */
  public static DefaultInferenceClient create(GatewayTransport transport, ModelRegistry models, Ledger ledger,
      Executor executor, Clock clock, Sleeper sleeper) {
    return new DefaultInferenceClient(new InferenceService(transport, models, ledger, executor, clock), sleeper);
  }

  public DefaultInferenceClientAsync async() {
    return async;
  }

  @Override
  public Deployment deploy(DeploymentSpec spec) {
    return service.remember(service.transport.execute(InferenceCalls.deploy(spec), InferenceCalls.DEPLOYMENT));
  }

  @Override
  public Deployment deployment(String deploymentId) {
    return service.remember(service.transport.execute(InferenceCalls.deployment(deploymentId),
        InferenceCalls.DEPLOYMENT));
  }

  @Override
  public Page<Deployment> deployments(DeploymentListParams params) {
    return service.transport.execute(InferenceCalls.deployments(params, params.cursor().orElse(null)),
        InferenceCalls.DEPLOYMENT_PAGE);
  }

  @Override
  public PagedIterable<Deployment> deploymentsAll(DeploymentListParams params) {
    Objects.requireNonNull(params, "params");
    String first = params.cursor().orElse(null);
    return PagedIterable.of(cursor -> service.transport.execute(
        InferenceCalls.deployments(params, cursor == null ? first : cursor), InferenceCalls.DEPLOYMENT_PAGE));
  }

  @Override
  public Deployment delete(String deploymentId) {
    return service.remember(service.transport.execute(InferenceCalls.delete(deploymentId), InferenceCalls.DEPLOYMENT));
  }

  @Override
  public Deployment waitUntilReady(String deploymentId, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    Instant deadline = service.clock.instant().plus(timeout);
    Duration pause = FIRST_POLL;
    while (true) {
      Deployment d = deployment(deploymentId);
      if (d.status() == DeploymentStatus.READY) {
        return d;
      }
      if (d.status() == DeploymentStatus.FAILED || d.status() == DeploymentStatus.DELETED) {
        throw new DeploymentFailedException(d);
      }
      Duration left = Duration.between(service.clock.instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw new AivmTimeoutException("deployment " + deploymentId + " is still " + d.status().wireName()
            + " after " + timeout);
      }
      try {
        sleeper.sleep(pause.compareTo(left) < 0 ? pause : left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AivmIoException("interrupted while waiting for deployment " + deploymentId, e);
      }
      pause = nextPause(pause);
    }
  }

  static Duration nextPause(Duration pause) {
    Duration doubled = pause.multipliedBy(2);
    return doubled.compareTo(LONGEST_POLL) < 0 ? doubled : LONGEST_POLL;
  }

  @Override
  public InferenceResult infer(String deploymentId, InferenceInput input, InferenceOptions options) {
    Objects.requireNonNull(options, "options");
    InferenceResult result;
    try {
      result = service.transport.execute(InferenceCalls.infer(deploymentId, input, options, false),
          InferenceCalls.RESULT);
    } catch (RuntimeException e) {
      throw service.mapped(e);
    }
    return service.verified(result, input, options);
  }

  @Override
  public InferenceStream stream(String deploymentId, InferenceInput input, InferenceOptions options) {
    return service.stream(deploymentId, input, options);
  }

  @Override
  public Flow.Publisher<InferenceEvent> publisher(String deploymentId, InferenceInput input, InferenceOptions options) {
    return service.publisher(deploymentId, input, options);
  }

  @Override
  public List<BatchItem> inferBatch(String deploymentId, List<InferenceInput> inputs, BatchOptions options) {
    try {
      return async.inferBatch(deploymentId, inputs, options).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  @Override
  public InferenceState inference(String inferenceId) {
    return service.transport.execute(InferenceCalls.inference(inferenceId), InferenceCalls.STATE);
  }

  @Override
  public InferenceState cancel(String inferenceId) {
    return service.transport.execute(InferenceCalls.cancel(inferenceId), InferenceCalls.STATE);
  }

  @Override
  public InferenceResult verify(InferenceResult result, InferenceInput input) {
    Objects.requireNonNull(result, "result");
    return service.verified(result, input.hash());
  }

  @Override
  public String toString() {
    return "InferenceClient{" + service.transport + "}";
  }
}
