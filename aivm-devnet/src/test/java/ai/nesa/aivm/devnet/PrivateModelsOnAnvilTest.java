package ai.nesa.aivm.devnet;

import ai.nesa.aivm.chain.Web3jLedger;
import ai.nesa.aivm.chain.testing.AnvilNode;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every test of {@link PrivateModelsOnDevnetTest} again, with the devnet's ledger an AivmLedger on
 * anvil through {@link Web3jLedger}: grants, revocations and rotations are transactions, and the
 * nodes and the gateway read them from the chain.
 */
class PrivateModelsOnAnvilTest extends PrivateModelsOnDevnetTest {
  /** Anvil's account 9 relays; public knowledge, never for real funds. */
  private static final EthSigner RELAYER = EthSigner.of(EthPrivateKey.fromBytes(
      Hex.decode("0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6")));

  private static AnvilNode anvil;
  private static Web3jLedger ledger;

  @BeforeAll
  static void start() throws Exception {
    anvil = AnvilNode.start();
    ledger = Web3jLedger.builder().rpc(anvil.url()).relayer(RELAYER).pollInterval(Duration.ofMillis(10)).deploy();
    startOn(LocalAivmNetwork.builder().nodes(3).ledger(ledger).start());
  }

  @AfterAll
  static void stop() {
    PrivateModelsOnDevnetTest.stop();
    if (ledger != null) {
      ledger.close();
    }
    if (anvil != null) {
      anvil.close();
    }
  }
}
