package ai.nesa.aivm.chain.internal.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple4;

/**
 * The toolchain end to end: the committed AivmLedger bytecode deploys on a real EVM (anvil) through
 * the web3j wrapper generated at build time, a transaction goes through, its event decodes and a
 * view reads the new state back.
 */
class AivmLedgerOnAnvilTest {
  private static AnvilLedgers chain;
  private static AivmLedger ledger;

  @BeforeAll
  static void deploy() throws Exception {
    chain = AnvilLedgers.start();
    ledger = chain.deploy().contract();
  }

  @AfterAll
  static void stop() {
    if (chain != null) {
      chain.close();
    }
  }

  @Test
  void deploysFromTheRelayerAccount() throws Exception {
    assertTrue(ledger.getContractAddress().startsWith("0x"));
    assertTrue(ledger.getTransactionReceipt().orElseThrow().isStatusOK());
    assertEquals(DevAccount.RELAYER.hex(), ledger.getTransactionReceipt().orElseThrow().getFrom());
    String code = chain.web3j().ethGetCode(ledger.getContractAddress(), DefaultBlockParameterName.LATEST).send()
        .getCode();
    assertTrue(code.length() > 2, "no code at " + ledger.getContractAddress());
  }

  @Test
  void registersAModelAndEmitsModelRegistered() throws Exception {
    TransactionReceipt receipt = ledger.registerModel(new AivmLedger.RegisterModelRequest("acme/tiny-mlp", "public")).send();

    assertTrue(receipt.isStatusOK());
    List<AivmLedger.ModelRegisteredEventResponse> events = AivmLedger.getModelRegisteredEvents(receipt);
    assertEquals(1, events.size());
    AivmLedger.ModelRegisteredEventResponse event = events.get(0);
    assertEquals(32, event.modelKey.length);
    assertEquals("acme/tiny-mlp", event.model);
    assertEquals(DevAccount.RELAYER.hex(), event.owner);
    assertFalse(event.isPrivate);

    Tuple4<String, BigInteger, BigInteger, Boolean> model = ledger.models(event.modelKey).send();
    assertEquals(DevAccount.RELAYER.hex(), model.component1());
    assertEquals(BigInteger.ZERO, model.component2());
    assertFalse(model.component4());
  }
}
