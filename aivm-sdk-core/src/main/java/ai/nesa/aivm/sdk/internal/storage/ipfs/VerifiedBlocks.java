package ai.nesa.aivm.sdk.internal.storage.ipfs;

import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.internal.storage.Multicodec;
import ai.nesa.aivm.sdk.storage.CidBytes;
import ai.nesa.aivm.sdk.storage.ContentIds;
import ai.nesa.aivm.sdk.storage.ContentMismatchException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fetches blocks from the node with {@code block/get} and checks each against the CID it was asked
 * for before anything else looks at it; walks a file's DAG from its root to the leaves that cover
 * a range.
 *
 * <p>Trust runs down the DAG: the root is hashed against the object's CID, each interior node
 * against the link its verified parent holds, and so the leaf CIDs (and the file sizes under them)
 * are the object's own.
 */
final class VerifiedBlocks {
  /** The largest block accepted: a leaf is one chunk, and interior nodes are far smaller. */
  static final int MAX_BLOCK = ContentIds.CHUNK_SIZE + 16 * 1024;

  private final IpfsRpc rpc;
  private final String blockTimeout;

  VerifiedBlocks(IpfsRpc rpc, String blockTimeout) {
    this.rpc = rpc;
    this.blockTimeout = blockTimeout;
  }

  /** The {@code timeout=} value of block calls. */
  String timeout() {
    return blockTimeout;
  }

  /**
   * The bytes of block {@code cid}, proven to hash to it.
   *
   * @param object the object it belongs to, for the error
   * @param index the block's index in the object, or {@code -1} for an interior node
   */
  byte[] get(CidBytes cid, Cid object, long index) {
    byte[] block = rpc.bytes("block/get", Map.of("arg", cid.toCid().value(), "timeout", blockTimeout), MAX_BLOCK);
    byte[] actual = sha256(block);
    if (!MessageDigest.isEqual(cid.digest(), actual)) {
      Cid expected = cid.toCid();
      Cid got = new Cid(Multicodec.text(Multicodec.cidV1((int) cid.codec(), actual)));
      if (index >= 0) {
        throw ContentMismatchException.ofBlock(object, index, expected, got);
      }
      throw new ContentMismatchException("a node of " + object + "'s DAG is corrupt: its CID is " + got + ", not "
          + expected, expected, got, -1);
    }
    return block;
  }

  /** The file size of the object whose verified root block is {@code root}. */
  static long fileSize(CidBytes cid, byte[] root) {
    return cid.codec() == CidBytes.RAW ? root.length : decode(cid, root).fileSize();
  }

  /**
   * The leaves covering {@code [from, to)} of the object {@code cid} whose verified root block is
   * {@code root}, fetching (and verifying) only the interior nodes above them.
   */
  List<Leaf> leaves(CidBytes cid, byte[] root, long from, long to) {
    List<Leaf> out = new ArrayList<>();
    if (from < to) {
      collect(cid, root, 0, from, to, cid.toCid(), out);
    }
    return out;
  }

  private void collect(CidBytes cid, byte[] block, long start, long from, long to, Cid object, List<Leaf> out) {
    if (cid.codec() == CidBytes.RAW) {
      out.add(new Leaf(cid, start, block.length));
      return;
    }
    DagPbNode node = decode(cid, block);
    if (node.inlineData() > 0) {
      throw new ContentMismatchException(object + " has UnixFS leaves with inline data; this store reads only"
          + " raw-leaf files (add?raw-leaves=true)", object, null, -1);
    }
    long childStart = start;
    for (int i = 0; i < node.links().size(); i++) {
      long childSize = node.blockSizes().get(i);
      long childEnd = childStart + childSize;
      if (childEnd > from && childStart < to) {
        CidBytes child = CidBytes.of(node.links().get(i));
        if (child.codec() == CidBytes.RAW) {
          if (childSize > ContentIds.CHUNK_SIZE) {
            throw new ContentMismatchException("a leaf of " + object + " holds " + childSize
                + " bytes, over one chunk", object, null, -1);
          }
          out.add(new Leaf(child, childStart, (int) childSize));
        } else {
          collect(child, get(child, object, -1), childStart, from, to, object, out);
        }
      }
      childStart = childEnd;
    }
  }

  private static DagPbNode decode(CidBytes cid, byte[] block) {
    if (cid.codec() != CidBytes.DAG_PB) {
      throw new ContentMismatchException(cid + " is neither a raw nor a dag-pb block", cid.toCid(), null, -1);
    }
    try {
      return DagPbNode.decode(block);
    } catch (IllegalArgumentException e) {
      throw new ContentMismatchException(cid + " is not a UnixFS file node: " + e.getMessage(), cid.toCid(),
          null, -1);
    }
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
