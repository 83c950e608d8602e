package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.sdk.AsyncPagedIterable;
import ai.nesa.aivm.sdk.Page;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The asynchronous twin of {@link InferenceClient}: the same calls, each returning a {@link
 * CompletableFuture} that completes with what the synchronous call returns or exceptionally with
 * what it throws. Cancelling a future cancels the call in flight (and, for an inference, nothing
 * already running on the gateway: use {@link #cancel(String)}). Reached through {@code
 * client.async().inference()}.
 *
 * @since 0.1.0
 */
public interface InferenceClientAsync {

  CompletableFuture<Deployment> deploy(DeploymentSpec spec);

  CompletableFuture<Deployment> deployment(String deploymentId);

  CompletableFuture<Page<Deployment>> deployments(DeploymentListParams params);

  AsyncPagedIterable<Deployment> deploymentsAll(DeploymentListParams params);

  CompletableFuture<Deployment> delete(String deploymentId);

  /** Polls without blocking a thread while waiting. */
  CompletableFuture<Deployment> waitUntilReady(String deploymentId, Duration timeout);

  default CompletableFuture<InferenceResult> infer(String deploymentId, InferenceInput input) {
    return infer(deploymentId, input, InferenceOptions.defaults());
  }

  CompletableFuture<InferenceResult> infer(String deploymentId, InferenceInput input, InferenceOptions options);

  /** The streamed form; the same publisher as {@link InferenceClient#publisher}. */
  Flow.Publisher<InferenceEvent> publisher(String deploymentId, InferenceInput input, InferenceOptions options);

  CompletableFuture<List<BatchItem>> inferBatch(String deploymentId, List<InferenceInput> inputs, BatchOptions options);

  CompletableFuture<InferenceState> inference(String inferenceId);

  CompletableFuture<InferenceState> cancel(String inferenceId);
}
