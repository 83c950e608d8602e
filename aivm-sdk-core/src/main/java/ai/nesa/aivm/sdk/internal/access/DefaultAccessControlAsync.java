package ai.nesa.aivm.sdk.internal.access;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.access.AccessChange;
import ai.nesa.aivm.sdk.access.AccessControl;
import ai.nesa.aivm.sdk.access.AccessControlAsync;
import ai.nesa.aivm.sdk.access.PrivateVersion;
import ai.nesa.aivm.sdk.internal.BackgroundCalls;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.UploadOptions;
import ai.nesa.aivm.sdk.ledger.GrantRecord;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** Runs each {@link AccessControl} call on a daemon thread of its own. */
public final class DefaultAccessControlAsync implements AccessControlAsync {
  private final AccessControl sync;

  public DefaultAccessControlAsync(AccessControl sync) {
    this.sync = Objects.requireNonNull(sync, "sync");
  }

  @Override
  public CompletableFuture<PrivateVersion> publish(KernelBundle bundle) {
    Objects.requireNonNull(bundle, "bundle");
    return BackgroundCalls.run("access-publish", () -> sync.publish(bundle));
  }

  @Override
  public CompletableFuture<PrivateVersion> publish(KernelBundle bundle, UploadOptions options) {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(options, "options");
    return BackgroundCalls.run("access-publish", () -> sync.publish(bundle, options));
  }

  @Override
  public CompletableFuture<AccessChange> authorize(ModelId model, Collection<Address> nodes) {
    List<Address> copy = List.copyOf(nodes);
    return BackgroundCalls.run("access-authorize", () -> sync.authorize(model, copy));
  }

  @Override
  public CompletableFuture<AccessChange> authorizeThreshold(ModelId model, int threshold, Collection<Address> nodes) {
    List<Address> copy = List.copyOf(nodes);
    return BackgroundCalls.run("access-authorize", () -> sync.authorizeThreshold(model, threshold, copy));
  }

  @Override
  public CompletableFuture<AccessChange> revoke(ModelId model, Collection<Address> nodes) {
    List<Address> copy = List.copyOf(nodes);
    return BackgroundCalls.run("access-revoke", () -> sync.revoke(model, copy));
  }

  @Override
  public CompletableFuture<AccessChange> rotate(ModelId model) {
    return BackgroundCalls.run("access-rotate", () -> sync.rotate(model));
  }

  @Override
  public CompletableFuture<List<GrantRecord>> grants(ModelId model) {
    return BackgroundCalls.run("access-grants", () -> sync.grants(model));
  }

  @Override
  public AccessControl sync() {
    return sync;
  }

  @Override
  public String toString() {
    return "AccessControlAsync{" + sync + "}";
  }
}
