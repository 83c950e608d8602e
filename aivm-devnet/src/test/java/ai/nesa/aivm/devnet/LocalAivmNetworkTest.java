package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.Address;
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
import ai.nesa.aivm.sdk.ledger.NodeRecord;
import ai.nesa.aivm.sdk.models.Access;
import ai.nesa.aivm.sdk.storage.KernelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAivmNetworkTest {
  private static final EthPrivateKey OWNER = EthPrivateKey.fromBytes(
      Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")); // anvil account 0

  @Test
  void theNodesAreAnvilsDevAccountsOneToNineRegisteredOnTheLedger() {
    List<String> anvil = List.of(
        "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
        "0x90F79bf6EB2c4f870365E785982E1f101E93b906", "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
        "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc", "0x976EA74026E726554dB657fA54763abd0C3a0aa9",
        "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955", "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f",
        "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720");
    try (LocalAivmNetwork devnet = LocalAivmNetwork.builder().nodes(LocalAivmNetwork.MAX_NODES).start()) {
      assertEquals(anvil, devnet.nodes().stream().map(n -> n.address().toString()).toList());
      List<NodeRecord> registered = devnet.ledger().nodes();
      assertEquals(anvil, registered.stream().map(r -> r.address().toString()).toList());
      for (DevnetNode node : devnet.nodes()) {
        NodeRecord record = devnet.ledger().node(node.address()).orElseThrow();
        assertEquals(node.encryptionPublicKey(), record.encryptionPublicKey());
        assertEquals(node, devnet.node(node.address()).orElseThrow());
      }
      assertEquals(LocalAivmNetwork.MAX_NODES, devnet.nodes().stream().map(DevnetNode::encryptionPublicKey).distinct().count(),
          "every node has its own encryption key");
    }
  }

  @Test
  void aKernelPublishedOnTheNetworkGivesTheSameAnswerOnEveryNode() {
    try (LocalAivmNetwork devnet = LocalAivmNetwork.builder().start()) {
      assertEquals(3, devnet.nodes().size());
      AivmConfig config = Presets.onnxClassifier("acme/sentiment", "model.onnx");
      PublishedKernel published = devnet.kernels().upload(KernelBundle.builder().config(config)
          .file("model.onnx", TinyModel.BYTE_PAIR_SENTIMENT.bytes()).build());
      EthSigner owner = EthSigner.of(OWNER);
      for (LedgerAction action : List.of(new LedgerAction.RegisterModel(config.name(), Access.PUBLIC),
          new LedgerAction.PublishVersion(config.name(), config.version(), published.manifestCid(), published.manifest().hash()))) {
        LedgerReceipt receipt = devnet.ledger().submit(LedgerRequest.sign(action, owner, devnet.ledger().domain(),
            devnet.ledger().nextNonce(owner.address()), Instant.now().plusSeconds(60)));
        assertEquals(LedgerReceipt.Status.APPLIED, receipt.status(), receipt.toString());
      }
      List<float[]> answers = devnet.nodes().stream()
          .map(n -> n.runText(config.name(), config.version(), "what a fantastic node").values()).toList();
      for (float[] a : answers) {
        assertTrue(Arrays.equals(answers.get(0), a), "nodes agree bit for bit: " + Arrays.toString(a));
      }
      assertEquals(1, devnet.nodes().get(2).runText(config.name(), config.version(), "what a fantastic node").argmaxOfLastRow());
    }
  }

  @Test
  void closingDeletesTheTemporaryStoreButLeavesAGivenOneAlone(@TempDir Path dir) throws Exception {
    Set<Path> before = temporaryStores();
    Path temporary;
    try (LocalAivmNetwork devnet = LocalAivmNetwork.builder().nodes(1).start()) {
      devnet.kernels().upload(KernelBundle.builder().config(Presets.onnxClassifier("acme/a", "model.onnx"))
          .file("model.onnx", TinyModel.BYTE_PAIR_SENTIMENT.bytes()).build());
      Set<Path> made = temporaryStores();
      made.removeAll(before);
      assertEquals(1, made.size(), "the network made one temporary store: " + made);
      temporary = made.iterator().next();
      try (var files = Files.list(temporary)) {
        assertTrue(files.count() > 2, "the kernel is in it");
      }
    }
    assertFalse(Files.exists(temporary), "the temporary store is gone");

    try (KernelStore mine = KernelStore.localDirectory(dir.resolve("mine"));
        InMemoryLedger ledger = InMemoryLedger.create()) {
      try (LocalAivmNetwork devnet = LocalAivmNetwork.builder().nodes(2).store(mine).ledger(ledger).start()) {
        assertEquals(2, ledger.nodes().size());
      }
      assertEquals(2, ledger.nodes().size(), "a given ledger stays open");
      assertFalse(mine.has(ai.nesa.aivm.sdk.storage.ContentIds.v1Only().of(new byte[] {1}).cidV1()), "a given store stays open");
    }
  }

  private static Set<Path> temporaryStores() throws java.io.IOException {
    try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("aivm-devnet-store-"))
          .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
    }
  }

  @Test
  void theGatewayServesTheNetworksLedger() throws Exception {
    try (LocalAivmNetwork devnet = LocalAivmNetwork.builder().nodes(1).start()) {
      assertEquals("127.0.0.1", devnet.gateway().getHost());
      var http = java.net.http.HttpClient.newHttpClient();
      String node = devnet.nodes().get(0).address().toString();
      var response = http.send(java.net.http.HttpRequest.newBuilder(devnet.gateway().resolve("/v1/ledger/nonces/" + node)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      assertTrue(response.body().contains("\"nextNonce\":1"), "the node's registration used nonce 0: " + response.body());
    }
  }

  @Test
  void aNodeCountOutOfRangeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> LocalAivmNetwork.builder().nodes(0));
    assertThrows(IllegalArgumentException.class, () -> LocalAivmNetwork.builder().nodes(LocalAivmNetwork.MAX_NODES + 1));
    assertThrows(IllegalArgumentException.class, () -> LocalAivmNetwork.builder().port(70_000));
  }

  @Test
  void aLedgerThatAlreadyKnowsTheOperatorsUnderOtherNoncesStillRegistersThem() {
    try (InMemoryLedger ledger = InMemoryLedger.create()) {
      try (LocalAivmNetwork first = LocalAivmNetwork.builder().nodes(2).ledger(ledger).start()) {
        assertEquals(2, ledger.nodes().size());
      }
      try (LocalAivmNetwork second = LocalAivmNetwork.builder().nodes(2).ledger(ledger).start()) {
        assertEquals(2, ledger.nodes().size(), "re-registration replaces the records");
        Address node1 = second.nodes().get(0).address();
        assertEquals(second.nodes().get(0).encryptionPublicKey(), ledger.node(node1).orElseThrow().encryptionPublicKey());
      }
    }
  }
}
