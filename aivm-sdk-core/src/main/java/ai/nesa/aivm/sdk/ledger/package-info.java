/**
 * The ledger SPI: the on-chain repository of models, versions, nodes, grants and reviews, written
 * through EIP-712 signed requests ({@link ai.nesa.aivm.sdk.ledger.LedgerRequest}) and read as
 * records and an ordered event log.
 *
 * @since 0.1.0
 */
package ai.nesa.aivm.sdk.ledger;
