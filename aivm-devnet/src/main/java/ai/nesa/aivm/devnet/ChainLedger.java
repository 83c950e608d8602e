package ai.nesa.aivm.devnet;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.chain.Web3jLedger;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.sdk.ledger.Ledger;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The ledger of a devnet process on an EVM chain: a {@link Web3jLedger} on a given AivmLedger, or
 * on one it deploys. Only {@link DevnetMain} uses it, and only when asked for a chain, so the
 * devnet runs without {@code aivm-sdk-chain} on its classpath otherwise.
 */
final class ChainLedger {
  /** The environment variable with the relayer's private key (hex): it sends and pays for every request. */
  static final String ENV_RELAYER_KEY = "AIVM_RELAYER_KEY";
  /** Anvil's dev account 9: the relayer on anvil's chain unless set (public knowledge, never for real funds). */
  private static final String ANVIL_KEY_9 = "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6";
  private static final long ANVIL_CHAIN_ID = 31337;

  private ChainLedger() {}

  /**
   * A ledger on the node at {@code rpc}: on the AivmLedger at {@code contract}, or a new one when
   * it is null.
   *
   * @throws AivmValidationException when the relayer's key is missing off anvil's chain, or is no key
   */
  static Ledger open(URI rpc, String contract, Map<String, String> env) {
    long chainId = Web3jLedger.chainId(rpc);
    String hex = env.get(ENV_RELAYER_KEY);
    if (hex == null || hex.isBlank()) {
      if (chainId != ANVIL_CHAIN_ID) {
        throw AivmValidationException.of(ENV_RELAYER_KEY, "required", null, ENV_RELAYER_KEY
            + " is not set, and chain " + chainId + " is not anvil's: set it to the relayer's private key (hex)");
      }
      hex = ANVIL_KEY_9;
    }
    EthSigner relayer;
    try {
      relayer = EthSigner.of(EthPrivateKey.fromBytes(Hex.decode(hex.strip())));
    } catch (RuntimeException e) {
      throw AivmValidationException.of(ENV_RELAYER_KEY, "key", ENV_RELAYER_KEY + " is not a 32-byte private key in hex");
    }
    Web3jLedger.Builder b = Web3jLedger.builder().rpc(rpc).relayer(relayer).pollInterval(Duration.ofMillis(100));
    return contract == null ? b.deploy() : b.contract(Address.of(contract)).build();
  }
}
