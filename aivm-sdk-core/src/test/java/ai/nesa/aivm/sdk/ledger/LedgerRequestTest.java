package ai.nesa.aivm.sdk.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.Eip712;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.TypedData;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.models.Access;
import ai.nesa.aivm.sdk.storage.ContentIds;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LedgerRequestTest {
  /** Anvil's first and second dev keys: public knowledge, never for real funds. */
  static final EthPrivateKey OWNER = EthPrivateKey.fromBytes(
      Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
  private static final EthPrivateKey NODE = EthPrivateKey.fromBytes(
      Hex.decode("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"));
  static final LedgerDomain DOMAIN =
      new LedgerDomain(31337, Address.of("0x5FbDB2315678afecb367f032d93F642f64180aa3"));
  private static final ModelId MODEL = ModelId.of("acme/sentiment");
  private static final Semver V1 = Semver.of("1.0.0");
  private static final Cid CID = ContentIds.v1Only().of(new byte[] {1, 2, 3}).cidV1();
  static final Instant DEADLINE = Instant.ofEpochSecond(1_900_000_000L);

  static List<LedgerAction> everyKind() {
    EthSigner node = EthSigner.of(NODE);
    var registration = LedgerAction.RegisterNode.registrationTypedData(DOMAIN, node.address(), NODE.publicKey(),
        "http://127.0.0.1:9001");
    return List.of(
        new LedgerAction.RegisterModel(MODEL, Access.PRIVATE),
        new LedgerAction.PublishVersion(MODEL, V1, CID, Hash32.fromBytes(new byte[32])),
        new LedgerAction.DeprecateVersion(MODEL, V1, "superseded by 1.0.1"),
        new LedgerAction.TransferOwnership(MODEL, node.address()),
        new LedgerAction.RegisterNode(node.address(), NODE.publicKey(), "http://127.0.0.1:9001",
            Eip712.sign(node, registration)),
        new LedgerAction.Grant(MODEL, node.address(), 1, new byte[129], Optional.of(V1)),
        new LedgerAction.Revoke(MODEL, node.address()),
        new LedgerAction.RotateEpoch(MODEL, 1, 2, new byte[48]),
        new LedgerAction.Review(MODEL, V1, 4, CID));
  }

  @Test
  void everyKindIsSignedAsTheStructTheDocumentationGives() {
    Map<LedgerRequestKind, String> documented = Map.of(
        LedgerRequestKind.REGISTER_MODEL, "RegisterModel(string model,string access,uint256 nonce,uint256 deadline)",
        LedgerRequestKind.PUBLISH_VERSION, "PublishVersion(string model,string version,string manifestCid,bytes32 manifestHash,uint256 nonce,uint256 deadline)",
        LedgerRequestKind.DEPRECATE_VERSION, "DeprecateVersion(string model,string version,string reason,uint256 nonce,uint256 deadline)",
        LedgerRequestKind.TRANSFER_OWNERSHIP, "TransferOwnership(string model,address newOwner,uint256 nonce,uint256 deadline)",
        LedgerRequestKind.REGISTER_NODE, "RegisterNode(address node,bytes encryptionPublicKey,string endpoint,bytes registrationSignature,uint256 nonce,uint256 deadline)",
        LedgerRequestKind.GRANT, "Grant(string model,address node,uint64 epoch,bytes wrappedKey,string version,uint256 nonce,uint256 deadline)",
        LedgerRequestKind.REVOKE, "Revoke(string model,address node,uint256 nonce,uint256 deadline)",
        LedgerRequestKind.ROTATE_EPOCH, "RotateEpoch(string model,uint64 epoch,uint8 threshold,bytes keyCommitment,uint256 nonce,uint256 deadline)",
        LedgerRequestKind.REVIEW, "Review(string model,string version,uint8 rating,string textCid,uint256 nonce,uint256 deadline)");
    List<LedgerAction> actions = everyKind();
    assertEquals(LedgerRequestKind.values().length, actions.size(), "one action of every kind");
    for (LedgerAction action : actions) {
      TypedData data = LedgerRequest.typedData(action, DOMAIN, 7, DEADLINE);
      assertEquals(documented.get(action.kind()), Eip712.encodeType(data, action.kind().primaryType()), action.kind().name());
      assertEquals(7L, ((Number) data.message().get("nonce")).longValue());
    }
  }

  @Test
  void theGatewayDocumentGivesTheSameStructs() throws Exception {
    String document;
    try (var in = getClass().getClassLoader().getResourceAsStream("ai/nesa/aivm/sdk/gateway-openapi.yaml")) {
      document = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    for (LedgerAction action : everyKind()) {
      String struct = Eip712.encodeType(LedgerRequest.typedData(action, DOMAIN, 0, DEADLINE), action.kind().primaryType());
      assertTrue(document.contains(struct), "the gateway document lacks " + struct);
      assertTrue(document.contains(action.kind().wireName()), action.kind().wireName());
    }
  }

  @Test
  void aSignedRequestVerifiesForItsSignerInItsDomain() {
    for (LedgerAction action : everyKind()) {
      LedgerRequest request = LedgerRequest.sign(action, EthSigner.of(OWNER), DOMAIN, 3, DEADLINE.plusMillis(900));
      assertEquals(DEADLINE, request.deadline(), "cut to whole seconds");
      assertEquals(EthSigner.of(OWNER).address(), request.signer());
      request.verify(DOMAIN);
      assertEquals(request.signer(), Eip712.recover(request.typedData(DOMAIN), request.signature()));
    }
  }

  @Test
  void aChangedNonceDeadlineActionSignerOrDomainDoesNotVerify() {
    LedgerRequest signed = LedgerRequest.sign(everyKind().get(1), EthSigner.of(OWNER), DOMAIN, 3, DEADLINE);
    Address stranger = EthSigner.of(NODE).address();
    List<LedgerRequest> tampered = List.of(
        LedgerRequest.of(signed.action(), signed.signer(), 4, signed.deadline(), signed.signature()),
        LedgerRequest.of(signed.action(), signed.signer(), 3, DEADLINE.plusSeconds(1), signed.signature()),
        LedgerRequest.of(new LedgerAction.PublishVersion(MODEL, Semver.of("1.0.1"), CID, Hash32.fromBytes(new byte[32])),
            signed.signer(), 3, DEADLINE, signed.signature()),
        LedgerRequest.of(signed.action(), stranger, 3, DEADLINE, signed.signature()));
    for (LedgerRequest r : tampered) {
      CryptoException e = assertThrows(CryptoException.class, () -> r.verify(DOMAIN), r.toString());
      assertEquals(CryptoException.Check.SIGNER_MISMATCH, e.check());
    }
    LedgerDomain otherChain = new LedgerDomain(1, DOMAIN.verifyingContract());
    assertThrows(CryptoException.class, () -> signed.verify(otherChain));
  }

  @Test
  void actionsCheckTheirValuesAndCopyTheirBytes() {
    assertEquals("rating", assertThrows(AivmValidationException.class, () -> new LedgerAction.Review(MODEL, V1, 6, CID))
        .problems().get(0).path());
    assertThrows(AivmValidationException.class, () -> new LedgerAction.Review(MODEL, V1, 0, CID));
    assertEquals("epoch", assertThrows(AivmValidationException.class,
        () -> new LedgerAction.RotateEpoch(MODEL, 0, 1, new byte[0])).problems().get(0).path());
    assertEquals("threshold", assertThrows(AivmValidationException.class,
        () -> new LedgerAction.RotateEpoch(MODEL, 1, 0, new byte[0])).problems().get(0).path());
    assertThrows(AivmValidationException.class, () -> new LedgerAction.Grant(MODEL, EthSigner.of(NODE).address(), -1,
        new byte[1], Optional.empty()));
    assertEquals("nonce", assertThrows(AivmValidationException.class, () -> LedgerRequest.sign(
        new LedgerAction.Revoke(MODEL, EthSigner.of(NODE).address()), EthSigner.of(OWNER), DOMAIN, -1, DEADLINE))
        .problems().get(0).path());
    byte[] key = new byte[] {1, 2, 3};
    LedgerAction.Grant grant = new LedgerAction.Grant(MODEL, EthSigner.of(NODE).address(), 0, key, Optional.empty());
    key[0] = 9;
    assertEquals(1, grant.wrappedKey()[0], "the grant copied the key");
    grant.wrappedKey()[1] = 9;
    assertEquals(2, grant.wrappedKey()[1], "the accessor hands out a copy");
    assertEquals(grant, new LedgerAction.Grant(MODEL, EthSigner.of(NODE).address(), 0, new byte[] {1, 2, 3}, Optional.empty()));
    assertFalse(grant.toString().contains("010203"), "a wrapped key is not printed: " + grant);
    assertEquals("", grant.values().get("version"), "a grant for every version signs the empty string");
  }

  @Test
  void aNodesRegistrationSignatureIsCheckableFromItsRecordAlone() {
    EthSigner node = EthSigner.of(NODE);
    TypedData registration = LedgerAction.RegisterNode.registrationTypedData(DOMAIN, node.address(), NODE.publicKey(),
        "http://127.0.0.1:9001");
    assertEquals("NodeRegistration(address node,bytes encryptionPublicKey,string endpoint)",
        Eip712.encodeType(registration, "NodeRegistration"));
    var signature = Eip712.sign(node, registration);
    assertEquals(node.address(), Eip712.recover(registration, signature));
    assertTrue(LedgerRequestKind.fromWire("rotate_epoch") == LedgerRequestKind.ROTATE_EPOCH);
    assertEquals("RotateEpoch", LedgerRequestKind.ROTATE_EPOCH.primaryType());
  }
}
