package ai.nesa.aivm.sdk.ledger;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.TypedData;
import java.util.Objects;

/**
 * The EIP-712 domain a ledger's requests are signed in: {@code {name: "AIVM", version: "1",
 * chainId, verifyingContract}} (the gateway's {@code GET /v1/ledger/domain}). On an EVM ledger the
 * contract's chain and address; the devnet's in-memory ledger has its own.
 *
 * @param chainId the chain id, positive
 * @param verifyingContract the ledger contract's address
 * @since 0.1.0
 */
public record LedgerDomain(long chainId, Address verifyingContract) {
  /** The domain's name. */
  public static final String NAME = "AIVM";
  /** The domain's version. */
  public static final String VERSION = "1";

  public LedgerDomain {
    if (chainId <= 0) {
      throw new IllegalArgumentException("chainId > 0: " + chainId);
    }
    Objects.requireNonNull(verifyingContract, "verifyingContract");
  }

  /** The domain as typed data takes it. */
  public TypedData.Domain typedDataDomain() {
    return TypedData.Domain.builder().name(NAME).version(VERSION).chainId(chainId)
        .verifyingContract(verifyingContract).build();
  }
}
