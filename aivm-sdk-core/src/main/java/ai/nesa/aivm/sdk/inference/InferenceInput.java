package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.sdk.internal.inference.InferenceJson;
import java.util.List;

/**
 * What an inference runs on: tensors for a classifier or any tensor model, text for a text model.
 *
 * <pre>{@code
 * InferenceInput.text("a wonderful happy result")
 * InferenceInput.text("Once upon").maxTokens(32)
 * InferenceInput.tensors(Tensor.ofLongs("input_ids", new long[] {1, 2}, 104, 105))
 * }</pre>
 *
 * @since 0.1.0
 */
public sealed interface InferenceInput permits TextInput, TensorInput {

  /** Text for a text model, with the model's defaults for length and temperature. */
  static TextInput text(String text) {
    return new TextInput(text, null, null);
  }

  /** Tensors, by the names of the model's inputs. */
  static TensorInput tensors(Tensor... tensors) {
    return new TensorInput(List.of(tensors));
  }

  /** Tensors, by the names of the model's inputs. */
  static TensorInput tensors(List<Tensor> tensors) {
    return new TensorInput(tensors);
  }

  /**
   * The hash a node's receipt binds: keccak-256 of this input's canonical JSON (RFC 8785, with
   * tensor data as base64 of its little-endian bytes), as the gateway document's {@code Receipt}
   * defines it.
   */
  default Hash32 hash() {
    return InferenceJson.hash(this);
  }

  /** This input as the gateway document's {@code InferenceInput} JSON. */
  default String toJson() {
    return InferenceJson.toJson(this);
  }

  /**
   * Reads an {@code InferenceInput} JSON object.
   *
   * @throws ai.nesa.aivm.AivmValidationException naming the JSON path and the rule broken
   */
  static InferenceInput fromJson(String json) {
    return InferenceJson.inputFromJson(json);
  }
}
