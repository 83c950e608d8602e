package ai.nesa.aivm.devnet.internal;

import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.models.Task;
import java.util.Objects;

/**
 * A kernel a node has verified and loaded: its config, its ONNX session and the manifest hash the
 * ledger published, which the node's receipts bind.
 *
 * @param config the kernel's validated {@code aivm.json}
 * @param session the loaded model
 * @param manifestHash the ledger's hash of the kernel's manifest
 * @param encrypted whether its weights were decrypted with a grant: the grant is checked again at
 *     every run
 */
public record LoadedKernel(AivmConfig config, OnnxSession session, Hash32 manifestHash, boolean encrypted) {
  public LoadedKernel {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(manifestHash, "manifestHash");
  }

  /**
   * Whether text input is generated from, token by token: the config's task is {@code
   * text-generation}. Any other kernel given text runs once on its bytes and answers tensors.
   */
  public boolean generatesText() {
    return Task.TEXT_GENERATION.equals(config.task());
  }

  /** The name of the kernel's first output: the logits a generator picks tokens from. */
  public String firstOutput() {
    return config.outputs().get(0).name();
  }
}
