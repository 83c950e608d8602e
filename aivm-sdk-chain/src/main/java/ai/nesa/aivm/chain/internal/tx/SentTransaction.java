package ai.nesa.aivm.chain.internal.tx;

import java.math.BigInteger;

/**
 * A transaction the node accepted into its pool, with what it takes to send it again under the
 * same nonce at a higher fee.
 *
 * @param hash the transaction's hash
 * @param nonce the nonce it was sent with
 * @param to the contract called; null for a contract creation
 * @param data the calldata (or creation code)
 * @param gasLimit the gas it may use
 * @param maxFeePerGas the most it pays per gas
 * @param maxPriorityFeePerGas the tip it offers per gas
 * @param signed the signed transaction as sent, to send again byte for byte
 */
public record SentTransaction(String hash, BigInteger nonce, String to, String data, BigInteger gasLimit,
    BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas, String signed) {
  /** Hash, nonce and fees; the calldata and signed bytes are left out (they can be long). */
  @Override
  public String toString() {
    return "SentTransaction[" + hash + ", nonce " + nonce + ", to " + (to == null ? "(creation)" : to) + ", gas "
        + gasLimit + ", max fee " + maxFeePerGas + ", tip " + maxPriorityFeePerGas + "]";
  }
}
