package ai.nesa.aivm.sdk.storage;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.internal.storage.ipfs.IpfsKernelStore;
import ai.nesa.aivm.sdk.internal.storage.local.LocalKernelStore;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Where kernel files live, addressed by their content: each object is named by its CIDv1 (raw
 * leaves, SHA2-256, 256 KiB chunks, balanced UnixFS DAG), the CID IPFS's
 * {@code add?cid-version=1&raw-leaves=true} gives.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>The SDK computes the CID.</b> {@link #put(InputStream)} hashes the bytes itself as they
 *       stream through ({@link ContentIds}) and never trusts a CID the storage reports; with an
 *       expected CID, a mismatch is a {@link ContentMismatchException} and the store is left not
 *       holding the content ({@link #has} stays {@code false}).
 *   <li><b>Reads are verified.</b> Every byte {@link #open} hands out belongs to a block that was
 *       hashed and matched its leaf CID, and the leaf CIDs were matched to the object's CID,
 *       before any byte of that block was handed out. Corruption is a
 *       {@link ContentMismatchException} at the first bad block, never wrong bytes.
 *   <li><b>Puts are atomic.</b> A put that fails (or a process that dies during one) leaves no
 *       partial object that {@link #has} reports or {@link #open} serves; putting the same content
 *       again is harmless and returns the same {@link StoredObject}. One case is not a partial
 *       object: when an IPFS node received every byte and the connection broke before its answer,
 *       the node may keep (and pin) the whole content, which is then exactly the content sent.
 *   <li><b>Memory is flat.</b> A put holds one chunk; a read holds one block and the leaf digests
 *       of the range it covers (32 bytes per 256 KiB).
 * </ul>
 *
 * <h2>Threads</h2>
 *
 * <p>A store is thread-safe and meant to be shared; concurrent puts of the same or of different
 * content are safe. The streams {@link #open} returns are not thread-safe: one reader each.
 *
 * <pre>{@code
 * try (KernelStore store = KernelStore.localDirectory(Path.of("kernels"))) {
 *   StoredObject weights = store.put(Files.newInputStream(file), expectedCid);
 *   try (InputStream in = store.open(weights.cid(), offset, length)) {
 *     // every byte read here has been verified against weights.cid()
 *   }
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public interface KernelStore extends AutoCloseable {
  /**
   * A store in the local directory {@code directory}, created if missing; see the on-disk layout
   * in {@link LocalKernelStore}. One store at a time may have a directory open: it takes a lock.
   *
   * @throws AivmIoException when the directory cannot be created, read or locked
   */
  static KernelStore localDirectory(Path directory) {
    return LocalKernelStore.open(directory);
  }

  /**
   * A store on the IPFS node whose Kubo RPC API is at {@code rpc} (e.g. {@code
   * http://127.0.0.1:5001}); js-ipfs's RPC API works too. Objects are pinned while held. See
   * {@link IpfsKernelStore} for how each operation maps to RPC calls.
   *
   * @throws AivmValidationException when {@code rpc} is not an http(s) URI
   * @since 0.1.0
   */
  static KernelStore ipfs(URI rpc) {
    return IpfsKernelStore.connect(rpc);
  }

  /**
   * Stores what {@code content} holds up to its end, under the CID computed from those bytes;
   * {@code content} is read once and left open.
   *
   * @return the object's CID and size
   * @throws AivmIoException when reading {@code content} or writing the store fails; nothing is
   *     stored
   */
  StoredObject put(InputStream content);

  /**
   * Stores what {@code content} holds if its CID is {@code expected}.
   *
   * @throws ContentMismatchException when the bytes' CID is not {@code expected} (compared as binary
   *     CIDs, whatever the base); nothing is stored
   * @throws AivmValidationException when {@code expected} is not a CID
   * @throws AivmIoException when reading {@code content} or writing the store fails; nothing is
   *     stored
   */
  StoredObject put(InputStream content, Cid expected);

  /**
   * Whether the store holds {@code cid} whole and keeps it (a pinned object, for IPFS).
   *
   * @throws AivmValidationException when {@code cid}'s text is not a CID
   */
  boolean has(Cid cid);

  /**
   * The size in bytes of {@code cid}, if the store holds it.
   *
   * @throws AivmValidationException when {@code cid}'s text is not a CID
   */
  OptionalLong size(Cid cid);

  /**
   * Opens {@code cid} for reading from its start to its end, verifying block by block.
   *
   * @throws ContentNotFoundException when the store does not hold {@code cid}
   * @throws ContentMismatchException when the stored object is corrupt (also thrown by the
   *     stream's reads, at the first bad block)
   */
  InputStream open(Cid cid);

  /**
   * Opens bytes {@code [offset, offset + length)} of {@code cid}, reading and verifying only the
   * blocks that cover them.
   *
   * @throws AivmValidationException when {@code offset} or {@code length} is negative or the range
   *     ends past the object's size; the message names the offset, length and size
   * @throws ContentNotFoundException when the store does not hold {@code cid}
   * @throws ContentMismatchException when the stored object is corrupt (also thrown by the
   *     stream's reads, at the first bad block)
   */
  InputStream open(Cid cid, long offset, long length);

  /**
   * Stops holding {@code cid} ({@code pin rm}, for IPFS); afterwards {@link #has} is {@code false}.
   * Streams already open may go on reading.
   *
   * @return whether the store held {@code cid}
   */
  boolean delete(Cid cid);

  /** Releases the store's resources; later calls throw {@link IllegalStateException}. */
  @Override
  void close();
}
