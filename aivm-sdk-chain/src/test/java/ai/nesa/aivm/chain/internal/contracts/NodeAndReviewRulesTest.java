package ai.nesa.aivm.chain.internal.contracts;

import static ai.nesa.aivm.chain.internal.contracts.Actions.MODEL;
import static ai.nesa.aivm.chain.internal.contracts.Actions.TEXT_CID;
import static ai.nesa.aivm.chain.internal.contracts.Actions.VERSION;
import static ai.nesa.aivm.chain.internal.contracts.DevAccount.NODE;
import static ai.nesa.aivm.chain.internal.contracts.DevAccount.OWNER;
import static ai.nesa.aivm.chain.internal.contracts.DevAccount.REVIEWER;
import static ai.nesa.aivm.chain.internal.contracts.DevAccount.STRANGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerDomain;
import ai.nesa.aivm.sdk.models.Access;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The node registry's and the reviews' rules as the {@code Ledger} SPI lists them: a node registers
 * itself with a {@code NodeRegistration} statement it signed; anyone reviews a published version,
 * rating it 1 to 5, a later review replacing the reviewer's earlier one.
 */
class NodeAndReviewRulesTest extends OnAnvilTest {
  @Test
  void registeringANodeForSomeoneElseIsNotAllowed() throws Exception {
    ContractError error = ledger.rejection(Actions.registerNode(ledger.domain(), NODE), STRANGER);

    assertEquals(ContractError.of("NotAllowed", STRANGER.address(), "a node registers itself"), error);
  }

  @Test
  void aRegistrationStatementSignedBySomeoneElseIsInvalid() throws Exception {
    ContractError error = ledger.rejection(Actions.registerNode(ledger.domain(), NODE, STRANGER), NODE);

    assertEquals(ContractError.of("Invalid", "registration signature"), error);
    assertFalse(ledger.isNode(NODE));
  }

  @Test
  void aRegistrationStatementSignedForAnotherContractIsInvalid() throws Exception {
    LedgerDomain otherContract = new LedgerDomain(31337, Address.of("0x" + "11".repeat(20)));
    LedgerAction.RegisterNode registration = Actions.registerNode(otherContract, NODE);

    assertEquals(ContractError.of("Invalid", "registration signature"), ledger.rejection(registration, NODE));
  }

  @Test
  void aNodeRegisteringAgainReplacesItsEndpoint() throws Exception {
    ledger.submit(Actions.registerNode(ledger.domain(), NODE), NODE);

    TransactionReceipt receipt =
        ledger.submit(Actions.registerNode(ledger.domain(), NODE, NODE, "https://moved.example:9443"), NODE);

    assertEquals("https://moved.example:9443", AivmLedger.getNodeRegisteredEvents(receipt).get(0).endpoint);
    assertTrue(ledger.isNode(NODE));
  }

  @Test
  void reviewingAMissingVersionOrModelIsNotFound() throws Exception {
    assertEquals(ContractError.of("NotFound", "model"), ledger.rejection(Actions.review(MODEL, VERSION, 4), REVIEWER));
    ledger.submit(Actions.registerModel(MODEL, Access.PUBLIC), OWNER);

    assertEquals(ContractError.of("NotFound", "version"), ledger.rejection(Actions.review(MODEL, VERSION, 4), REVIEWER));
  }

  @Test
  void aRatingOf0Or6IsInvalid() throws Exception {
    publishedVersion();
    AivmLedger reviewer = ledger.sentBy(REVIEWER);

    for (int rating : new int[] {0, 6}) {
      ContractError error = ledger.rejection(reviewer.review(
          new AivmLedger.ReviewRequest(MODEL, VERSION, BigInteger.valueOf(rating), TEXT_CID.value())), REVIEWER);
      assertEquals(ContractError.of("Invalid", "a rating is 1 to 5"), error, "rating " + rating);
    }
  }

  @Test
  void aMissingVersionIsReportedBeforeABadRating() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PUBLIC), OWNER);

    ContractError error = ledger.rejection(ledger.sentBy(REVIEWER).review(
        new AivmLedger.ReviewRequest(MODEL, VERSION, BigInteger.ZERO, TEXT_CID.value())), REVIEWER);

    assertEquals(ContractError.of("NotFound", "version"), error);
  }

  @Test
  void aSecondReviewBySameReviewerReplacesTheRating() throws Exception {
    publishedVersion();
    ledger.submit(Actions.review(MODEL, VERSION, 4), REVIEWER);

    ledger.submit(Actions.review(MODEL, VERSION, 2), REVIEWER);

    assertEquals(2, ledger.rating(MODEL, VERSION, REVIEWER));
  }

  @Test
  void reviewersRatingsAreKeptApart() throws Exception {
    publishedVersion();

    ledger.submit(Actions.review(MODEL, VERSION, 5), REVIEWER);
    ledger.submit(Actions.review(MODEL, VERSION, 1), STRANGER);

    assertEquals(5, ledger.rating(MODEL, VERSION, REVIEWER));
    assertEquals(1, ledger.rating(MODEL, VERSION, STRANGER));
  }

  private void publishedVersion() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PUBLIC), OWNER);
    ledger.submit(Actions.publish(MODEL, VERSION), OWNER);
  }
}
