/**
 * The machinery behind {@link ai.nesa.aivm.crypto.ChunkedEncryption}: the byte layout, the key
 * derivation, the per-chunk AEAD, and the streaming and random-access front ends. Not API.
 */
package ai.nesa.aivm.crypto.internal.chunked;
