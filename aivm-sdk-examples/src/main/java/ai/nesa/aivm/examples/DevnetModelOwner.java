package ai.nesa.aivm.examples;

import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.devnet.TinyModel;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.models.Access;
import java.time.Instant;

/**
 * The examples' model owner on a devnet: uploads a tiny model as a kernel, then registers the model
 * and publishes the version on the ledger with requests it signs.
 *
 * <p>It signs with anvil's first dev key, which is public knowledge and never for real funds; the
 * devnet's nodes use anvil's next ones.
 */
final class DevnetModelOwner {
  private static final EthSigner OWNER = EthSigner.of(EthPrivateKey.fromBytes(
      Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")));

  private DevnetModelOwner() {}

  /**
   * Uploads {@code weights} as {@code config}'s entrypoint, registers {@code config.name()} as a
   * public model and publishes {@code config.version()}.
   *
   * @throws IllegalStateException when the ledger refuses a request (the model is someone else's, say)
   */
  static PublishedKernel publish(KernelUploader kernels, Ledger ledger, AivmConfig config, TinyModel weights) {
    PublishedKernel published = kernels.upload(KernelBundle.builder()
        .config(config)
        .file(config.runtime().entrypoint(), weights.bytes())
        .build());
    submit(ledger, new LedgerAction.RegisterModel(config.name(), Access.PUBLIC));
    submit(ledger, new LedgerAction.PublishVersion(config.name(), config.version(), published.manifestCid(),
        published.manifest().hash()));
    return published;
  }

  private static void submit(Ledger ledger, LedgerAction action) {
    LedgerReceipt receipt = ledger.submit(LedgerRequest.sign(action, OWNER, ledger.domain(),
        ledger.nextNonce(OWNER.address()), Instant.now().plusSeconds(600)));
    if (receipt.status() != LedgerReceipt.Status.APPLIED) {
      throw new IllegalStateException("the ledger refused " + action.kind().wireName() + ": "
          + receipt.error().map(e -> e.code().wireName() + ": " + e.message()).orElse(receipt.status().name()));
    }
  }
}
