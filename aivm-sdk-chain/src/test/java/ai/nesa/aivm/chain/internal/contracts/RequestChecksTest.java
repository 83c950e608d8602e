package ai.nesa.aivm.chain.internal.contracts;

import static ai.nesa.aivm.chain.internal.contracts.Actions.MODEL;
import static ai.nesa.aivm.chain.internal.contracts.Actions.VERSION;
import static ai.nesa.aivm.chain.internal.contracts.DeployedLedger.LATER;
import static ai.nesa.aivm.chain.internal.contracts.DevAccount.OWNER;
import static ai.nesa.aivm.chain.internal.contracts.DevAccount.STRANGER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerDomain;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.models.Access;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The checks every relayed request passes before its action's rules, in the {@code Ledger} SPI's
 * order: the signature ({@code InvalidSignature}), the deadline ({@code DeadlinePassed}), the
 * signer's nonce ({@code NonceMismatch}); and a rejected request changes nothing, its nonce included.
 */
class RequestChecksTest extends OnAnvilTest {
  private static final LedgerAction.RegisterModel REGISTER = Actions.registerModel(MODEL, Access.PUBLIC);
  /** secp256k1's group order n: (r, n - s, v flipped) is the same signature's high-s twin. */
  private static final BigInteger N =
      new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

  @Test
  void aChangedActionFieldIsAnInvalidSignature() throws Exception {
    LedgerRequest signed = ledger.sign(REGISTER, OWNER);

    ContractError error = ledger.rejection(ledger.contract().registerModel(
        new AivmLedger.RegisterModelRequest("acme/other-model", "public"), ContractCalls.auth(signed)));

    assertEquals(ContractError.of("InvalidSignature", OWNER.address()), error);
  }

  @Test
  void aChangedNonceIsAnInvalidSignatureNotANonceMismatch() throws Exception {
    AivmLedger.Auth auth = ContractCalls.auth(ledger.sign(REGISTER, OWNER));
    auth = new AivmLedger.Auth(auth.signer, BigInteger.ONE, auth.deadline, auth.signature);

    ContractError error = ledger.rejection(ledger.contract().registerModel(ContractCalls.struct(REGISTER), auth));

    assertEquals(ContractError.of("InvalidSignature", OWNER.address()), error);
  }

  @Test
  void aChangedDeadlineIsAnInvalidSignature() throws Exception {
    AivmLedger.Auth auth = ContractCalls.auth(ledger.sign(REGISTER, OWNER));
    auth = new AivmLedger.Auth(auth.signer, auth.nonce, auth.deadline.add(BigInteger.ONE), auth.signature);

    ContractError error = ledger.rejection(ledger.contract().registerModel(ContractCalls.struct(REGISTER), auth));

    assertEquals(ContractError.of("InvalidSignature", OWNER.address()), error);
  }

  @Test
  void anotherSignersNameOnTheRequestIsAnInvalidSignature() throws Exception {
    AivmLedger.Auth auth = ContractCalls.auth(ledger.sign(REGISTER, OWNER));
    auth = new AivmLedger.Auth(STRANGER.hex(), auth.nonce, auth.deadline, auth.signature);

    ContractError error = ledger.rejection(ledger.contract().registerModel(ContractCalls.struct(REGISTER), auth));

    assertEquals(ContractError.of("InvalidSignature", STRANGER.address()), error);
  }

  @Test
  void aRequestSignedForAnotherContractOrChainIsAnInvalidSignature() throws Exception {
    LedgerDomain otherContract = new LedgerDomain(31337, Address.of("0x" + "11".repeat(20)));
    LedgerDomain otherChain = new LedgerDomain(1, ledger.domain().verifyingContract());

    for (LedgerDomain domain : new LedgerDomain[] {otherContract, otherChain}) {
      LedgerRequest request = LedgerRequest.sign(REGISTER, OWNER.signer(), domain, 0, LATER);
      assertEquals(ContractError.of("InvalidSignature", OWNER.address()), ledger.rejection(request), domain.toString());
    }
  }

