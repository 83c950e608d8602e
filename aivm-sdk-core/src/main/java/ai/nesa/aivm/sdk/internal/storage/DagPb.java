package ai.nesa.aivm.sdk.internal.storage;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The exact bytes of the two dag-pb blocks a UnixFS file is made of, as Kubo and js-ipfs write
 * them.
 *
 * <p>A file leaf (CIDv0 imports) is {@code PBNode{Data: UnixFS{Type: File, Data: chunk,
 * filesize: n}}}; an interior node is {@code PBNode{Links: [...], Data: UnixFS{Type: File,
 * filesize: sum, blocksizes: [one per child]}}}. Canonical dag-pb puts every Links entry (field 2)
 * before Data (field 1); each PBLink is Hash (1), Name (2, always present, empty) and Tsize (3).
 * UnixFS omits Data when it is empty, always writes filesize, and writes blocksizes unpacked.
 */
public final class DagPb {
  private static final int UNIXFS_FILE = 2;

  private DagPb() {}

  /** The bytes of a file leaf that come before the chunk. */
  public static byte[] leafPrefix(int chunkLength) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16);
    out.write(0x0A); // PBNode.Data
    Varint.write(unixFsLeafLength(chunkLength), out);
    out.write(0x08); // Data.Type
    out.write(UNIXFS_FILE);
    if (chunkLength > 0) {
      out.write(0x12); // Data.Data
      Varint.write(chunkLength, out);
    }
    return out.toByteArray();
  }

  /** The bytes of a file leaf that come after the chunk. */
  public static byte[] leafSuffix(int chunkLength) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(12);
    out.write(0x18); // Data.filesize
    Varint.write(chunkLength, out);
    return out.toByteArray();
  }

  private static int unixFsLeafLength(int chunkLength) {
    int data = chunkLength > 0 ? 1 + Varint.size(chunkLength) + chunkLength : 0;
    return 2 + data + 1 + Varint.size(chunkLength);
  }

  /** A link from an interior node: the child's binary CID, its cumulative size and its file bytes. */
  public record Link(byte[] cid, long tsize, long fileSize) {}

  /** The bytes of an interior node over {@code links}. */
  public static byte[] node(List<Link> links) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * links.size() + 32);
    long fileSize = 0;
    for (Link link : links) {
      int length = 1 + Varint.size(link.cid().length) + link.cid().length + 2 + 1 + Varint.size(link.tsize());
      out.write(0x12); // PBNode.Links
      Varint.write(length, out);
      out.write(0x0A); // PBLink.Hash
      Varint.write(link.cid().length, out);
      out.write(link.cid(), 0, link.cid().length);
      out.write(0x12); // PBLink.Name, present and empty
      out.write(0x00);
      out.write(0x18); // PBLink.Tsize
      Varint.write(link.tsize(), out);
      fileSize += link.fileSize();
    }
    ByteArrayOutputStream data = new ByteArrayOutputStream(8 + 6 * links.size());
    data.write(0x08); // Data.Type
    data.write(UNIXFS_FILE);
    data.write(0x18); // Data.filesize
    Varint.write(fileSize, data);
    for (Link link : links) {
      data.write(0x20); // Data.blocksizes, one per child, unpacked
      Varint.write(link.fileSize(), data);
    }
    out.write(0x0A); // PBNode.Data
    Varint.write(data.size(), out);
    out.write(data.toByteArray(), 0, data.size());
    return out.toByteArray();
  }
}
