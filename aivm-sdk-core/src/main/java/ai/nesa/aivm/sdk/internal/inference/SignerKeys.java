package ai.nesa.aivm.sdk.internal.inference;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.Eip712;
import ai.nesa.aivm.crypto.EthPublicKey;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Signatures;
import ai.nesa.aivm.sdk.inference.Receipt;
import ai.nesa.aivm.sdk.ledger.LedgerDomain;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks receipt signatures, remembering each node's public key once a signature of its has been
 * recovered to its address. Recovering a key costs two scalar multiplications and a square root;
 * verifying against a known key costs one multiplication whose tables stay with the cached key:
 * about 2.5 times less on a verify-heavy path. Sound because a key is cached only after it
 * recovered, from a valid low-s signature, to exactly the address it is cached under.
 */
final class SignerKeys {
  /** Nodes remembered at most; past it, signatures are recovered every time. */
  static final int CAPACITY = 4096;

  private final Map<Address, EthPublicKey> keys = new ConcurrentHashMap<>();

  /** Whether {@code receipt.node()} signed the receipt in {@code domain}, low s. Never throws for a bad signature. */
  boolean signed(Receipt receipt, LedgerDomain domain) {
    if (!receipt.signature().isLowS()) {
      return false;
    }
    Hash32 digest = Eip712.hash(receipt.typedData(domain));
    try {
      EthPublicKey known = keys.get(receipt.node());
      if (known != null) {
        Signatures.verify(digest, Arrays.copyOf(receipt.signature().toBytes(), 64), known);
        return true;
      }
      EthPublicKey recovered = Signatures.recoverPublicKey(digest, receipt.signature());
      if (!recovered.address().equals(receipt.node())) {
        return false;
      }
      if (keys.size() < CAPACITY) {
        keys.putIfAbsent(receipt.node(), recovered);
      }
      return true;
    } catch (CryptoException e) {
      return false;
    }
  }
}
