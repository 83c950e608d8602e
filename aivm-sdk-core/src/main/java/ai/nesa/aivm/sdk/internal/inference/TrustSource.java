package ai.nesa.aivm.sdk.internal.inference;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.ledger.LedgerDomain;
import java.util.Optional;

/**
 * What the ledger says, as far as checking a receipt needs: the signing domain, the manifest hash
 * a version was published with, whether a node is registered, whether a model is private and
 * whether a node holds a grant of it.
 */
interface TrustSource {
  LedgerDomain domain();

  /** The manifest hash published for the version; empty when the version is not published. */
  Optional<Hash32> manifestHash(ModelId model, Semver version);

  boolean isRegistered(Address node);

  boolean isPrivate(ModelId model);

  /** Whether {@code node} holds a current grant covering {@code version} of the private {@code model}. */
  boolean isAuthorized(ModelId model, Semver version, Address node);
}
