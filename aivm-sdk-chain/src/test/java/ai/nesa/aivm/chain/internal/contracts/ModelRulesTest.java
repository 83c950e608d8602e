package ai.nesa.aivm.chain.internal.contracts;

import static ai.nesa.aivm.chain.internal.contracts.Actions.MODEL;
import static ai.nesa.aivm.chain.internal.contracts.Actions.VERSION;
import static ai.nesa.aivm.chain.internal.contracts.DevAccount.NODE;
import static ai.nesa.aivm.chain.internal.contracts.DevAccount.OWNER;
import static ai.nesa.aivm.chain.internal.contracts.DevAccount.REVIEWER;
import static ai.nesa.aivm.chain.internal.contracts.DevAccount.STRANGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.models.Access;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The model registry's rules as the {@code Ledger} SPI lists them: registering a model, publishing
 * and deprecating versions, transferring ownership (every action but registration checks first
 * that the model exists, then that the signer owns it).
 */
class ModelRulesTest extends OnAnvilTest {
  @Test
  void registeringATakenNameIsAConflictEvenForAnotherSigner() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PUBLIC), OWNER);

    assertEquals(ContractError.of("Conflict", "model exists"),
        ledger.rejection(Actions.registerModel(MODEL, Access.PRIVATE), STRANGER));
  }

  @Test
  void aTakenNameIsReportedBeforeABadAccess() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PUBLIC), OWNER);

    assertEquals(ContractError.of("Conflict", "model exists"),
        ledger.rejection(Actions.registerModel(MODEL, Access.UNKNOWN), OWNER));
  }

  @Test
  void anAccessOtherThanPublicOrPrivateIsInvalid() throws Exception {
    assertEquals(ContractError.of("Invalid", "access is public or private"),
        ledger.rejection(Actions.registerModel(MODEL, Access.UNKNOWN), OWNER));
  }

  @Test
  void publishingByANonOwnerIsNotAllowed() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PUBLIC), OWNER);

    assertEquals(ContractError.of("NotAllowed", STRANGER.address(), "not the model's owner"),
        ledger.rejection(Actions.publish(MODEL, VERSION), STRANGER));
  }

  @Test
  void publishingAVersionTwiceIsAConflict() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PUBLIC), OWNER);
    ledger.submit(Actions.publish(MODEL, VERSION), OWNER);

    assertEquals(ContractError.of("Conflict", "version exists"), ledger.rejection(Actions.publish(MODEL, VERSION), OWNER));
  }

  @Test
  void ownershipIsCheckedBeforeTheVersionExists() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PUBLIC), OWNER);
    ledger.submit(Actions.publish(MODEL, VERSION), OWNER);

    assertEquals(ContractError.of("NotAllowed", STRANGER.address(), "not the model's owner"),
        ledger.rejection(Actions.publish(MODEL, VERSION), STRANGER));
    assertEquals(ContractError.of("NotAllowed", STRANGER.address(), "not the model's owner"),
        ledger.rejection(Actions.deprecate(MODEL, "9.9.9"), STRANGER));
  }

  @Test
  void everyOwnersActionOnAMissingModelIsNotFound() throws Exception {
    for (LedgerAction action : ownersActions("acme/missing")) {
      assertEquals(ContractError.of("NotFound", "model"), ledger.rejection(action, OWNER), action.toString());
    }
  }

  @Test
  void everyOwnersActionByANonOwnerIsNotAllowed() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PRIVATE), OWNER);
    ledger.submit(Actions.publish(MODEL, VERSION), OWNER);
    ledger.submit(Actions.registerNode(ledger.domain(), NODE), NODE);
    ledger.submit(Actions.grant(MODEL, NODE, 0), OWNER);

    for (LedgerAction action : ownersActions(MODEL)) {
      assertEquals(Optional.empty(), ledger.dryRun(action, OWNER), "the owner may: " + action);
      assertEquals(ContractError.of("NotAllowed", STRANGER.address(), "not the model's owner"),
          ledger.rejection(action, STRANGER), action.toString());
    }
  }

  @Test
  void deprecatingAMissingVersionIsNotFound() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PUBLIC), OWNER);

    assertEquals(ContractError.of("NotFound", "version"), ledger.rejection(Actions.deprecate(MODEL, VERSION), OWNER));
    assertEquals(ContractError.of("NotFound", "model"),
        ledger.rejection(Actions.deprecate("acme/missing", VERSION), OWNER));
  }

  @Test
  void deprecatingTwiceIsAConflict() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PUBLIC), OWNER);
    ledger.submit(Actions.publish(MODEL, VERSION), OWNER);
    ledger.submit(Actions.deprecate(MODEL, VERSION), OWNER);

    assertEquals(ContractError.of("Conflict", "version deprecated"),
        ledger.rejection(Actions.deprecate(MODEL, VERSION), OWNER));
  }

  @Test
  void aDeprecatedVersionCanStillBeGrantedAndReviewed() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PRIVATE), OWNER);
    ledger.submit(Actions.publish(MODEL, VERSION), OWNER);
    ledger.submit(Actions.deprecate(MODEL, VERSION), OWNER);
    ledger.submit(Actions.registerNode(ledger.domain(), NODE), NODE);

    ledger.submit(Actions.grant(MODEL, NODE, 0, VERSION), OWNER);
    ledger.submit(Actions.review(MODEL, VERSION, 3), REVIEWER);

    assertTrue(ledger.isAuthorized(MODEL, NODE, VERSION));
    assertEquals(3, ledger.rating(MODEL, VERSION, REVIEWER));
  }

  @Test
  void transferringToTheZeroAddressIsInvalid() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PUBLIC), OWNER);
    LedgerAction zero = new LedgerAction.TransferOwnership(ModelId.of(MODEL), Address.of("0x" + "00".repeat(20)));

    assertEquals(ContractError.of("Invalid", "new owner is the zero address"), ledger.rejection(zero, OWNER));
  }

  @Test
  void transferringByANonOwnerIsNotAllowed() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PUBLIC), OWNER);

    assertEquals(ContractError.of("NotAllowed", STRANGER.address(), "not the model's owner"),
        ledger.rejection(Actions.transfer(MODEL, STRANGER), STRANGER));
  }

  @Test
  void transferringToTheOwnerItselfAppliesAndChangesOnlyTheNonceAndTheLog() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PUBLIC), OWNER);

    TransactionReceipt receipt = ledger.submit(Actions.transfer(MODEL, OWNER), OWNER);

    assertEquals(1, AivmLedger.getOwnershipTransferredEvents(receipt).size());
    assertEquals(OWNER.address(), Address.of(ledger.model(MODEL).component1()));
    assertEquals(2, ledger.nonce(OWNER));
  }

  @Test
  void afterATransferOnlyTheNewOwnerPublishes() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PUBLIC), OWNER);
    ledger.submit(Actions.transfer(MODEL, STRANGER), OWNER);

    assertEquals(ContractError.of("NotAllowed", OWNER.address(), "not the model's owner"),
        ledger.rejection(Actions.publish(MODEL, VERSION), OWNER));
    ledger.submit(Actions.publish(MODEL, VERSION), STRANGER);
  }

  /** The six actions only a model's owner may take. */
  private static List<LedgerAction> ownersActions(String model) {
    return List.of(Actions.publish(model, "2.0.0"), Actions.deprecate(model, VERSION), Actions.transfer(model, STRANGER),
        Actions.grant(model, NODE, 0), Actions.revoke(model, NODE), Actions.rotate(model, 1));
  }
}
