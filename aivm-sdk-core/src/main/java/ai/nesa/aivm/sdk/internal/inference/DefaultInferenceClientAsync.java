package ai.nesa.aivm.sdk.internal.inference;

import ai.nesa.aivm.AivmException;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

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
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(options, "options");
    List<InferenceInput> all = List.copyOf(inputs);
    CompletableFuture<List<BatchItem>> done = new CompletableFuture<>();
    if (all.isEmpty()) {
      done.complete(List.of());
      return done;
    }
    BatchItem[] items = new BatchItem[all.size()];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger left = new AtomicInteger(all.size());
    List<CompletableFuture<InferenceResult>> running = new ArrayList<>();
    Runnable[] launch = new Runnable[1];
    launch[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= all.size() || done.isDone()) {
        return;
      }
      CompletableFuture<InferenceResult> item = infer(deploymentId, all.get(i), options.inference());
      synchronized (running) {
        running.add(item);
      }
      item.whenComplete((r, e) -> {
        items[i] = e == null ? new BatchItem(i, all.get(i), r, null) : new BatchItem(i, all.get(i), null, asAivm(e));
        if (left.decrementAndGet() == 0) {
          done.complete(Arrays.asList(items));
        } else {
          launch[0].run();
        }
      });
    };
    for (int k = 0; k < Math.min(options.concurrency(), all.size()); k++) {
      launch[0].run();
    }
    done.whenComplete((v, e) -> {
      if (done.isCancelled()) {
        synchronized (running) {
          running.forEach(f -> f.cancel(true));
        }
      }
    });
    return done;
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

  private static AivmException asAivm(Throwable e) {
    Throwable cause = unwrap(e);
    return cause instanceof AivmException a ? a : new AivmException("the inference failed: " + cause, cause);
  }

  @Override
  public String toString() {
    return "InferenceClientAsync{" + service.transport + "}";
  }
}
