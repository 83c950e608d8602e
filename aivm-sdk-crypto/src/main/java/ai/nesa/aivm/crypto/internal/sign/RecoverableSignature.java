package ai.nesa.aivm.crypto.internal.sign;

import java.math.BigInteger;

/**
 * An ECDSA signature with the recovery id that names its nonce point R: bit 0 is the parity of
 * R's y, bit 1 says R's x was r + n (never emitted by the signer; recovery accepts it).
 */
public record RecoverableSignature(BigInteger r, BigInteger s, int recoveryId) {}
