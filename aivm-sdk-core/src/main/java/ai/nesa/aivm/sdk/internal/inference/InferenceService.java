package ai.nesa.aivm.sdk.internal.inference;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.sdk.AivmServiceException;
import ai.nesa.aivm.sdk.AivmTimeoutException;
import ai.nesa.aivm.sdk.ServiceError;
import ai.nesa.aivm.sdk.inference.ConsensusException;
import ai.nesa.aivm.sdk.inference.Deployment;
import ai.nesa.aivm.sdk.inference.InferenceEvent;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.inference.InferenceOptions;
import ai.nesa.aivm.sdk.inference.InferenceResult;
import ai.nesa.aivm.sdk.inference.InferenceStatus;
import ai.nesa.aivm.sdk.inference.InferenceStream;
import ai.nesa.aivm.sdk.inference.InferenceStreamException;
import ai.nesa.aivm.sdk.inference.VerificationException;
import ai.nesa.aivm.sdk.inference.VerificationFailure;
import ai.nesa.aivm.sdk.inference.VerificationReport;
import ai.nesa.aivm.sdk.internal.http.GatewayTransport;
import ai.nesa.aivm.sdk.kernels.Consensus;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.models.ModelRegistry;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the synchronous and asynchronous inference clients share: the transport, the verifier and
 * its trust source, the deployments they have seen (whose consensus policy and nodes a result is
 * held to), and the mapping of gateway refusals to the inference exceptions.
 */
final class InferenceService {
  private static final Logger log = LoggerFactory.getLogger("ai.nesa.aivm.sdk.inference");
  private static final int REMEMBERED = 1024;

