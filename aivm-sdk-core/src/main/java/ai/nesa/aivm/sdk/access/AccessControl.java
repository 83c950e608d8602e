package ai.nesa.aivm.sdk.access;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.UploadOptions;
import ai.nesa.aivm.sdk.ledger.GrantRecord;
import java.util.Collection;
import java.util.List;

/**
 * Private models: publish them encrypted, decide which nodes may run them and hand those nodes
 * the key, take it back. Reached through {@code client.access()}, which needs a store, a ledger and
 * a {@link Wallet} (the owner's key, held by this process).
 *
 * <pre>{@code
 * PrivateVersion v1 = client.access().publish(bundle);               // encrypted, registered private
 * client.access().authorize(model, List.of(nodeA, nodeB));           // each gets the key, wrapped to it
 * client.inference().deploy(...);                                    // runs on nodeA and nodeB only
 * client.access().revoke(model, List.of(nodeB));                     // nodeB out, new key epoch for nodeA
 * client.access().publish(nextBundle);                               // nodeB cannot decrypt this one
 * }</pre>
 *
 * <h2>Keys</h2>
 *
 * <p>Each version's files are encrypted under a fresh data key. The data key is sealed in the
 * manifest under the model's current <em>epoch key</em>, and the model's seed, from which every
 * epoch key follows, is wrapped there to the owner's public key: the owner recovers any version's
 * key from the ledger, the store and its wallet alone ({@link #recoverDataKey}). A grant hands a
 * node the epoch key (or, in k-of-n mode, one Shamir share of it) wrapped to the encryption key
 * the node registered on the ledger (ECIES, in the eciesjs format). Holding epoch e's key opens
 * every version of epochs 0 to e and none later. The schedule is written down in {@code
 * docs/access.md}.
 *
 * <h2>What revoking guarantees</h2>
 *
 * <p>{@link #revoke} removes the node's grant and starts a new key epoch, granted to the remaining
 * nodes only. A revoked node cannot decrypt any version published after its revocation: those are
 * sealed under a key it never held and cannot compute. What it already downloaded and decrypted
 * before, it may keep; no protocol can take that back.
 *
 * <h2>Errors</h2>
 *
 * <p>Everything is checked before the first request is sent: a node that is not registered, whose
 * registration signature does not verify, or that holds no grant to revoke is an {@link
 * ai.nesa.aivm.AivmValidationException} naming {@code nodes[i]}, and nothing changes. A refusal by
 * the ledger is a {@link ai.nesa.aivm.sdk.ledger.LedgerRejectedException}. The SDK never sends a
 * private key or a data key anywhere, and no key reaches a log line, an exception or a {@code
 * toString()}.
 *
 * <p>Thread-safe: changes to one client's models are applied one at a time.
 *
 * @since 0.1.0
 */
public interface AccessControl {
  /**
   * Uploads a private kernel encrypted under a fresh data key sealed to the model's current key
   * epoch, and registers it (the model too, private, when it is new).
   *
   * @throws ai.nesa.aivm.AivmValidationException when the config is not {@code security.access:
   *     private}, the model is another owner's or public, or as {@code kernels().upload} does
   */
  PrivateVersion publish(KernelBundle bundle);

  /**
   * {@link #publish(KernelBundle)} with upload options (a listener, a journal to resume from);
   * {@code options} must not set a data key or keys, which this call makes.
   */
  PrivateVersion publish(KernelBundle bundle, UploadOptions options);

  /**
   * Grants each node the model's current epoch key, wrapped to the encryption key it registered
   * (after checking its {@code NodeRegistration} signature): one call for many nodes, a grant
   * request each. A node already granted is granted again.
   *
   * @throws ai.nesa.aivm.AivmValidationException naming {@code nodes[i]} for a node that is not
   *     registered or whose registration does not verify, {@code model} when no version was
   *     published through {@link #publish} yet or the model is in k-of-n mode ({@link
   *     #authorizeThreshold} then)
   */
  AccessChange authorize(ModelId model, Collection<Address> nodes);

  /**
   * k-of-n mode: starts a new key epoch whose key is split into one Shamir share per node, any
   * {@code threshold} of which open it, so that no single node holds the key. The nodes named
   * become the model's whole set: earlier grants end with the old epoch.
   *
   * @throws ai.nesa.aivm.AivmValidationException naming {@code threshold} unless 2 ≤ threshold ≤
   *     nodes, or as {@link #authorize}
   */
  AccessChange authorizeThreshold(ModelId model, int threshold, Collection<Address> nodes);

  /**
   * Revokes the nodes' grants and rotates: a new key epoch, granted (whole, or re-split at the same
   * threshold) to the nodes that keep their grant. Versions published from now on are sealed to
   * the new epoch.
   *
   * @throws ai.nesa.aivm.AivmValidationException naming {@code nodes[i]} for a node without a
   *     grant, {@code nodes} when fewer nodes than the threshold would remain
   */
  AccessChange revoke(ModelId model, Collection<Address> nodes);

  /** Starts a new key epoch granted to the same nodes: for a key that may have leaked. */
  AccessChange rotate(ModelId model);

  /** The model's standing grants, in the ledger's order. */
  List<GrantRecord> grants(ModelId model);

  /**
   * Whether {@code node} may run the model: any registered node for a public model, a node with a
   * grant of the current epoch for a private one.
   */
  boolean mayRun(ModelId model, Address node);

  /**
   * The data key of one version, recovered from its manifest with this wallet: for the owner's
   * own reading of its private kernel. The caller owns the key and should destroy it.
   *
   * @throws ai.nesa.aivm.AivmValidationException when the version is not published, or was not
   *     published through {@link #publish}
   * @throws ai.nesa.aivm.crypto.CryptoException when the seed is not wrapped to this wallet (the
   *     model changed owner) or the manifest was changed
   */
  SecretBytes recoverDataKey(ModelId model, Semver version);
}
