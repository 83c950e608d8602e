package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.chain.ChainEvent;
import ai.nesa.aivm.chain.Web3jLedger;
import ai.nesa.aivm.chain.testing.AnvilNode;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.inference.Deployment;
import ai.nesa.aivm.sdk.inference.DeploymentSpec;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.inference.InferenceResult;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.ledger.LedgerRequestKind;
import ai.nesa.aivm.sdk.ledger.NodeRecord;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The devnet on a real EVM instead of its in-memory ledger: an AivmLedger on anvil through {@link
 * Web3jLedger}. The nodes register on the chain, the owner's client registers a kernel there, and
 * an inference is verified against what the chain records.
 */
class DevnetOnAnvilTest {
  /** Anvil's account 9 relays (pays the gas); the nodes sign as accounts 1 to 3. Public keys, never for real funds. */
  private static final EthSigner RELAYER = EthSigner.of(EthPrivateKey.fromBytes(
      Hex.decode("0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6")));

  private static AnvilNode anvil;
  private static Web3jLedger ledger;
  private static LocalAivmNetwork devnet;

  @BeforeAll
  static void start() throws Exception {
    anvil = AnvilNode.start();
    ledger = Web3jLedger.builder().rpc(anvil.url()).relayer(RELAYER).pollInterval(Duration.ofMillis(10)).deploy();
    devnet = LocalAivmNetwork.builder().nodes(3).ledger(ledger).start();
  }

  @AfterAll
  static void stop() {
    if (devnet != null) {
      devnet.close();
    }
    if (ledger != null) {
      ledger.close();
    }
    if (anvil != null) {
      anvil.close();
    }
  }

  @Test
  void theDevnetsNodesRegisterOnTheChain() {
    assertEquals(devnet.nodes().stream().map(DevnetNode::address).toList(),
        ledger.nodes().stream().map(NodeRecord::address).toList());
    for (ChainEvent e : ledger.chainEvents(0, 3)) {
      assertEquals(LedgerRequestKind.REGISTER_NODE, e.event().action().kind());
      assertTrue(e.blockNumber() > ledger.deploymentBlock(), e.toString());
    }
  }

  @Test
  void aKernelRegisteredOnTheChainRunsOnTheDevnetVerifiedAgainstTheChain() {
    AivmConfig config = Presets.onnxClassifier("acme/sentiment-on-anvil", "model.onnx");
    try (AivmClient client = AivmClient.builder().gateway(devnet.gateway()).store(devnet.store()).ledger(ledger)
        .wallet(EthSigner.of(TinyKernels.OWNER)).build()) {
      client.kernels().register(client.kernels().upload(KernelBundle.builder().config(config)
          .file("model.onnx", TinyModel.BYTE_PAIR_SENTIMENT.bytes()).build()));
      assertEquals(TinyKernels.OWNER.address(), client.models().get(config.name()).summary().owner(),
          "the devnet's catalog reads the chain");

      Deployment deployment = client.inference().waitUntilReady(
          client.inference().deploy(DeploymentSpec.verified(config.name())).id(), Duration.ofSeconds(30));
      InferenceResult result = client.inference().infer(deployment.id(), InferenceInput.text("a wonderful happy result"));

      assertEquals(1, result.tensorOutput().tensor("logits").argmaxOfLastRow());
      assertTrue(result.verification().verified());
      assertEquals(3, result.verification().agreeing().size(), result.verification().toString());
      assertEquals(List.of(), ledger.reviews(config.name()));
    }
  }
}
