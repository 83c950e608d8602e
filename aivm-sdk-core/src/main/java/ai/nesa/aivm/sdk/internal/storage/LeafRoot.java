package ai.nesa.aivm.sdk.internal.storage;

import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.storage.ContentIds;

/**
 * Rebuilds a file's root CIDv1 from the SHA-256 digests of its raw leaves, so that a stored list of
 * leaves can be proven to belong to the CID it is filed under without rereading the file.
 *
 * <p>Only the interior dag-pb nodes are hashed (one per 174 leaves), so this is cheap next to
 * hashing the bytes. Not thread-safe; used once.
 */
public final class LeafRoot {
  private final BalancedDag dag = new BalancedDag(ContentIds.MAX_LINKS, 1, StreamingCidHasher.sha256());

  /** Adds the next leaf: the SHA-256 of its {@code length} bytes. */
  public void add(byte[] sha256, int length) {
    byte[] cid = Multicodec.cidV1(Multicodec.RAW, sha256);
    dag.addLeaf(new DagPb.Link(cid, length, length));
  }

  /**
   * The root CIDv1 of the leaves added.
   *
   * @throws IllegalStateException when no leaf was added
   */
  public Cid finish() {
    return new Cid(Multicodec.text(dag.finish().cid()));
  }

  /** The raw-leaf CIDv1 whose digest is {@code sha256}. */
  public static Cid rawLeaf(byte[] sha256) {
    return new Cid(Multicodec.text(Multicodec.cidV1(Multicodec.RAW, sha256)));
  }
}
