package ai.nesa.aivm.chain.internal.contracts;

import static ai.nesa.aivm.chain.internal.contracts.Actions.MODEL;
import static ai.nesa.aivm.chain.internal.contracts.Actions.VERSION;
import static ai.nesa.aivm.chain.internal.contracts.DeployedLedger.key;
import static ai.nesa.aivm.chain.internal.contracts.DevAccount.NODE;
import static ai.nesa.aivm.chain.internal.contracts.DevAccount.OTHER_NODE;
import static ai.nesa.aivm.chain.internal.contracts.DevAccount.OWNER;
import static ai.nesa.aivm.chain.internal.contracts.DevAccount.STRANGER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.models.Access;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The access manager's rules as the {@code Ledger} SPI lists them: grants (private model, current
 * epoch, registered node, existing version), revocation, key-epoch rotation, version-limited grants,
 * and the owner's batch grant.
 */
class AccessRulesTest extends OnAnvilTest {
  private static final String NEXT_VERSION = "2.0.0";

  @Test
  void grantingAPublicModelIsInvalid() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PUBLIC), OWNER);
    ledger.submit(Actions.registerNode(ledger.domain(), NODE), NODE);

    assertEquals(ContractError.of("Invalid", "the model is public"), ledger.rejection(Actions.grant(MODEL, NODE, 0), OWNER));
  }

  @Test
  void grantingAnEpochOtherThanTheCurrentOneIsInvalid() throws Exception {
    privateModelWithNode();

    assertEquals(ContractError.of("Invalid", "not the current key epoch"),
        ledger.rejection(Actions.grant(MODEL, NODE, 1), OWNER));
  }

  @Test
  void grantingAnUnregisteredNodeIsNotFound() throws Exception {
    privateModelWithNode();

    assertEquals(ContractError.of("NotFound", "node"), ledger.rejection(Actions.grant(MODEL, OTHER_NODE, 0), OWNER));
  }

  @Test
  void aGrantsInvalidEpochIsReportedBeforeAnUnregisteredNode() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PRIVATE), OWNER);

    assertEquals(ContractError.of("Invalid", "not the current key epoch"),
        ledger.rejection(Actions.grant(MODEL, OTHER_NODE, 1), OWNER));
  }

  @Test
  void anUnregisteredNodeIsReportedBeforeAMissingVersion() throws Exception {
    privateModelWithNode();

    assertEquals(ContractError.of("NotFound", "node"),
        ledger.rejection(Actions.grant(MODEL, OTHER_NODE, 0, VERSION), OWNER));
  }

  @Test
  void grantingAVersionThatDoesNotExistIsNotFound() throws Exception {
    privateModelWithNode();

    assertEquals(ContractError.of("NotFound", "version"), ledger.rejection(Actions.grant(MODEL, NODE, 0, VERSION), OWNER));
  }

  @Test
  void grantingByANonOwnerIsNotAllowed() throws Exception {
    privateModelWithNode();

    assertEquals(ContractError.of("NotAllowed", STRANGER.address(), "not the model's owner"),
        ledger.rejection(Actions.grant(MODEL, NODE, 0), STRANGER));
  }

  @Test
  void revokingWithoutAGrantIsNotFound() throws Exception {
    privateModelWithNode();

    assertEquals(ContractError.of("NotFound", "grant"), ledger.rejection(Actions.revoke(MODEL, NODE), OWNER));
  }

  @Test
  void rotatingToAnEpochOtherThanTheCurrentPlusOneIsInvalid() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PRIVATE), OWNER);

    assertEquals(ContractError.of("Invalid", "the next epoch is the current one plus one"),
        ledger.rejection(Actions.rotate(MODEL, 2), OWNER));
    ledger.submit(Actions.rotate(MODEL, 1), OWNER);
    assertEquals(ContractError.of("Invalid", "the next epoch is the current one plus one"),
        ledger.rejection(Actions.rotate(MODEL, 1), OWNER));
  }

  @Test
  void rotatingAPublicModelIsInvalid() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PUBLIC), OWNER);

    assertEquals(ContractError.of("Invalid", "the model is public"), ledger.rejection(Actions.rotate(MODEL, 1), OWNER));
  }

  @Test
  void afterARotationTheOldEpochsGrantsNoLongerCount() throws Exception {
    privateModelWithNode();
    ledger.submit(Actions.grant(MODEL, NODE, 0), OWNER);
    assertTrue(ledger.isAuthorized(MODEL, NODE, ""));

    ledger.submit(Actions.rotate(MODEL, 1), OWNER);

    assertFalse(ledger.isAuthorized(MODEL, NODE, ""));
    assertEquals(ContractError.of("NotFound", "grant"), ledger.rejection(Actions.revoke(MODEL, NODE), OWNER));
    assertEquals(ContractError.of("Invalid", "not the current key epoch"),
        ledger.rejection(Actions.grant(MODEL, NODE, 0), OWNER));
    ledger.submit(Actions.grant(MODEL, NODE, 1), OWNER);
    assertTrue(ledger.isAuthorized(MODEL, NODE, ""));
  }

  @Test
  void aRevokedNodeIsNoLongerAuthorized() throws Exception {
    privateModelWithNode();
    ledger.submit(Actions.grant(MODEL, NODE, 0), OWNER);

    ledger.submit(Actions.revoke(MODEL, NODE), OWNER);

    assertFalse(ledger.isAuthorized(MODEL, NODE, ""));
    assertEquals(ContractError.of("NotFound", "grant"), ledger.rejection(Actions.revoke(MODEL, NODE), OWNER));
  }

  @Test
  void aGrantLimitedToAVersionAuthorizesThatVersionOnly() throws Exception {
    privateModelWithNode();
    ledger.submit(Actions.publish(MODEL, VERSION), OWNER);
    ledger.submit(Actions.publish(MODEL, NEXT_VERSION), OWNER);

    ledger.submit(Actions.grant(MODEL, NODE, 0, VERSION), OWNER);

    assertTrue(ledger.isAuthorized(MODEL, NODE, VERSION));
    assertFalse(ledger.isAuthorized(MODEL, NODE, NEXT_VERSION));
    assertFalse(ledger.isAuthorized(MODEL, OTHER_NODE, VERSION));
  }

  @Test
  void aLaterUnlimitedGrantClearsTheVersionLimit() throws Exception {
    privateModelWithNode();
    ledger.submit(Actions.publish(MODEL, VERSION), OWNER);
    ledger.submit(Actions.publish(MODEL, NEXT_VERSION), OWNER);
    ledger.submit(Actions.grant(MODEL, NODE, 0, VERSION), OWNER);

    ledger.submit(Actions.grant(MODEL, NODE, 0), OWNER);

    assertTrue(ledger.isAuthorized(MODEL, NODE, VERSION));
    assertTrue(ledger.isAuthorized(MODEL, NODE, NEXT_VERSION));
    assertFalse(ledger.grant(MODEL, NODE).component3(), "limited");
    assertArrayEquals(new byte[32], ledger.contract().grantVersions(key(MODEL), NODE.hex()).send());
  }

  @Test
  void aLaterLimitedGrantReplacesAnUnlimitedOne() throws Exception {
    privateModelWithNode();
    ledger.submit(Actions.publish(MODEL, VERSION), OWNER);
    ledger.submit(Actions.publish(MODEL, NEXT_VERSION), OWNER);
    ledger.submit(Actions.grant(MODEL, NODE, 0), OWNER);

    ledger.submit(Actions.grant(MODEL, NODE, 0, NEXT_VERSION), OWNER);

    assertFalse(ledger.isAuthorized(MODEL, NODE, VERSION));
    assertTrue(ledger.isAuthorized(MODEL, NODE, NEXT_VERSION));
  }

  @Test
  void aBatchGrantWithOneWrappedKeyTooFewIsInvalid() throws Exception {
    privateModelWithNode();
    ledger.submit(Actions.registerNode(ledger.domain(), OTHER_NODE), OTHER_NODE);

    ContractError error = ledger.rejection(ledger.sentBy(OWNER).grantBatch(MODEL, List.of(NODE.hex(), OTHER_NODE.hex()),
        BigInteger.ZERO, List.of(new byte[] {1}), ""), OWNER);

    assertEquals(ContractError.of("Invalid", "one wrapped key per node"), error);
  }

  @Test
  void aBatchGrantEmitsOneGrantedEventPerNodeInOrder() throws Exception {
    privateModelWithNode();
    ledger.submit(Actions.publish(MODEL, VERSION), OWNER);
    ledger.submit(Actions.registerNode(ledger.domain(), OTHER_NODE), OTHER_NODE);

    TransactionReceipt receipt = ledger.sentBy(OWNER).grantBatch(MODEL, List.of(NODE.hex(), OTHER_NODE.hex()),
        BigInteger.ZERO, List.of(new byte[] {1}, new byte[] {2, 2}), VERSION).send();

    List<AivmLedger.GrantedEventResponse> events = AivmLedger.getGrantedEvents(receipt);
    assertEquals(2, events.size());
    assertEquals(NODE.address(), Address.of(events.get(0).node));
    assertArrayEquals(new byte[] {1}, events.get(0).wrappedKey);
    assertEquals(OTHER_NODE.address(), Address.of(events.get(1).node));
    assertArrayEquals(new byte[] {2, 2}, events.get(1).wrappedKey);
    for (AivmLedger.GrantedEventResponse event : events) {
      assertArrayEquals(key(MODEL), event.modelKey);
      assertEquals(BigInteger.ZERO, event.epoch);
    }
    for (DevAccount node : List.of(NODE, OTHER_NODE)) {
      assertTrue(ledger.isAuthorized(MODEL, node, VERSION));
      assertArrayEquals(key(VERSION), ledger.contract().grantVersions(key(MODEL), node.hex()).send());
    }
  }

  @Test
  void aBatchGrantByANonOwnerIsNotAllowed() throws Exception {
    privateModelWithNode();

    ContractError error = ledger.rejection(ledger.sentBy(STRANGER).grantBatch(MODEL, List.of(NODE.hex()),
        BigInteger.ZERO, List.of(new byte[] {1}), ""), STRANGER);

    assertEquals(ContractError.of("NotAllowed", STRANGER.address(), "not the model's owner"), error);
  }

  /** A private model {@link Actions#MODEL} (no versions yet), and {@code NODE} registered. */
  private void privateModelWithNode() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PRIVATE), OWNER);
    ledger.submit(Actions.registerNode(ledger.domain(), NODE), NODE);
  }
}