  @Test
  void theHighSTwinOfAValidSignatureIsAnInvalidSignature() throws Exception {
    LedgerRequest signed = ledger.sign(REGISTER, OWNER);
    byte[] twin = signed.signature().toBytes();
    byte[] highS = N.subtract(signed.signature().s()).toByteArray();
    Arrays.fill(twin, 32, 64, (byte) 0);
    System.arraycopy(highS, highS.length - 32, twin, 32, 32);
    twin[64] = (byte) (twin[64] == 27 ? 28 : 27);
    AivmLedger.Auth auth = ContractCalls.auth(signed);

    ContractError error = ledger.rejection(ledger.contract().registerModel(ContractCalls.struct(REGISTER),
        new AivmLedger.Auth(auth.signer, auth.nonce, auth.deadline, twin)));

    assertEquals(ContractError.of("InvalidSignature", OWNER.address()), error);
    ledger.relay(signed); // the low-s original applies
  }

  @Test
  void aDeadlineBeforeTheBlockTimeIsDeadlinePassedAndOneEqualToItApplies() throws Exception {
    long blockTime = chain.latestBlockTime() + 1_000;
    chain.setNextBlockTimestamp(blockTime);

    ContractError error = ledger.rejection(ledger.sign(REGISTER, OWNER, 0, Instant.ofEpochSecond(blockTime - 1)));
    TransactionReceipt applied = ledger.relay(ledger.sign(REGISTER, OWNER, 0, Instant.ofEpochSecond(blockTime)));

    assertEquals(ContractError.of("DeadlinePassed", blockTime - 1, blockTime), error);
    assertEquals(blockTime, chain.blockTime(applied));
  }

  @Test
  void aNonceOtherThanTheSignersNextIsNonceMismatch() throws Exception {
    ContractError ahead = ledger.rejection(ledger.sign(REGISTER, OWNER, 5, LATER));

    assertEquals(ContractError.of("NonceMismatch", OWNER.address(), 0, 5), ahead);
  }

  @Test
  void aReplayedRequestIsNonceMismatch() throws Exception {
    LedgerRequest request = ledger.sign(REGISTER, OWNER);
    ledger.relay(request);

    assertEquals(ContractError.of("NonceMismatch", OWNER.address(), 1, 0), ledger.rejection(request));
  }

  @Test
  void aBadSignatureIsReportedBeforeAPassedDeadline() throws Exception {
    LedgerRequest expired = ledger.sign(REGISTER, OWNER, 0, Instant.ofEpochSecond(1));

    ContractError error = ledger.rejection(ledger.contract().registerModel(
        new AivmLedger.RegisterModelRequest("acme/other-model", "public"), ContractCalls.auth(expired)));

    assertEquals(ContractError.of("InvalidSignature", OWNER.address()), error);
  }

  @Test
  void aPassedDeadlineIsReportedBeforeAWrongNonce() throws Exception {
    ContractError error = ledger.rejection(ledger.sign(REGISTER, OWNER, 7, Instant.ofEpochSecond(1)));

    assertEquals("DeadlinePassed", error.name());
    assertEquals(BigInteger.ONE, error.args().get(0));
  }

  @Test
  void aWrongNonceIsReportedBeforeTheActionsRules() throws Exception {
    ContractError error = ledger.rejection(ledger.sign(Actions.publish(MODEL, VERSION), OWNER, 3, LATER));

    assertEquals(ContractError.of("NonceMismatch", OWNER.address(), 0, 3), error);
  }

  @Test
  void aRejectedRequestLeavesTheNonceForTheNextRequest() throws Exception {
    LedgerRequest rejected = ledger.sign(Actions.publish(MODEL, VERSION), OWNER);
    assertEquals(ContractError.of("NotFound", "model"), ledger.rejection(rejected));

    ledger.mineRejected(ContractCalls.relayed(ledger.contract(), rejected));

    assertEquals(0, ledger.nonce(OWNER));
    ledger.relay(ledger.sign(REGISTER, OWNER, 0, LATER));
    assertEquals(1, ledger.nonce(OWNER));
  }

  @Test
  void aSignatureOfTheWrongLengthIsAnInvalidSignature() throws Exception {
    AivmLedger.Auth auth = ContractCalls.auth(ledger.sign(REGISTER, OWNER));
    byte[] truncated = Arrays.copyOf(auth.signature, 64);

    ContractError error = ledger.rejection(ledger.contract().registerModel(ContractCalls.struct(REGISTER),
        new AivmLedger.Auth(auth.signer, auth.nonce, auth.deadline, truncated)));

    assertEquals(ContractError.of("InvalidSignature", OWNER.address()), error);
  }
}
