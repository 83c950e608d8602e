/**
 * A whole local AIVM network in one JVM: gateway, nodes, ledger and store, for examples and
 * end-to-end tests.
 *
 * @since 0.1.0
 */
package ai.nesa.aivm.devnet;
