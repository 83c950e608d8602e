package ai.nesa.aivm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.devnet.LocalAivmNetwork;
import ai.nesa.aivm.devnet.TinyModel;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.models.Access;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** BrowseCatalog, unchanged, against a real devnet with two published models. */
class BrowseCatalogOnDevnetTest {
  private static final EthPrivateKey OWNER = EthPrivateKey.fromBytes(
      Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")); // anvil account 0

  private static void publish(LocalAivmNetwork devnet, AivmConfig config, TinyModel weights) {
    PublishedKernel published = devnet.kernels().upload(KernelBundle.builder().config(config)
        .file("model.onnx", weights.bytes()).build());
    EthSigner owner = EthSigner.of(OWNER);
    for (LedgerAction action : new LedgerAction[] {new LedgerAction.RegisterModel(config.name(), Access.PUBLIC),
        new LedgerAction.PublishVersion(config.name(), config.version(), published.manifestCid(), published.manifest().hash())}) {
      LedgerReceipt r = devnet.ledger().submit(LedgerRequest.sign(action, owner, devnet.ledger().domain(),
          devnet.ledger().nextNonce(owner.address()), Instant.now().plusSeconds(60)));
      assertEquals(LedgerReceipt.Status.APPLIED, r.status(), r.toString());
    }
  }

  @Test
  void itFindsTheClassifierAndNotTheGenerator() {
    try (LocalAivmNetwork devnet = LocalAivmNetwork.builder().nodes(1).start()) {
      publish(devnet, Presets.onnxClassifier("acme/sentiment", "model.onnx"), TinyModel.BYTE_PAIR_SENTIMENT);
      publish(devnet, Presets.onnxTextGenerator("acme/bigram", "model.onnx"), TinyModel.BYTE_BIGRAM);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = BrowseCatalog.run(new String[] {devnet.gateway().toString(), "task=text-classification", "sort=rating"},
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
      String table = out.toString(StandardCharsets.UTF_8);
      assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
      assertTrue(table.contains("acme/sentiment"), table);
      assertFalse(table.contains("acme/bigram"), table);
    }
  }
}
