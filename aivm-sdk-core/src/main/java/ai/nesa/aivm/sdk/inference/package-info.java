/**
 * Deployments and inference: {@link ai.nesa.aivm.sdk.inference.InferenceClient} deploys a model
 * version with execution parameters and runs inferences on it (sync, async, streamed, batched),
 * checking every result against the nodes' EIP-712 {@link ai.nesa.aivm.sdk.inference.Receipt}s
 * and the deployment's consensus policy before returning it.
 *
 * @since 0.1.0
 */
package ai.nesa.aivm.sdk.inference;
