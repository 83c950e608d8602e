package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.sdk.Page;
import ai.nesa.aivm.sdk.PagedIterable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Deploys model versions and runs inferences on them, checking every result against the nodes'
 * signed receipts. Reached through {@code client.inference()}.
 *
 * <pre>{@code
 * InferenceClient inference = client.inference();
 * Deployment d = inference.deploy(DeploymentSpec.verified(ModelId.of("acme/sentiment")));
 * d = inference.waitUntilReady(d.id(), Duration.ofSeconds(30));
 * InferenceResult r = inference.infer(d.id(), InferenceInput.text("a wonderful happy result"));
 * r.tensorOutput().tensor("logits").argmaxOfLastRow();   // 1: positive
 * r.verification().agreeing();                           // the nodes that signed this output
 * }</pre>
 *
 * <h2>Verification</h2>
 * Before a result is returned the client checks, for every receipt: the node's EIP-712 signature
 * in the ledger's domain; that the signer is a registered node, one of the deployment's, and, for a
 * private model, holds a grant; that the receipt names this inference, model and version, the
 * ledger's manifest hash and the hash of the input sent. Then that enough valid receipts bind the
 * returned output to meet the deployment's consensus policy. Any failure is a {@link
 * VerificationException} (a {@link ConsensusException} for too little agreement) and no result.
 * Nodes whose valid receipts bind another output are named in {@link VerificationReport#dissenters()}.
 * What the ledger says is read from the client's {@code Ledger} when it was built with one, else from
 * the gateway's ledger view, and cached (node registrations and grants for a minute).
 *
 * <h2>Retries</h2>
 * An inference is retried after a connection failure, 408, 429 or 5xx with the same idempotency
 * key, so the gateway answers a retry with the first attempt's outcome and never runs the
 * inference twice. A stream is retried only before its first event.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public interface InferenceClient {

  /**
   * Deploys a model version.
   *
   * @return the deployment, usually {@link DeploymentStatus#PENDING}
   * @throws ai.nesa.aivm.sdk.NotFoundException when the model or version does not exist
   * @throws ai.nesa.aivm.sdk.UnprocessableEntityException when the gateway cannot meet the spec
   *     ({@code price_limit}, {@code not_enough_nodes}, {@code unsupported})
   */
  Deployment deploy(DeploymentSpec spec);

  /** One deployment. */
  Deployment deployment(String deploymentId);

  /** One page of the caller's deployments, newest first. */
  Page<Deployment> deployments(DeploymentListParams params);

  default Page<Deployment> deployments(Consumer<DeploymentListParams.Builder> params) {
    DeploymentListParams.Builder b = DeploymentListParams.builder();
    params.accept(b);
    return deployments(b.build());
  }

  /** Every deployment matching {@code params}, fetched a page at a time as iterated. */
  PagedIterable<Deployment> deploymentsAll(DeploymentListParams params);

  /** Deletes a deployment: its running inferences are cancelled and its unspent lock released. */
  Deployment delete(String deploymentId);

  /**
   * Polls the deployment until it is ready, backing off from 50 ms to 1 s between reads.
   *
   * @throws DeploymentFailedException when it ends {@code failed} or {@code deleted}
   * @throws ai.nesa.aivm.sdk.AivmTimeoutException when it is still pending after {@code timeout}
   */
  Deployment waitUntilReady(String deploymentId, Duration timeout);

  /** Runs one inference and returns its verified result. */
  default InferenceResult infer(String deploymentId, InferenceInput input) {
    return infer(deploymentId, input, InferenceOptions.defaults());
  }

  /**
   * Runs one inference.
   *
   * @throws VerificationException when the result fails verification
   * @throws ConsensusException when the nodes did not agree enough
   * @throws ai.nesa.aivm.sdk.ConflictException when the deployment is not ready
   * @throws ai.nesa.aivm.sdk.AivmServiceException with code {@code lock_exhausted} (402) when the
   *     deployment's lock cannot pay for it, {@code timeout} (504) past the deployment's deadline
   */
  InferenceResult infer(String deploymentId, InferenceInput input, InferenceOptions options);

  default InferenceResult infer(String deploymentId, InferenceInput input, Consumer<InferenceOptions.Builder> options) {
    InferenceOptions.Builder b = InferenceOptions.builder();
    options.accept(b);
    return infer(deploymentId, input, b.build());
  }

  /** Runs one inference as a stream of events. */
  default InferenceStream stream(String deploymentId, InferenceInput input) {
    return stream(deploymentId, input, InferenceOptions.defaults());
  }

  /**
   * Runs one inference as a stream of events. Returns once the gateway accepted the request; the
   * events arrive as the stream is iterated.
   *
   * @throws ai.nesa.aivm.sdk.AivmServiceException when the gateway refuses the request
   */
  InferenceStream stream(String deploymentId, InferenceInput input, InferenceOptions options);

  /**
   * The stream as a {@link Flow.Publisher} for one subscriber: the request is sent on the first
   * {@code request(n)}, events are delivered as demanded (the connection is not read further while
   * demand is 0), {@code cancel()} cancels the inference, failures arrive in {@code onError}.
   */
  Flow.Publisher<InferenceEvent> publisher(String deploymentId, InferenceInput input, InferenceOptions options);

  /**
   * Runs many inferences, {@link BatchOptions#concurrency()} at a time, and returns one item per
   * input in input order. An item that fails carries its exception and does not fail the others.
   */
  List<BatchItem> inferBatch(String deploymentId, List<InferenceInput> inputs, BatchOptions options);

  default List<BatchItem> inferBatch(String deploymentId, List<InferenceInput> inputs) {
    return inferBatch(deploymentId, inputs, BatchOptions.defaults());
  }

  /** An inference's state, with its result once completed (not verified: see {@link #verify}). */
  InferenceState inference(String inferenceId);

  /** Cancels a running inference; one that has ended is returned unchanged. */
  InferenceState cancel(String inferenceId);

  /**
   * Verifies a result against the input it was computed from, as {@link #infer} does, and returns
   * it with its report: for results read back with {@link #inference(String)} or stored.
   *
   * @throws VerificationException when a check fails
   */
  InferenceResult verify(InferenceResult result, InferenceInput input);
}
