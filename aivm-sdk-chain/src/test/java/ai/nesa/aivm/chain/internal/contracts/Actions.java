package ai.nesa.aivm.chain.internal.contracts;

import ai.nesa.aivm.crypto.Eip712;
import ai.nesa.aivm.crypto.EthPublicKey;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Signature;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerDomain;
import ai.nesa.aivm.sdk.models.Access;
import java.util.Optional;

/** The SDK's ledger actions with the fixed test values the contract tests use. */
final class Actions {
  static final String MODEL = "acme/tiny-mlp";
  static final String VERSION = "1.0.0";
  static final Cid MANIFEST_CID = Cid.of("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");
  static final Hash32 MANIFEST_HASH = Hash32.of("0x" + "ab".repeat(32));
  static final Cid TEXT_CID = Cid.of("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG");
  static final byte[] WRAPPED_KEY = {1, 2, 3, 4, 5};

  private Actions() {}

  static LedgerAction.RegisterModel registerModel(String model, Access access) {
    return new LedgerAction.RegisterModel(ModelId.of(model), access);
  }

  static LedgerAction.PublishVersion publish(String model, String version) {
    return new LedgerAction.PublishVersion(ModelId.of(model), Semver.of(version), MANIFEST_CID, MANIFEST_HASH);
  }

  static LedgerAction.DeprecateVersion deprecate(String model, String version) {
    return new LedgerAction.DeprecateVersion(ModelId.of(model), Semver.of(version), "superseded");
  }

  static LedgerAction.TransferOwnership transfer(String model, DevAccount newOwner) {
    return new LedgerAction.TransferOwnership(ModelId.of(model), newOwner.address());
  }

  /** Grants {@code node} every version of the model's {@code epoch}. */
  static LedgerAction.Grant grant(String model, DevAccount node, long epoch) {
    return new LedgerAction.Grant(ModelId.of(model), node.address(), epoch, WRAPPED_KEY, Optional.empty());
  }

  /** Grants {@code node} one version of the model's {@code epoch}. */
  static LedgerAction.Grant grant(String model, DevAccount node, long epoch, String version) {
    return new LedgerAction.Grant(ModelId.of(model), node.address(), epoch, WRAPPED_KEY,
        Optional.of(Semver.of(version)));
  }

  static LedgerAction.Revoke revoke(String model, DevAccount node) {
    return new LedgerAction.Revoke(ModelId.of(model), node.address());
  }

  static LedgerAction.RotateEpoch rotate(String model, long epoch) {
    return new LedgerAction.RotateEpoch(ModelId.of(model), epoch, 1, new byte[0]);
  }

  static LedgerAction.Review review(String model, String version, int rating) {
    return new LedgerAction.Review(ModelId.of(model), Semver.of(version), rating, TEXT_CID);
  }

  /** {@code node} registering itself, with its account key as encryption key and its own registration signature. */
  static LedgerAction.RegisterNode registerNode(LedgerDomain domain, DevAccount node) {
    return registerNode(domain, node, node);
  }

  /** {@code node}'s registration, its {@code NodeRegistration} statement signed by {@code statementSigner}. */
  static LedgerAction.RegisterNode registerNode(LedgerDomain domain, DevAccount node, DevAccount statementSigner) {
    return registerNode(domain, node, statementSigner, endpoint(node));
  }

  /** {@code node}'s registration at {@code endpoint}, its statement signed by {@code statementSigner}. */
  static LedgerAction.RegisterNode registerNode(LedgerDomain domain, DevAccount node, DevAccount statementSigner,
      String endpoint) {
    EthPublicKey key = node.key().publicKey();
    Signature statement = Eip712.sign(statementSigner.signer(),
        LedgerAction.RegisterNode.registrationTypedData(domain, node.address(), key, endpoint));
    return new LedgerAction.RegisterNode(node.address(), key, endpoint, statement);
  }

  static String endpoint(DevAccount node) {
    return "https://" + node.name().toLowerCase().replace('_', '-') + ".example:8443";
  }
}
