package ai.nesa.aivm.chain.internal.contracts;

import static ai.nesa.aivm.chain.internal.contracts.Actions.MANIFEST_CID;
import static ai.nesa.aivm.chain.internal.contracts.Actions.MANIFEST_HASH;
import static ai.nesa.aivm.chain.internal.contracts.Actions.MODEL;
import static ai.nesa.aivm.chain.internal.contracts.Actions.TEXT_CID;
import static ai.nesa.aivm.chain.internal.contracts.Actions.VERSION;
import static ai.nesa.aivm.chain.internal.contracts.Actions.WRAPPED_KEY;
import static ai.nesa.aivm.chain.internal.contracts.DeployedLedger.key;
import static ai.nesa.aivm.chain.internal.contracts.DevAccount.NODE;
import static ai.nesa.aivm.chain.internal.contracts.DevAccount.OWNER;
import static ai.nesa.aivm.chain.internal.contracts.DevAccount.REVIEWER;
import static ai.nesa.aivm.chain.internal.contracts.DevAccount.STRANGER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Eip712;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.models.Access;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple3;
import org.web3j.tuples.generated.Tuple4;

/**
 * The SDK's EIP-712 requests are the contract's: each of the nine actions, signed with {@code
 * LedgerRequest.sign} in {@code LedgerDomain(31337, contract)} and relayed by an account that signs
 * nothing, applies for its signer. A type hash or field encoding that differed from {@code
 * LedgerAction} would recover another address and revert {@code InvalidSignature}.
 */
class RelayedSdkRequestsTest extends OnAnvilTest {
  @Test
  void contractDomainSeparatorIsTheSdks() throws Exception {
    assertArrayEquals(Eip712.domainSeparator(ledger.domain().typedDataDomain()).bytes(),
        ledger.contract().domainSeparator().send());
  }

  @Test
  void registerModelAppliesForTheSigner() throws Exception {
    TransactionReceipt receipt = ledger.submit(Actions.registerModel(MODEL, Access.PRIVATE), OWNER);

    AivmLedger.ModelRegisteredEventResponse event = only(AivmLedger.getModelRegisteredEvents(receipt));
    assertArrayEquals(key(MODEL), event.modelKey);
    assertEquals(MODEL, event.model);
    assertEquals(OWNER.address(), Address.of(event.owner));
    assertTrue(event.isPrivate);
    Tuple4<String, BigInteger, BigInteger, Boolean> model = ledger.model(MODEL);
    assertEquals(OWNER.address(), Address.of(model.component1()));
    assertEquals(BigInteger.ZERO, model.component2());
    assertEquals(BigInteger.ONE, model.component3());
    assertTrue(model.component4());
    assertEquals(1, ledger.nonce(OWNER));
  }

