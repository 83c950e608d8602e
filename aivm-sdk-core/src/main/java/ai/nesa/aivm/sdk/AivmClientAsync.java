package ai.nesa.aivm.sdk;

import ai.nesa.aivm.sdk.access.AccessControlAsync;
import ai.nesa.aivm.sdk.inference.InferenceClientAsync;
import ai.nesa.aivm.sdk.kernels.KernelUploaderAsync;
import ai.nesa.aivm.sdk.metrics.MetricsFeedAsync;
import ai.nesa.aivm.sdk.models.ModelRegistryAsync;

/**
 * The asynchronous twin of {@link AivmClient}: the same services with the same method names,
 * returning {@link java.util.concurrent.CompletableFuture}s. It shares the synchronous client's
 * pool and settings; closing either closes both.
 *
 * @since 0.1.0
 */
public interface AivmClientAsync extends AutoCloseable {

  /** The model catalog. */
  ModelRegistryAsync models();

  /**
   * Kernel upload and download on threads of their own.
   *
   * @throws IllegalStateException when the client was built without a store
   */
  KernelUploaderAsync kernels();

  /** The synchronous twin. */
  AivmClient sync();

  /** Deployments and inferences. */
  InferenceClientAsync inference();

  /**
   * Private models, each call on a thread of its own.
   *
   * @throws IllegalStateException as {@link AivmClient#access()}
   */
  AccessControlAsync access();

  /** The live feed and usage analytics, the analytics calls returning futures. */
  MetricsFeedAsync metrics();

  @Override
  void close();
}
