package ai.nesa.aivm.sdk.ledger;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import java.util.List;
import java.util.Optional;

/**
 * The on-chain repository as the SDK sees it (an SPI): models and their owners, versions with
 * their manifests, nodes, access grants, reviews, and the ordered log of every change. The devnet
 * provides one in memory; {@code aivm-sdk-chain} one on an EVM contract. Both are held to the same
 * behaviour by one conformance suite.
 *
 * <h2>Writing: signed requests</h2>
 *
 * <p>Every change is a {@link LedgerRequest}: a {@link LedgerAction} signed with EIP-712 by its
 * signer in the ledger's {@link #domain()}. {@link #submit} applies it only if all of these hold,
 * checked in this order, and otherwise rejects it with the first {@link LedgerError.Code} that
 * fails:
 *
 * <ol>
 *   <li>{@code INVALID_SIGNATURE}: the signature recovers to the request's signer in this domain;
 *   <li>{@code DEADLINE_PASSED}: the deadline (whole seconds) is not before the ledger's time cut
 *       to whole seconds (a block's timestamp, on an EVM);
 *   <li>{@code NONCE_MISMATCH}: the nonce is the signer's {@link #nextNonce};
 *   <li>the action's own rules, checked in the order listed for it:
 *       <ul>
 *         <li>register a model: the name is new ({@code CONFLICT}); access is public or private
 *             ({@code INVALID}); the signer becomes the owner, at key epoch 0, threshold 1, with
 *             an empty key commitment;
 *         <li>publish, deprecate, transfer, grant, revoke, rotate: first the model exists ({@code
 *             NOT_FOUND}) and the signer owns it ({@code NOT_ALLOWED}), then:
 *         <li>publish: the version is new for the model ({@code CONFLICT});
 *         <li>deprecate: the version exists ({@code NOT_FOUND}) and is not deprecated ({@code
 *             CONFLICT}); deprecation is advisory: a deprecated version can still be granted and
 *             reviewed;
 *         <li>transfer: the new owner is not the zero address ({@code INVALID}); a transfer to the
 *             owner itself applies and changes nothing but the nonce and the log;
 *         <li>grant: the model is private, and the epoch is its current one ({@code INVALID}); the
 *             node is registered and a version the grant names exists ({@code NOT_FOUND}); it
 *             replaces the node's earlier grant of the model, which leaves its place in the list;
 *         <li>revoke: the node holds a grant of the model ({@code NOT_FOUND}), which is removed;
 *         <li>rotate: the model is private, and the epoch is the current one plus one ({@code
 *             INVALID}); the model takes the new epoch's threshold and key commitment, and every
 *             grant of an older epoch is dropped;
 *         <li>register a node: the signer is the node ({@code NOT_ALLOWED}), and the registration
 *             signature is the signer's over {@code NodeRegistration} ({@code INVALID}); a node
 *             registering again replaces its record and keeps its place in the list;
 *         <li>review: the version exists ({@code NOT_FOUND}); any signer may review; a later
 *             review of the same version by the same reviewer replaces the earlier one, which
 *             leaves its place in the list.
 *       </ul>
 * </ol>
 *
 * <p>An applied request uses up the signer's nonce and appends one {@link LedgerEvent}. A rejected
 * one changes nothing, its nonce included: the signer signs again with the same nonce. The ledger
 * records times (events, records) in whole seconds.
 *
 * <h2>Reading</h2>
 *
 * <p>Lists come in the order the ledger applied the changes. Reads see every change applied
 * before they started.
 *
 * <h2>Threads</h2>
 *
 * <p>Implementations are thread-safe; requests submitted concurrently are applied one at a time,
 * in some order. A ledger that applies requests later (an EVM ledger waiting for a block) answers
 * {@code ACCEPTED} and settles the receipt in {@link #receipt}.
 *
 * @since 0.1.0
 */
public interface Ledger extends AutoCloseable {
  /** The EIP-712 domain requests are signed in. */
  LedgerDomain domain();

  /** The nonce {@code signer}'s next request must carry: 0 for a signer never seen. */
  long nextNonce(Address signer);

  /**
   * Checks {@code request} against the rules above and applies it, or rejects it.
   *
   * @return the receipt: {@code APPLIED} with the event's sequence, or {@code REJECTED} with the
   *     error; a ledger that applies later may answer {@code ACCEPTED} and settle it in {@link
   *     #receipt}
   * @throws ai.nesa.aivm.sdk.AivmIoException when the ledger cannot be reached; the request may or
   *     may not have been applied (read {@link #nextNonce} to find out)
   */
  LedgerReceipt submit(LedgerRequest request);

  /**
   * The receipt of a request this ledger answered, applied or rejected, as it stands now; empty for
   * an id it never gave out. An in-memory ledger keeps every receipt for its lifetime.
   */
  Optional<LedgerReceipt> receipt(String requestId);

  /** The model named {@code id}, if registered. */
  Optional<ModelRecord> model(ModelId id);

  /** Every registered model, in order of registration. */
  List<ModelRecord> models();

  /** The versions of model {@code id}, in order of publication; empty when there are none. */
  List<VersionRecord> versions(ModelId id);

  /** One version of a model, if published. */
  Optional<VersionRecord> version(ModelId id, Semver version);

  /** The node whose operator address is {@code address}, if registered. */
  Optional<NodeRecord> node(Address address);

  /** Every registered node, in order of first registration. */
  List<NodeRecord> nodes();

  /** The standing grants of model {@code id} (all in its current epoch), in the order they were last written. */
  List<GrantRecord> grants(ModelId id);

  /** The reviews of model {@code id}, every version, in the order they were last written. */
  List<ReviewRecord> reviews(ModelId id);

  /**
   * Up to {@code limit} events with a sequence above {@code afterSequence}, in order: pass 0 for
   * the first page and the last sequence seen for the next.
   *
   * @throws IllegalArgumentException when {@code afterSequence} is negative or {@code limit} is not
   *     positive
   */
  List<LedgerEvent> events(long afterSequence, int limit);

  /**
   * Releases the ledger's resources; later calls throw {@link IllegalStateException}, and closing
   * twice does nothing.
   */
  @Override
  void close();
}
