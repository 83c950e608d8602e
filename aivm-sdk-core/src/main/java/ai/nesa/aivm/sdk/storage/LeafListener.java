package ai.nesa.aivm.sdk.storage;

import ai.nesa.aivm.sdk.Cid;

/**
 * Told each leaf (chunk) of a file as its CID is computed, in file order.
 *
 * <p>Block-by-block verification of a download needs these CIDs: each is the raw-leaf CIDv1
 * ({@code bafk…}) of the bytes {@code [offset, offset + length)}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface LeafListener {
  /**
   * Called once per leaf, on the thread computing the CIDs.
   *
   * @param index the leaf's position, from 0
   * @param offset the position of the leaf's first byte in the file
   * @param length the leaf's length in bytes (256 KiB for all but the last)
   * @param cid the leaf's raw CIDv1
   */
  void onLeaf(long index, long offset, int length, Cid cid);
}
