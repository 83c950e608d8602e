package ai.nesa.aivm.sdk.internal.inference;

import ai.nesa.aivm.sdk.AivmTimeoutException;
import ai.nesa.aivm.sdk.AsyncPagedIterable;
import ai.nesa.aivm.sdk.Page;
import ai.nesa.aivm.sdk.Sleeper;
import ai.nesa.aivm.sdk.inference.BatchItem;
import ai.nesa.aivm.sdk.inference.BatchOptions;
import ai.nesa.aivm.sdk.inference.Deployment;
import ai.nesa.aivm.sdk.inference.DeploymentFailedException;
import ai.nesa.aivm.sdk.inference.DeploymentListParams;
import ai.nesa.aivm.sdk.inference.DeploymentSpec;
import ai.nesa.aivm.sdk.inference.DeploymentStatus;
import ai.nesa.aivm.sdk.inference.InferenceClientAsync;
import ai.nesa.aivm.sdk.inference.InferenceEvent;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.inference.InferenceOptions;
import ai.nesa.aivm.sdk.inference.InferenceResult;
import ai.nesa.aivm.sdk.inference.InferenceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;

/** {@link InferenceClientAsync}: the same calls without blocking; verification runs on the client's executor. */
public final class DefaultInferenceClientAsync implements InferenceClientAsync {
  private final InferenceService service;
  private final Sleeper sleeper;

  DefaultInferenceClientAsync(InferenceService service, Sleeper sleeper) {
    this.service = service;
    this.sleeper = sleeper;
  }

  @Override
  public CompletableFuture<Deployment> deploy(DeploymentSpec spec) {
    return service.transport.executeAsync(InferenceCalls.deploy(spec), InferenceCalls.DEPLOYMENT)
        .thenApply(service::remember);
  }

  @Override
  public CompletableFuture<Deployment> deployment(String deploymentId) {
    return service.transport.executeAsync(InferenceCalls.deployment(deploymentId), InferenceCalls.DEPLOYMENT)
        .thenApply(service::remember);
  }

  @Override
  public CompletableFuture<Page<Deployment>> deployments(DeploymentListParams params) {
    return service.transport.executeAsync(InferenceCalls.deployments(params, params.cursor().orElse(null)),
        InferenceCalls.DEPLOYMENT_PAGE);
  }

  @Override
  public AsyncPagedIterable<Deployment> deploymentsAll(DeploymentListParams params) {
    Objects.requireNonNull(params, "params");
    String first = params.cursor().orElse(null);
    return AsyncPagedIterable.of(cursor -> service.transport.executeAsync(
        InferenceCalls.deployments(params, cursor == null ? first : cursor), InferenceCalls.DEPLOYMENT_PAGE));
  }

  @Override
  public CompletableFuture<Deployment> delete(String deploymentId) {
    return service.transport.executeAsync(InferenceCalls.delete(deploymentId), InferenceCalls.DEPLOYMENT)
        .thenApply(service::remember);
  }

  @Override
  public CompletableFuture<Deployment> waitUntilReady(String deploymentId, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    Instant deadline = service.clock.instant().plus(timeout);
    CompletableFuture<Deployment> result = new CompletableFuture<>();
    poll(deploymentId, timeout, deadline, DefaultInferenceClient.FIRST_POLL, result);
    return result;
  }

  private void poll(String id, Duration timeout, Instant deadline, Duration pause, CompletableFuture<Deployment> result) {
    if (result.isDone()) {
      return;
    }
    deployment(id).whenComplete((d, e) -> {
      if (e != null) {
        result.completeExceptionally(unwrap(e));
      } else if (d.status() == DeploymentStatus.READY) {
        result.complete(d);
      } else if (d.status() == DeploymentStatus.FAILED || d.status() == DeploymentStatus.DELETED) {
        result.completeExceptionally(new DeploymentFailedException(d));
      } else {
        Duration left = Duration.between(service.clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
          result.completeExceptionally(new AivmTimeoutException("deployment " + id + " is still "
              + d.status().wireName() + " after " + timeout));
          return;
        }
        sleeper.sleepAsync(pause.compareTo(left) < 0 ? pause : left).whenComplete((v, slept) ->
            poll(id, timeout, deadline, DefaultInferenceClient.nextPause(pause), result));
      }
    });
  }

  @Override
  public CompletableFuture<InferenceResult> infer(String deploymentId, InferenceInput input, InferenceOptions options) {
    Objects.requireNonNull(options, "options");
    CompletableFuture<InferenceResult> call = service.transport.executeAsync(
        InferenceCalls.infer(deploymentId, input, options, false), InferenceCalls.RESULT);
    CompletableFuture<InferenceResult> verified = call.handleAsync((r, e) -> {
      if (e != null) {
        Throwable cause = unwrap(e);
        throw new CompletionException(cause instanceof RuntimeException re ? service.mapped(re) : cause);
      }
      return service.verified(r, input, options);
    }, service.executor);
    verified.whenComplete((r, e) -> {
      if (verified.isCancelled()) {
        call.cancel(true);
      }
    });
    return verified;
  }

  @Override
  public Flow.Publisher<InferenceEvent> publisher(String deploymentId, InferenceInput input, InferenceOptions options) {
    return service.publisher(deploymentId, input, options);
  }

  @Override
  public CompletableFuture<List<BatchItem>> inferBatch(String deploymentId, List<InferenceInput> inputs,
      BatchOptions options) {
    InferenceCalls.id(deploymentId);
    Objects.requireNonNull(options, "options");
    return BatchRun.start(inputs, options.concurrency(), input -> infer(deploymentId, input, options.inference()));
  }

  @Override
  public CompletableFuture<InferenceState> inference(String inferenceId) {
    return service.transport.executeAsync(InferenceCalls.inference(inferenceId), InferenceCalls.STATE);
  }

  @Override
  public CompletableFuture<InferenceState> cancel(String inferenceId) {
    return service.transport.executeAsync(InferenceCalls.cancel(inferenceId), InferenceCalls.STATE);
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  @Override
  public String toString() {
    return "InferenceClientAsync{" + service.transport + "}";
  }
}
