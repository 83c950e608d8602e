package ai.nesa.aivm.chain.internal.contracts;

import ai.nesa.aivm.chain.testing.AnvilNode;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import org.web3j.crypto.Credentials;

/**
 * Anvil's funded dev accounts, by the part they play in the contract tests (their keys are public
 * knowledge: never hold value with them). The relayer sends every relayed request and signs none,
 * so an event or record naming the signer proves the contract took the signer, not the sender.
 */
enum DevAccount {
  OWNER(AnvilNode.DEV_KEY_0),
  NODE("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"),
  OTHER_NODE("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"),
  REVIEWER("0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6"),
  STRANGER("0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a"),
  RELAYER("0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6");

  private final EthPrivateKey key;
  private final Credentials credentials;

  DevAccount(String keyHex) {
    this.key = EthPrivateKey.fromBytes(Hex.decode(keyHex));
    this.credentials = Credentials.create(keyHex);
  }

  EthPrivateKey key() {
    return key;
  }

  EthSigner signer() {
    return EthSigner.of(key);
  }

  Address address() {
    return key.address();
  }

  /** The address as the wrapper takes it. */
  String hex() {
    return key.address().hex();
  }

  Credentials credentials() {
    return credentials;
  }
}
