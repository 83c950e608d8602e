package ai.nesa.aivm.chain.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** The anvil launcher starts a node that answers JSON-RPC and leaves nothing running once closed. */
class AnvilNodeTest {

  @Test
  void startedNodeAnswersItsChainIdAndFundsDevAccountZero() throws Exception {
    try (AnvilNode anvil = AnvilNode.start()) {
      assertTrue(anvil.rpc("eth_chainId", "[]").contains("\"0x7a69\""));
      String balance = anvil.rpc("eth_getBalance", "[\"" + AnvilNode.DEV_ADDRESS_0 + "\",\"latest\"]");
      assertFalse(balance.contains("\"0x0\""), balance);
    }
  }

  @Test
  void closeStopsTheProcessAndFreesThePort() throws Exception {
    AnvilNode anvil = AnvilNode.start();
    anvil.close();
    assertFalse(anvil.isAlive());
    assertFalse(ProcessHandle.of(anvil.pid()).map(ProcessHandle::isAlive).orElse(false));
    IOException refused = assertThrows(IOException.class, () -> anvil.rpc("eth_chainId", "[]"));
    assertTrue(refused instanceof ConnectException || refused.getCause() instanceof ConnectException, refused.toString());
    anvil.close(); // a second close is harmless
  }
}
