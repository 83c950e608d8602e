package ai.nesa.aivm.chain.internal.tx;

import java.math.BigInteger;

/**
 * A transaction the node accepted into its pool.
 *
 * @param hash the transaction's hash
 * @param nonce the nonce it was sent with
 * @param maxFeePerGas the most it pays per gas
 * @param maxPriorityFeePerGas the tip it offers per gas
 */
public record SentTransaction(String hash, BigInteger nonce, BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {}
