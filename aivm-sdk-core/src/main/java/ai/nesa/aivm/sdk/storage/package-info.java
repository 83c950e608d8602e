/**
 * Kernel storage: content identifiers (CIDs) computed by the SDK, so that what storage returns can
 * be checked.
 *
 * <p>{@link ai.nesa.aivm.sdk.storage.ContentIds} computes the CIDs of a file in one streaming
 * pass; {@link ai.nesa.aivm.sdk.storage.CidBytes} decodes a CID's text to compare the dialects
 * storage answers in. {@link ai.nesa.aivm.sdk.storage.KernelStore} is where kernel files live,
 * addressed by those CIDs and verified block by block on every read; {@link
 * ai.nesa.aivm.sdk.storage.KernelStore#localDirectory} keeps them in a local directory.
 *
 * @since 0.1.0
 */
package ai.nesa.aivm.sdk.storage;
