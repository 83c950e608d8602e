package ai.nesa.aivm.benchmarks.chain;

import ai.nesa.aivm.chain.internal.contracts.AivmLedger;
import ai.nesa.aivm.crypto.EthPublicKey;
import ai.nesa.aivm.crypto.Eip712;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerDomain;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import java.math.BigInteger;
import java.time.Instant;

/**
 * Signs ledger requests exactly as the SDK does ({@link LedgerRequest#sign}, in the deployed
 * contract's {@link LedgerDomain}) and turns them into the contract's {@code Auth}, with the
 * signer's next nonce read from the ledger.
 */
final class Relay {
  /**
   * Every request's deadline: fixed, so that the signed bytes, and with them the calldata's gas,
   * are the same in every run.
   */
  static final Instant DEADLINE = Instant.parse("2100-01-01T00:00:00Z");

  private final AivmLedger ledger;
  private final LedgerDomain domain;

  Relay(AivmLedger ledger, LedgerDomain domain) {
    this.ledger = ledger;
    this.domain = domain;
  }

  /** {@code action} signed by {@code signer} with its next nonce, as the contract's {@code Auth}. */
  AivmLedger.Auth auth(LedgerAction action, Actor signer) throws Exception {
    long nonce = ledger.nonces(signer.hex()).send().longValueExact();
    LedgerRequest request = LedgerRequest.sign(action, signer.signer(), domain, nonce, DEADLINE);
    return new AivmLedger.Auth(request.signer().hex(), BigInteger.valueOf(request.nonce()),
        BigInteger.valueOf(request.deadline().getEpochSecond()), request.signature().toBytes());
  }

  /** The node operator's {@code NodeRegistration} signature over its key and endpoint. */
  byte[] registrationSignature(Actor node, EthPublicKey encryptionKey, String endpoint) {
    return Eip712.sign(node.signer(),
        LedgerAction.RegisterNode.registrationTypedData(domain, node.address(), encryptionKey, endpoint)).toBytes();
  }
}
