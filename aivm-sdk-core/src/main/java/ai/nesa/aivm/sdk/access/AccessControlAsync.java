package ai.nesa.aivm.sdk.access;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.UploadOptions;
import ai.nesa.aivm.sdk.ledger.GrantRecord;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The asynchronous twin of {@link AccessControl}: the same calls, each run on a thread of its own
 * (they upload and wait for the ledger); cancelling a future interrupts its call, which may still
 * have applied some of its requests (read {@link AccessControl#grants} to see).
 *
 * @since 0.1.0
 */
public interface AccessControlAsync {
  CompletableFuture<PrivateVersion> publish(KernelBundle bundle);

  CompletableFuture<PrivateVersion> publish(KernelBundle bundle, UploadOptions options);

  CompletableFuture<AccessChange> authorize(ModelId model, Collection<Address> nodes);

  CompletableFuture<AccessChange> authorizeThreshold(ModelId model, int threshold, Collection<Address> nodes);

  CompletableFuture<AccessChange> revoke(ModelId model, Collection<Address> nodes);

  CompletableFuture<AccessChange> rotate(ModelId model);

  CompletableFuture<List<GrantRecord>> grants(ModelId model);

  /** The sync service this twin runs. */
  AccessControl sync();
}
