package ai.nesa.aivm.sdk.internal.storage;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the root of a balanced UnixFS file DAG from its leaves as they come, keeping only the
 * links not yet gathered under a parent (at most {@code width} per level).
 *
 * <p>This is the same tree as js-ipfs's {@code balanced} layout and Kubo's balanced builder: the
 * leaves are cut into runs of {@code width}, each run becomes a parent, and the parents are cut
 * again until one node is left. A file of one leaf is that leaf.
 */
final class BalancedDag {
  private final int width;
  private final int cidVersion;
  private final MessageDigest sha256;
  private final List<List<DagPb.Link>> pending = new ArrayList<>();
  private final List<Long> counts = new ArrayList<>();

  /**
   * A builder of nodes of at most {@code width} links.
   *
   * @param cidVersion the version of the interior nodes' CIDs (0 or 1)
   */
  BalancedDag(int width, int cidVersion, MessageDigest sha256) {
    this.width = width;
    this.cidVersion = cidVersion;
    this.sha256 = sha256;
  }

  void addLeaf(DagPb.Link leaf) {
    add(0, leaf);
  }

  private void add(int level, DagPb.Link link) {
    if (pending.size() == level) {
      pending.add(new ArrayList<>(width));
      counts.add(0L);
    }
    List<DagPb.Link> links = pending.get(level);
    links.add(link);
    counts.set(level, counts.get(level) + 1);
    if (links.size() == width) {
      DagPb.Link parent = parent(links);
      links.clear();
      add(level + 1, parent);
    }
  }

  /**
   * The root's link once every leaf is in.
   *
   * @throws IllegalStateException when no leaf was added
   */
  DagPb.Link finish() {
    for (int level = 0; level < pending.size(); level++) {
      List<DagPb.Link> links = pending.get(level);
      if (counts.get(level) == 1) {
        return links.get(0);
      }
      if (!links.isEmpty()) {
        DagPb.Link parent = parent(links);
        links.clear();
        add(level + 1, parent);
      }
    }
    throw new IllegalStateException("a file DAG has at least one leaf");
  }

  private DagPb.Link parent(List<DagPb.Link> links) {
    byte[] node = DagPb.node(links);
    byte[] digest = sha256.digest(node);
    long tsize = node.length;
    long fileSize = 0;
    for (DagPb.Link link : links) {
      tsize += link.tsize();
      fileSize += link.fileSize();
    }
    byte[] cid = cidVersion == 0 ? Multicodec.cidV0(digest) : Multicodec.cidV1(Multicodec.DAG_PB, digest);
    return new DagPb.Link(cid, tsize, fileSize);
  }
}
