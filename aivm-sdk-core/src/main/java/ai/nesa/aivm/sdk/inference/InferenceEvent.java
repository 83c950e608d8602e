package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One event of a streamed inference: {@link Ack} first, then {@link Chunk}s, then {@link Done}.
 * A failure is not an event: the stream throws it.
 *
 * @since 0.1.0
 */
public sealed interface InferenceEvent {

  /**
   * The gateway accepted the inference.
   *
   * @param id the inference's id
   * @param deployment the deployment's id
   * @param model the model; null when the gateway did not say
   * @param version the version; null when the gateway did not say
   * @param nodes the nodes running it
   * @param startedAt when it started
   */
  record Ack(String id, String deployment, ModelId model, Semver version, List<Address> nodes, Instant startedAt)
      implements InferenceEvent {
    public Ack {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(deployment, "deployment");
      nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
      Objects.requireNonNull(startedAt, "startedAt");
    }
  }

  /**
   * A piece of output as it is made: a token of text, or a tensor. Provisional: {@link Done}'s
   * output is the one consensus chose.
   *
   * @param index the chunk's number from 0, without gaps
   * @param text the text piece; null for a tensor chunk
   * @param tensor the tensor; null for a text chunk
   */
  record Chunk(long index, String text, Tensor tensor) implements InferenceEvent {
    public Optional<String> textPiece() {
      return Optional.ofNullable(text);
    }

    public Optional<Tensor> tensorPiece() {
      return Optional.ofNullable(tensor);
    }

    @Override
    public String toString() {
      return "Chunk[" + index + (text != null ? ", " + text.length() + " chars" : "")
          + (tensor != null ? ", " + tensor : "") + "]";
    }
  }

  /**
   * The inference completed: the whole result, verified unless verification was skipped.
   *
   * @param result the result
   */
  record Done(InferenceResult result) implements InferenceEvent {
    public Done {
      Objects.requireNonNull(result, "result");
    }
  }
}