  final GatewayTransport transport;
  final Executor executor;
  final Clock clock;
  private final ResultVerifier verifier;
  private final Map<String, Deployment> deployments = Collections.synchronizedMap(
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deployment> eldest) {
          return size() > REMEMBERED;
        }
      });

  InferenceService(GatewayTransport transport, ModelRegistry models, Ledger ledger, Executor executor, Clock clock) {
    this.transport = transport;
    this.executor = executor;
    this.clock = clock;
    this.verifier = new ResultVerifier(ledger == null ? new GatewayTrust(transport, models, clock) : new LedgerTrust(ledger));
  }

  Deployment remember(Deployment d) {
    deployments.put(d.id(), d);
    return d;
  }

  private Deployment deployment(String id, boolean fresh) {
    Deployment d = fresh ? null : deployments.get(id);
    return d != null ? d : remember(transport.execute(InferenceCalls.deployment(id), InferenceCalls.DEPLOYMENT));
  }

  /** The result with its report: verified, or marked skipped when the options say so. */
  InferenceResult verified(InferenceResult result, InferenceInput input, InferenceOptions options) {
    if (!options.verify()) {
      Consensus.Kind policy = result.consensus().policy() == null ? Consensus.Kind.NONE : result.consensus().policy();
      return result.toBuilder().verification(VerificationReport.skipped(policy)).build();
    }
    return verified(result, input.hash());
  }

  InferenceResult verified(InferenceResult result, Hash32 inputHash) {
    try {
      return result.toBuilder().verification(verifier.verify(result, inputHash, deployment(result.deployment(), false)))
          .build();
    } catch (VerificationException e) {
      boolean nodesChanged = e.failures().stream()
          .anyMatch(f -> f.check() == VerificationFailure.Check.NODE_IN_DEPLOYMENT);
      if (!nodesChanged) {
        throw e;
      }
      // The gateway may have moved the deployment to other nodes since it was read: read it again, once.
      return result.toBuilder().verification(verifier.verify(result, inputHash, deployment(result.deployment(), true)))
          .build();
    }
  }

  /** The typed exception for a gateway refusal of an inference. */
  AivmException failure(ServiceError error) {
    if ("consensus_failed".equals(error.code())) {
      Map<Address, Hash32> outputs = new LinkedHashMap<>();
      for (Problem p : error.details()) {
        try {
          outputs.put(Address.of(p.path()), Hash32.of(p.message()));
        } catch (RuntimeException e) {
          log.debug("skipping a consensus_failed detail that is not a node and an output hash: {}", p.path());
        }
      }
      String which = error.requestId() == null ? "(unknown)" : "(gateway request " + error.requestId() + ")";
      return new ConsensusException(which, null, 0, outputs, List.of(new VerificationFailure(null,
          VerificationFailure.Check.CONSENSUS, "the gateway: " + error.message())));
    }
    if ("timeout".equals(error.code())) {
      return new AivmTimeoutException("the gateway gave up on the inference: " + error.message()
          + (error.requestId() == null ? "" : " (request " + error.requestId() + ")"));
    }
    int status = error.status() != 0 ? error.status() : switch (error.code()) {
      case "lock_exhausted" -> 402;
      case "deployment_not_ready" -> 409;
      case "cancelled" -> 409;
      default -> 500;
    };
    return AivmServiceException.of(new ServiceError(status, error.code(), error.message(), error.requestId(),
        error.details(), error.retryAfter()));
  }

  /** Maps a consensus refusal thrown by the transport to {@link ConsensusException}; others pass. */
  RuntimeException mapped(RuntimeException e) {
    if (e instanceof AivmServiceException s && "consensus_failed".equals(s.code())) {
      return failure(s.error());
    }
    if (e instanceof AivmServiceException s && s.status() == 504 && "timeout".equals(s.code())) {
      return failure(s.error());
    }
    return e;
  }

  /** Opens a streamed inference; returns once the gateway has answered with a stream. */
  InferenceStream stream(String deploymentId, InferenceInput input, InferenceOptions options) {
    Objects.requireNonNull(options, "options");
    GatewayTransport.OpenStream open;
    try {
      open = transport.openStream(InferenceCalls.infer(deploymentId, input, options, true));
    } catch (RuntimeException e) {
      throw mapped(e);
    }
    return SseInferenceStream.of(open, streamHandler(input, options));
  }

  /** The publisher form of {@link #stream}: the request is sent on the first demand. */
  Flow.Publisher<InferenceEvent> publisher(String deploymentId, InferenceInput input, InferenceOptions options) {
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(options, "options");
    return new StreamPublisher(() -> stream(deploymentId, input, options), executor);
  }

  /** The handler of one stream's ends. */
  private SseInferenceStream.Handler streamHandler(InferenceInput input, InferenceOptions options) {
    return new SseInferenceStream.Handler() {
      @Override
      public InferenceResult verify(InferenceResult result) {
        return verified(result, input, options);
      }

      @Override
      public AivmException failure(ServiceError error) {
        return InferenceService.this.failure(error);
      }

      @Override
      public InferenceResult afterCut(String inferenceId, long chunks, Throwable cause) {
        String why = cause == null ? "the gateway ended the stream" : "the connection failed (" + cause + ")";
        if (inferenceId == null) {
          throw new InferenceStreamException(why + " before the inference was acknowledged", null, 0, null, cause);
        }
        InferenceStatus status = null;
        try {
          var state = transport.execute(InferenceCalls.inference(inferenceId), InferenceCalls.STATE);
          status = state.status();
          if (state.result() != null) {
            log.debug("stream of {} was cut after {} chunks; the inference had completed, using its result",
                inferenceId, chunks);
            return verified(state.result(), input, options);
          }
        } catch (AivmException e) {
          log.debug("could not read inference {} after its stream was cut: {}", inferenceId, e.toString());
        }
        throw new InferenceStreamException(why + " after " + chunks + " chunk(s) without done or error; inference "
            + inferenceId + (status == null ? "" : " is " + status.wireName()), inferenceId, chunks, status, cause);
      }

      @Override
      public void cancel(String inferenceId) {
        transport.executeAsync(InferenceCalls.cancel(inferenceId), InferenceCalls.STATE).whenComplete((s, e) -> {
          if (e != null) {
            log.debug("cancelling inference {} failed: {}", inferenceId, e.toString());
          }
        });
      }
    };
  }
}
