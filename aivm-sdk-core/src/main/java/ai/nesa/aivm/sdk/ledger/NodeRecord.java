package ai.nesa.aivm.sdk.ledger;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.EthPublicKey;
import ai.nesa.aivm.crypto.Signature;
import java.time.Instant;
import java.util.Objects;

/**
 * A registered node.
 *
 * @param address the operator's address, which signs the node's registration and receipts
 * @param encryptionPublicKey the key data keys are wrapped to (ECIES over secp256k1)
 * @param endpoint where the node listens
 * @param registrationSignature the operator's signature over {@code NodeRegistration(address
 *     node,bytes encryptionPublicKey,string endpoint)} in the ledger's domain
 * @param registeredAt when the ledger applied the registration (the latest, when re-registered)
 * @since 0.1.0
 */
public record NodeRecord(Address address, EthPublicKey encryptionPublicKey, String endpoint,
    Signature registrationSignature, Instant registeredAt) {
  public NodeRecord {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(encryptionPublicKey, "encryptionPublicKey");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(registrationSignature, "registrationSignature");
    Objects.requireNonNull(registeredAt, "registeredAt");
  }
}
