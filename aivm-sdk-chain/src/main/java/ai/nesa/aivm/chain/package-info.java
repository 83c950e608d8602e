/**
 * The on-chain AIVM repository: Solidity contracts, their web3j bindings, and the {@code Ledger}
 * on an EVM chain.
 *
 * @since 0.1.0
 */
package ai.nesa.aivm.chain;
