package ai.nesa.aivm.chain.internal.contracts;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** A test class with one anvil for all its tests and a freshly deployed ledger for each test. */
abstract class OnAnvilTest {
  static AnvilLedgers chain;
  DeployedLedger ledger;

  @BeforeAll
  static void startChain() throws Exception {
    chain = AnvilLedgers.start();
  }

  @AfterAll
  static void stopChain() {
    if (chain != null) {
      chain.close();
      chain = null;
    }
  }

  @BeforeEach
  void deploy() throws Exception {
    ledger = chain.deploy();
  }
}
