package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.models.Access;
import ai.nesa.aivm.sdk.storage.KernelStore;
import ai.nesa.aivm.sdk.testing.JsIpfsNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The devnet on a real IPFS node: js-ipfs 0.66.1 from core's build ({@code ../aivm-sdk-core/src/test/js},
 * installed when core's tests run, as they do before the devnet's in {@code mvn verify}).
 */
class DevnetOnIpfsTest {
  private static final EthPrivateKey OWNER = EthPrivateKey.fromBytes(
      Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")); // anvil account 0

  @Test
  void aKernelPublishedToIpfsRunsOnANode() throws Exception {
    Path js = Path.of(System.getProperty(JsIpfsNode.JS_DIR_PROPERTY, "../aivm-sdk-core/src/test/js")).toAbsolutePath();
    try (JsIpfsNode ipfs = JsIpfsNode.start(js, Path.of("target", "jsipfs-" + UUID.randomUUID()).toAbsolutePath());
        KernelStore store = KernelStore.ipfs(ipfs.rpc());
        LocalAivmNetwork devnet = LocalAivmNetwork.builder().nodes(2).store(store).start()) {
      AivmConfig config = Presets.onnxClassifier("acme/sentiment", "model.onnx");
      PublishedKernel published = devnet.kernels().upload(KernelBundle.builder().config(config)
          .file("model.onnx", TinyModel.BYTE_PAIR_SENTIMENT.bytes()).build());
      assertTrue(store.has(published.manifestCid()), "the manifest is pinned on the IPFS node");
      EthSigner owner = EthSigner.of(OWNER);
      for (LedgerAction action : new LedgerAction[] {new LedgerAction.RegisterModel(config.name(), Access.PUBLIC),
          new LedgerAction.PublishVersion(config.name(), config.version(), published.manifestCid(), published.manifest().hash())}) {
        LedgerReceipt r = devnet.ledger().submit(LedgerRequest.sign(action, owner, devnet.ledger().domain(),
            devnet.ledger().nextNonce(owner.address()), Instant.now().plusSeconds(60)));
        assertEquals(LedgerReceipt.Status.APPLIED, r.status(), r.toString());
      }
      for (DevnetNode node : devnet.nodes()) {
        assertEquals(1, node.runText(config.name(), config.version(), "a wonderful happy result").argmaxOfLastRow());
      }
    }
  }
}
