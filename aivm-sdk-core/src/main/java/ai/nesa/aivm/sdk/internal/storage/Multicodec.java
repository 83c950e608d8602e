package ai.nesa.aivm.sdk.internal.storage;

/**
 * The multicodec codes the SDK writes, and the binary CIDs built from them.
 */
public final class Multicodec {
  /** Codec of a block that is the bytes themselves. */
  public static final int RAW = 0x55;
  /** Codec of a dag-pb (MerkleDAG protobuf) block. */
  public static final int DAG_PB = 0x70;
  /** Multihash code of SHA2-256. */
  public static final int SHA2_256 = 0x12;
  /** Length of a SHA2-256 digest. */
  public static final int SHA2_256_LENGTH = 32;

  private Multicodec() {}

  /** A binary CIDv1 over a SHA2-256 digest: {@code 01 codec 12 20 digest}. */
  public static byte[] cidV1(int codec, byte[] sha256) {
    byte[] out = new byte[1 + Varint.size(codec) + 2 + sha256.length];
    int i = Varint.write(1, out, 0);
    i = Varint.write(codec, out, i);
    out[i++] = SHA2_256;
    out[i++] = SHA2_256_LENGTH;
    System.arraycopy(sha256, 0, out, i, sha256.length);
    return out;
  }

  /** A binary CIDv0, which is the bare SHA2-256 multihash of a dag-pb block: {@code 12 20 digest}. */
  public static byte[] cidV0(byte[] sha256) {
    byte[] out = new byte[2 + sha256.length];
    out[0] = SHA2_256;
    out[1] = SHA2_256_LENGTH;
    System.arraycopy(sha256, 0, out, 2, sha256.length);
    return out;
  }

  /** The usual text of a binary CID: {@code Qm…} base58btc for CIDv0, {@code b…} base32 for CIDv1. */
  public static String text(byte[] cid) {
    return cid[0] == SHA2_256 ? Base58.encode(cid) : "b" + Base32.encode(cid);
  }
}
