package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.nesa.aivm.crypto.ChunkedEncryption;
import ai.nesa.aivm.crypto.Ecies;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.kernels.Security;
import ai.nesa.aivm.sdk.kernels.UploadOptions;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.models.Access;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Publishes the tiny models on a devnet, as a model owner would: upload, register, publish, grant. */
final class TinyKernels {
  /** Anvil's account 0: public knowledge, never for real funds. */
  static final EthPrivateKey OWNER = EthPrivateKey.fromBytes(
      Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));

  private TinyKernels() {}

  /** The byte-pair sentiment classifier, public, as {@code name} 0.1.0. */
  static AivmConfig classifier(LocalAivmNetwork devnet, String name) {
    return publish(devnet, Presets.onnxClassifier(name, "model.onnx"), TinyModel.BYTE_PAIR_SENTIMENT);
  }

  /** The byte bigram text generator, public, as {@code name} 0.1.0. */
  static AivmConfig generator(LocalAivmNetwork devnet, String name) {
    return publish(devnet, Presets.onnxTextGenerator(name, "model.onnx"), TinyModel.BYTE_BIGRAM);
  }

  /** Publishes {@code config} with {@code model}'s weights, public. */
  static AivmConfig publish(LocalAivmNetwork devnet, AivmConfig config, TinyModel model) {
    PublishedKernel published = devnet.kernels().upload(bundle(config, model));
    apply(devnet, new LedgerAction.RegisterModel(config.name(), Access.PUBLIC));
    apply(devnet, new LedgerAction.PublishVersion(config.name(), config.version(), published.manifestCid(),
        published.manifest().hash()));
    return config;
  }

  /** The classifier as a private model {@code name}, its key granted (epoch 1) to {@code granted} only. */
  static AivmConfig privateClassifier(LocalAivmNetwork devnet, String name, List<DevnetNode> granted) {
    AivmConfig config = Presets.onnxClassifier(name, "model.onnx").toBuilder().security(Security.privateAccess())
        .build();
    SecretBytes dataKey = ChunkedEncryption.aes256Gcm().newKey();
    PublishedKernel published = devnet.kernels().upload(bundle(config, TinyModel.BYTE_PAIR_SENTIMENT),
        UploadOptions.builder().dataKey(dataKey).build());
    apply(devnet, new LedgerAction.RegisterModel(config.name(), Access.PRIVATE));
    apply(devnet, new LedgerAction.PublishVersion(config.name(), config.version(), published.manifestCid(),
        published.manifest().hash()));
    apply(devnet, new LedgerAction.RotateEpoch(config.name(), 1, 1, new byte[0]));
    for (DevnetNode node : granted) {
      apply(devnet, new LedgerAction.Grant(config.name(), node.address(), 1,
          Ecies.wrapKey(node.encryptionPublicKey(), dataKey, new SecureRandom()), Optional.empty()));
    }
    return config;
  }

  /** Signs {@code action} as {@link #OWNER} and checks the ledger applied it. */
  static void apply(LocalAivmNetwork devnet, LedgerAction action) {
    EthSigner owner = EthSigner.of(OWNER);
    LedgerReceipt r = devnet.ledger().submit(LedgerRequest.sign(action, owner, devnet.ledger().domain(),
        devnet.ledger().nextNonce(owner.address()), Instant.now().plusSeconds(60)));
    assertEquals(LedgerReceipt.Status.APPLIED, r.status(), r.toString());
  }

  private static KernelBundle bundle(AivmConfig config, TinyModel model) {
    return KernelBundle.builder().config(config).file("model.onnx", model.bytes()).build();
  }
}
