package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.sdk.internal.inference.InferenceJson;

/**
 * What an inference gave: tensors, or text.
 *
 * @since 0.1.0
 */
public sealed interface InferenceOutput permits TextOutput, TensorOutput {

  /**
   * The hash a node's receipt binds: keccak-256 of this output's canonical JSON (RFC 8785, with
   * tensor data as base64 of its little-endian bytes).
   */
  default Hash32 hash() {
    return InferenceJson.hash(this);
  }

  /** This output as the gateway document's {@code InferenceOutput} JSON. */
  default String toJson() {
    return InferenceJson.toJson(this);
  }

  /**
   * Reads an {@code InferenceOutput} JSON object.
   *
   * @throws ai.nesa.aivm.AivmValidationException naming the JSON path and the rule broken
   */
  static InferenceOutput fromJson(String json) {
    return InferenceJson.outputFromJson(json);
  }
}
