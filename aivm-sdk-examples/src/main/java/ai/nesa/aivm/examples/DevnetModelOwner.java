package ai.nesa.aivm.examples;

import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.devnet.LocalAivmNetwork;
import ai.nesa.aivm.devnet.TinyModel;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;

/**
 * The examples' model owner on a devnet: its wallet, and the upload and registration of a tiny
 * model as a kernel through a client built with that wallet.
 *
 * <p>It signs with anvil's first dev key, which is public knowledge and never for real funds; the
 * devnet's nodes use anvil's next ones.
 */
final class DevnetModelOwner {
  /** The owner's key. */
  static final EthPrivateKey KEY = EthPrivateKey.fromBytes(
      Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
  /** The owner's wallet: give it to the client with {@code AivmClient.builder().wallet(...)}. */
  static final EthSigner WALLET = EthSigner.of(KEY);

  private DevnetModelOwner() {}

  /** {@link #publish(KernelUploader, AivmConfig, TinyModel)} on {@code devnet}'s store and ledger, without a client. */
  static PublishedKernel publish(LocalAivmNetwork devnet, AivmConfig config, TinyModel weights) {
    return publish(KernelUploader.using(devnet.store(), devnet.ledger(), WALLET), config, weights);
  }

  /**
   * Uploads {@code weights} as {@code config}'s entrypoint and registers the kernel on the ledger
   * with {@code kernels} (a client's, built with {@link #WALLET} and the devnet's ledger): the model
   * as a public one, then the version.
   *
   * @throws ai.nesa.aivm.sdk.ledger.LedgerRejectedException when the ledger refuses a request (the
   *     model is someone else's, say)
   */
  static PublishedKernel publish(KernelUploader kernels, AivmConfig config, TinyModel weights) {
    PublishedKernel published = kernels.upload(KernelBundle.builder()
        .config(config)
        .file(config.runtime().entrypoint(), weights.bytes())
        .build());
    kernels.register(published);
    return published;
  }
}
