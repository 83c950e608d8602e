package ai.nesa.aivm.chain.internal.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.chain.testing.AnvilNode;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tuples.generated.Tuple4;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * The toolchain end to end: the committed AivmLedger bytecode deploys on a real EVM (anvil) through
 * the web3j wrapper generated at build time, a transaction goes through, its event decodes and a
 * view reads the new state back.
 */
class AivmLedgerOnAnvilTest {
  private static AnvilNode anvil;
  private static Web3j web3j;
  private static Credentials deployer;
  private static AivmLedger ledger;

  @BeforeAll
  static void deploy() throws Exception {
    anvil = AnvilNode.start();
    web3j = Web3j.build(new HttpService(anvil.url().toString()));
    deployer = Credentials.create(AnvilNode.DEV_KEY_0);
    // anvil mines each transaction at once: poll for receipts every 50 ms, not web3j's 15 s.
    TransactionManager transactions = new RawTransactionManager(web3j, deployer, AnvilNode.CHAIN_ID,
        new PollingTransactionReceiptProcessor(web3j, 50, 200));
    StaticGasProvider gas = new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(15_000_000));
    ledger = AivmLedger.deploy(web3j, transactions, gas).send();
  }

  @AfterAll
  static void stop() {
    if (web3j != null) {
      web3j.shutdown();
    }
    if (anvil != null) {
      anvil.close();
    }
  }

  @Test
  void deploysFromTheDevAccount() throws Exception {
    assertTrue(ledger.getContractAddress().startsWith("0x"));
    assertTrue(ledger.getTransactionReceipt().orElseThrow().isStatusOK());
    assertEquals(AnvilNode.DEV_ADDRESS_0, ledger.getTransactionReceipt().orElseThrow().getFrom());
    String code = web3j.ethGetCode(ledger.getContractAddress(), DefaultBlockParameterName.LATEST).send().getCode();
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
    assertEquals(deployer.getAddress(), event.owner);
    assertFalse(event.isPrivate);

    Tuple4<String, BigInteger, BigInteger, Boolean> model = ledger.models(event.modelKey).send();
    assertEquals(deployer.getAddress(), model.component1());
    assertEquals(BigInteger.ZERO, model.component2());
    assertFalse(model.component4());
  }
}
