package ai.nesa.aivm.chain;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test class with one anvil for all its tests and a {@link Web3jLedger} on a freshly deployed
 * AivmLedger for each test; mining is switched back on after each.
 */
abstract class OnAnvilLedgerTest {
  static AnvilChain chain;
  Web3jLedger ledger;

  @BeforeAll
  static void startChain() throws Exception {
    chain = AnvilChain.start();
  }

  @AfterAll
  static void stopChain() {
    if (chain != null) {
      chain.close();
      chain = null;
    }
  }

  @BeforeEach
  void deployLedger() {
    ledger = chain.ledger().deploy();
  }

  @AfterEach
  void closeLedger() {
    chain.automine(true);
    ledger.close();
  }
}