  @Test
  void publishVersionAppliesForTheSigner() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PUBLIC), OWNER);

    TransactionReceipt receipt = ledger.submit(Actions.publish(MODEL, VERSION), OWNER);

    AivmLedger.VersionPublishedEventResponse event = only(AivmLedger.getVersionPublishedEvents(receipt));
    assertArrayEquals(key(MODEL), event.modelKey);
    assertEquals(MODEL, event.model);
    assertEquals(VERSION, event.version);
    assertEquals(MANIFEST_CID.value(), event.manifestCid);
    assertArrayEquals(MANIFEST_HASH.bytes(), event.manifestHash);
    assertEquals(OWNER.address(), Address.of(event.publisher));
    Tuple3<byte[], BigInteger, Boolean> version = ledger.version(MODEL, VERSION);
    assertArrayEquals(MANIFEST_HASH.bytes(), version.component1());
    assertEquals(chain.blockTime(receipt), version.component2().longValueExact());
    assertFalse(version.component3());
    assertEquals(2, ledger.nonce(OWNER));
  }

  @Test
  void deprecateVersionAppliesForTheSigner() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PUBLIC), OWNER);
    ledger.submit(Actions.publish(MODEL, VERSION), OWNER);

    TransactionReceipt receipt = ledger.submit(Actions.deprecate(MODEL, VERSION), OWNER);

    AivmLedger.VersionDeprecatedEventResponse event = only(AivmLedger.getVersionDeprecatedEvents(receipt));
    assertArrayEquals(key(MODEL), event.modelKey);
    assertEquals(MODEL, event.model);
    assertEquals(VERSION, event.version);
    assertEquals("superseded", event.reason);
    assertTrue(ledger.version(MODEL, VERSION).component3());
    assertEquals(3, ledger.nonce(OWNER));
  }

  @Test
  void transferOwnershipAppliesForTheSigner() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PUBLIC), OWNER);

    TransactionReceipt receipt = ledger.submit(Actions.transfer(MODEL, STRANGER), OWNER);

    AivmLedger.OwnershipTransferredEventResponse event = only(AivmLedger.getOwnershipTransferredEvents(receipt));
    assertArrayEquals(key(MODEL), event.modelKey);
    assertEquals(MODEL, event.model);
    assertEquals(OWNER.address(), Address.of(event.previousOwner));
    assertEquals(STRANGER.address(), Address.of(event.newOwner));
    assertEquals(STRANGER.address(), Address.of(ledger.model(MODEL).component1()));
    assertEquals(2, ledger.nonce(OWNER));
  }

  @Test
  void registerNodeAppliesForTheSigner() throws Exception {
    LedgerAction.RegisterNode registration = Actions.registerNode(ledger.domain(), NODE);

    TransactionReceipt receipt = ledger.submit(registration, NODE);

    AivmLedger.NodeRegisteredEventResponse event = only(AivmLedger.getNodeRegisteredEvents(receipt));
    assertEquals(NODE.address(), Address.of(event.node));
    assertArrayEquals(NODE.key().publicKey().uncompressed(), event.encryptionPublicKey);
    assertEquals(Actions.endpoint(NODE), event.endpoint);
    assertArrayEquals(registration.registrationSignature().toBytes(), event.registrationSignature);
    assertTrue(ledger.isNode(NODE));
    assertEquals(1, ledger.nonce(NODE));
  }

  @Test
  void grantAppliesForTheSigner() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PRIVATE), OWNER);
    ledger.submit(Actions.registerNode(ledger.domain(), NODE), NODE);

    TransactionReceipt receipt = ledger.submit(Actions.grant(MODEL, NODE, 0), OWNER);

    AivmLedger.GrantedEventResponse event = only(AivmLedger.getGrantedEvents(receipt));
    assertArrayEquals(key(MODEL), event.modelKey);
    assertEquals(NODE.address(), Address.of(event.node));
    assertEquals(BigInteger.ZERO, event.epoch);
    assertArrayEquals(WRAPPED_KEY, event.wrappedKey);
    Tuple3<BigInteger, Boolean, Boolean> grant = ledger.grant(MODEL, NODE);
    assertEquals(BigInteger.ZERO, grant.component1());
    assertTrue(grant.component2(), "exists");
    assertFalse(grant.component3(), "limited");
    assertTrue(ledger.isAuthorized(MODEL, NODE, ""));
    assertEquals(2, ledger.nonce(OWNER));
  }

  @Test
  void grantLimitedToAVersionAppliesForTheSigner() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PRIVATE), OWNER);
    ledger.submit(Actions.publish(MODEL, VERSION), OWNER);
    ledger.submit(Actions.registerNode(ledger.domain(), NODE), NODE);

    TransactionReceipt receipt = ledger.submit(Actions.grant(MODEL, NODE, 0, VERSION), OWNER);

    // The version is read back from the state: the Granted event's shape is the gas benchmark's to tune.
    assertEquals(NODE.address(), Address.of(only(AivmLedger.getGrantedEvents(receipt)).node));
    assertTrue(ledger.grant(MODEL, NODE).component3(), "limited");
    assertArrayEquals(key(VERSION), ledger.contract().grantVersions(key(MODEL), NODE.hex()).send());
  }

  @Test
  void revokeAppliesForTheSigner() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PRIVATE), OWNER);
    ledger.submit(Actions.registerNode(ledger.domain(), NODE), NODE);
    ledger.submit(Actions.grant(MODEL, NODE, 0), OWNER);

    TransactionReceipt receipt = ledger.submit(Actions.revoke(MODEL, NODE), OWNER);

    AivmLedger.RevokedEventResponse event = only(AivmLedger.getRevokedEvents(receipt));
    assertArrayEquals(key(MODEL), event.modelKey);
    assertEquals(MODEL, event.model);
    assertEquals(NODE.address(), Address.of(event.node));
    assertFalse(ledger.grant(MODEL, NODE).component2(), "exists");
    assertFalse(ledger.isAuthorized(MODEL, NODE, ""));
    assertEquals(3, ledger.nonce(OWNER));
  }

  @Test
  void rotateEpochAppliesForTheSigner() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PRIVATE), OWNER);
    byte[] commitment = {9, 8, 7};

    TransactionReceipt receipt = ledger.submit(new LedgerAction.RotateEpoch(ModelId.of(MODEL), 1, 2, commitment), OWNER);

    AivmLedger.EpochRotatedEventResponse event = only(AivmLedger.getEpochRotatedEvents(receipt));
    assertArrayEquals(key(MODEL), event.modelKey);
    assertEquals(MODEL, event.model);
    assertEquals(BigInteger.ONE, event.epoch);
    assertEquals(BigInteger.TWO, event.threshold);
    assertArrayEquals(commitment, event.keyCommitment);
    Tuple4<String, BigInteger, BigInteger, Boolean> model = ledger.model(MODEL);
    assertEquals(BigInteger.ONE, model.component2());
    assertEquals(BigInteger.TWO, model.component3());
    assertEquals(2, ledger.nonce(OWNER));
  }

  @Test
  void reviewAppliesForTheSigner() throws Exception {
    ledger.submit(Actions.registerModel(MODEL, Access.PUBLIC), OWNER);
    ledger.submit(Actions.publish(MODEL, VERSION), OWNER);

    TransactionReceipt receipt = ledger.submit(Actions.review(MODEL, VERSION, 4), REVIEWER);

    AivmLedger.ReviewedEventResponse event = only(AivmLedger.getReviewedEvents(receipt));
    assertArrayEquals(key(MODEL), event.modelKey);
    assertEquals(MODEL, event.model);
    assertEquals(VERSION, event.version);
    assertEquals(REVIEWER.address(), Address.of(event.reviewer));
    assertEquals(BigInteger.valueOf(4), event.rating);
    assertEquals(TEXT_CID.value(), event.textCid);
    assertEquals(4, ledger.rating(MODEL, VERSION, REVIEWER));
    assertEquals(1, ledger.nonce(REVIEWER));
  }

  private static <T> T only(List<T> events) {
    assertEquals(1, events.size(), () -> "events: " + events);
    return events.get(0);
  }
}
