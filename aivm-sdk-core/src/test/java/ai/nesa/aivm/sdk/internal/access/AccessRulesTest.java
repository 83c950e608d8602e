package ai.nesa.aivm.sdk.internal.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Eip712;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthPublicKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Signature;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerDomain;
import ai.nesa.aivm.sdk.ledger.NodeRecord;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A node's registration is trusted only when its operator signed that key and endpoint in that domain. */
class AccessRulesTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final LedgerDomain DOMAIN = new LedgerDomain(31337, Address.of("0x5fbdb2315678afecb367f032d93f642f64180aa3"));
  private static final EthPrivateKey OPERATOR = EthPrivateKey.generate(RANDOM);
  private static final EthPublicKey KEY = EthPrivateKey.generate(RANDOM).publicKey();

  private static Signature signed(EthPrivateKey by, LedgerDomain domain, EthPublicKey key, String endpoint) {
    return Eip712.sign(EthSigner.of(by), LedgerAction.RegisterNode.registrationTypedData(domain, OPERATOR.address(),
        key, endpoint));
  }

  private static NodeRecord record(Signature s) {
    return new NodeRecord(OPERATOR.address(), KEY, "https://node.example", s, Instant.EPOCH);
  }

  @Test
  void theOperatorsSignatureOverItsKeyAndEndpointVerifies() {
    assertTrue(AccessRules.registrationVerifies(DOMAIN, record(signed(OPERATOR, DOMAIN, KEY, "https://node.example"))));
  }

  @Test
  void anotherSignerAnotherKeyAnotherEndpointOrAnotherDomainDoesNot() {
    assertFalse(AccessRules.registrationVerifies(DOMAIN, record(signed(EthPrivateKey.generate(RANDOM), DOMAIN, KEY,
        "https://node.example"))));
    assertFalse(AccessRules.registrationVerifies(DOMAIN, record(signed(OPERATOR, DOMAIN,
        EthPrivateKey.generate(RANDOM).publicKey(), "https://node.example"))), "a swapped encryption key");
    assertFalse(AccessRules.registrationVerifies(DOMAIN, record(signed(OPERATOR, DOMAIN, KEY, "https://evil.example"))));
    assertFalse(AccessRules.registrationVerifies(DOMAIN, record(signed(OPERATOR, new LedgerDomain(1, DOMAIN
        .verifyingContract()), KEY, "https://node.example"))));
  }
}
