package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.chain.testing.AnvilNode;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.ledger.NodeRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevnetMainTest {
  @Test
  void itPrintsAUrlAClientCanUse() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DevnetMain.Running running = DevnetMain.start(new String[] {"nodes=2"}, Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8))) {
      LocalAivmNetwork network = running.network();
      String printed = out.toString(StandardCharsets.UTF_8);
      String url = printed.lines().findFirst().orElseThrow().replace("AIVM devnet at ", "");
      assertEquals(network.gateway().toString(), url);
      assertEquals(2, printed.lines().filter(l -> l.startsWith("  node ")).count(), printed);
      HttpResponse<String> domain = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(url + "/v1/ledger/domain")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, domain.statusCode());
      assertTrue(domain.body().contains("\"chainId\":31337"), domain.body());
    }
  }

  @Test
  void aBadArgumentIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DevnetMain.start(new String[] {"colour=red"}, Map.of(), System.out));
    assertTrue(e.getMessage().contains("colour=red"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DevnetMain.start(new String[] {"nodes=12"}, Map.of(), System.out));
    IllegalArgumentException lone = assertThrows(IllegalArgumentException.class,
        () -> DevnetMain.start(new String[] {"contract=0x" + "11".repeat(20)}, Map.of(), System.out));
    assertTrue(lone.getMessage().contains("needs chain=URL"), lone.getMessage());
  }

  @Test
  void onAChainItsLedgerIsAnAivmLedgerThereThatALaterDevnetCanUseAgain() throws Exception {
    try (AnvilNode anvil = AnvilNode.start()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      String contract;
      try (DevnetMain.Running running = DevnetMain.start(new String[] {"nodes=2", "chain=" + anvil.url()}, Map.of(),
          new PrintStream(out, true, StandardCharsets.UTF_8))) {
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("  ledger  on " + anvil.url() + ", chain id 31337, contract 0x"), printed);
        Ledger onChain = running.chainLedger();
        assertEquals(running.network().nodes().stream().map(DevnetNode::address).toList(),
            onChain.nodes().stream().map(NodeRecord::address).toList(), "the nodes registered on the chain");
        contract = onChain.domain().verifyingContract().hex();
      }
      try (DevnetMain.Running again = DevnetMain.start(new String[] {"nodes=1", "chain=" + anvil.url(),
          "contract=" + contract}, Map.of(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
        assertEquals(contract, again.chainLedger().domain().verifyingContract().hex());
        assertEquals(2, again.chainLedger().nodes().size(), "node 1 registered again, keeping its place");
      }
    }
  }
}
