/**
 * Cryptography for AIVM kernels and keys: chunked encryption of weights, key wrapping to nodes,
 * k-of-n key sharing, Ethereum signatures and keystores. Depends on BouncyCastle and the JDK only.
 *
 * @since 0.1.0
 */
package ai.nesa.aivm.crypto;
