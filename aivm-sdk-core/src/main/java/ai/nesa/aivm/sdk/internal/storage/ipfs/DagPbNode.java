package ai.nesa.aivm.sdk.internal.storage.ipfs;

import java.util.ArrayList;
import java.util.List;

/**
 * A decoded dag-pb block holding a UnixFS file node: its links (child CIDs) and, from its UnixFS
 * data, the file size and the file bytes under each child.
 *
 * <p>Only what reading a file needs is kept; unknown protobuf fields are skipped. The decoder
 * trusts nothing about the input: every length is checked against the block.
 */
record DagPbNode(List<byte[]> links, long fileSize, List<Long> blockSizes, int inlineData) {
  private static final int UNIXFS_RAW = 0;
  private static final int UNIXFS_FILE = 2;

  /**
   * Decodes {@code block}.
   *
   * @throws IllegalArgumentException when it is not a dag-pb UnixFS file node
   */
  static DagPbNode decode(byte[] block) {
    List<byte[]> links = new ArrayList<>();
    byte[] data = null;
    Protobuf in = new Protobuf(block, 0, block.length);
    while (in.hasMore()) {
      long key = in.varint();
      int field = (int) (key >>> 3);
      int wire = (int) (key & 7);
      if (field == 2 && wire == 2) {
        links.add(linkHash(in.bytes()));
      } else if (field == 1 && wire == 2) {
        data = in.bytes();
      } else {
        in.skip(wire);
      }
    }
    if (data == null) {
      throw new IllegalArgumentException("the dag-pb node has no UnixFS data");
    }
    return unixFs(links, data);
  }

  private static byte[] linkHash(byte[] link) {
    Protobuf in = new Protobuf(link, 0, link.length);
    byte[] hash = null;
    while (in.hasMore()) {
      long key = in.varint();
      if (key == ((1 << 3) | 2)) {
        hash = in.bytes();
      } else {
        in.skip((int) (key & 7));
      }
    }
    if (hash == null) {
      throw new IllegalArgumentException("a dag-pb link has no Hash");
    }
    return hash;
  }

  private static DagPbNode unixFs(List<byte[]> links, byte[] data) {
    Protobuf in = new Protobuf(data, 0, data.length);
    long type = -1;
    long fileSize = -1;
    int inline = 0;
    List<Long> blockSizes = new ArrayList<>();
    while (in.hasMore()) {
      long key = in.varint();
      int field = (int) (key >>> 3);
      int wire = (int) (key & 7);
      if (field == 1 && wire == 0) {
        type = in.varint();
      } else if (field == 2 && wire == 2) {
        inline = in.bytes().length;
      } else if (field == 3 && wire == 0) {
        fileSize = in.varint();
      } else if (field == 4 && wire == 0) {
        blockSizes.add(in.varint());
      } else if (field == 4 && wire == 2) { // packed, which some writers use
        byte[] packed = in.bytes();
        Protobuf p = new Protobuf(packed, 0, packed.length);
        while (p.hasMore()) {
          blockSizes.add(p.varint());
        }
      } else {
        in.skip(wire);
      }
    }
    if (type != UNIXFS_FILE && type != UNIXFS_RAW) {
      throw new IllegalArgumentException("the UnixFS node is of type " + type + ", not a file");
    }
    if (blockSizes.size() != links.size()) {
      throw new IllegalArgumentException("the UnixFS node has " + links.size() + " links but "
          + blockSizes.size() + " block sizes");
    }
    long sum = inline;
    for (long size : blockSizes) {
      sum += size;
    }
    if (fileSize < 0) {
      fileSize = sum;
    }
    if (sum != fileSize) {
      throw new IllegalArgumentException("the UnixFS node's block sizes add up to " + sum + ", its filesize is "
          + fileSize);
    }
    return new DagPbNode(List.copyOf(links), fileSize, List.copyOf(blockSizes), inline);
  }

  /** A protobuf reader over a slice of bytes. */
  private static final class Protobuf {
    private final byte[] in;
    private final int end;
    private int at;

    Protobuf(byte[] in, int from, int to) {
      this.in = in;
      this.at = from;
      this.end = to;
    }

    boolean hasMore() {
      return at < end;
    }

    long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (at >= end) {
          throw new IllegalArgumentException("the block ends inside a varint");
        }
        int b = in[at++] & 0xFF;
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          if (value < 0) {
            throw new IllegalArgumentException("a varint is out of range");
          }
          return value;
        }
      }
      throw new IllegalArgumentException("a varint is too long");
    }

    byte[] bytes() {
      long length = varint();
      if (length > end - at) {
        throw new IllegalArgumentException("a field of " + length + " bytes runs past the block");
      }
      byte[] out = java.util.Arrays.copyOfRange(in, at, at + (int) length);
      at += (int) length;
      return out;
    }

    void skip(int wire) {
      switch (wire) {
        case 0 -> varint();
        case 1 -> advance(8);
        case 2 -> bytes();
        case 5 -> advance(4);
        default -> throw new IllegalArgumentException("protobuf wire type " + wire + " is not supported");
      }
    }

    private void advance(int n) {
      if (n > end - at) {
        throw new IllegalArgumentException("a field runs past the block");
      }
      at += n;
    }
  }
}
