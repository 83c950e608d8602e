package ai.nesa.aivm.sdk.storage;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.internal.storage.Base32;
import ai.nesa.aivm.sdk.internal.storage.Base58;
import ai.nesa.aivm.sdk.internal.storage.Multicodec;
import ai.nesa.aivm.sdk.internal.storage.Varint;
import java.util.Arrays;

/**
 * A CID decoded from its text: version, codec and multihash, so that two texts can be compared
 * whatever their base.
 *
 * <p>Kubo answers CIDv1 in base32 ({@code b…}); js-ipfs in base58btc ({@code z…}) unless asked for
 * {@code cid-base=base32}. Both texts decode to the same {@code CidBytes}, and {@link #equals}
 * compares the binary CID. {@link #sameBlockAs} also equates a CIDv0 with the CIDv1 dag-pb CID of
 * the same multihash, which name the same block.
 *
 * <pre>{@code
 * CidBytes.sameCid(Cid.of("bafy…"), Cid.of("zdj7…")); // true for the same CIDv1
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CidBytes {
  /** The multicodec of a raw block. */
  public static final long RAW = Multicodec.RAW;
  /** The multicodec of a dag-pb block. */
  public static final long DAG_PB = Multicodec.DAG_PB;
  /** The multihash code of SHA2-256. */
  public static final long SHA2_256 = Multicodec.SHA2_256;

  private final int version;
  private final long codec;
  private final long hashFunction;
  private final byte[] bytes;
  private final int multihashOffset;
  private final int digestOffset;

  private CidBytes(int version, long codec, long hashFunction, byte[] bytes, int multihashOffset, int digestOffset) {
    this.version = version;
    this.codec = codec;
    this.hashFunction = hashFunction;
    this.bytes = bytes;
    this.multihashOffset = multihashOffset;
    this.digestOffset = digestOffset;
  }

  /**
   * Decodes {@code cid}'s text: CIDv0 ({@code Qm…}) or CIDv1 in base32 ({@code b…}) or base58btc
   * ({@code z…}).
   *
   * @throws AivmValidationException naming {@code cid}, with rule {@code multibase} when the text is
   *     not in its base, or {@code binary} when the bytes are not a CID
   */
  public static CidBytes decode(Cid cid) {
    String text = cid.value();
    byte[] binary;
    try {
      binary = switch (text.charAt(0)) {
        case 'b' -> Base32.decode(text.substring(1));
        case 'z' -> Base58.decode(text.substring(1));
        default -> Base58.decode(text); // Qm…, the only form Cid admits besides those two
      };
    } catch (IllegalArgumentException e) {
      throw AivmValidationException.of("cid", "multibase", text, "the CID's text does not decode: " + e.getMessage());
    }
    if (text.charAt(0) == 'Q' && (binary.length == 0 || binary[0] != Multicodec.SHA2_256)) {
      throw AivmValidationException.of("cid", "binary", text, "a CIDv0 is a base58btc SHA2-256 multihash");
    }
    if (text.charAt(0) != 'Q' && binary.length > 0 && binary[0] == Multicodec.SHA2_256) {
      throw AivmValidationException.of("cid", "binary", text, "a CIDv0 is written only as base58btc 'Qm…'");
    }
    try {
      return fromBinary(binary);
    } catch (IllegalArgumentException e) {
      throw AivmValidationException.of("cid", "binary", text, "the CID's bytes are malformed: " + e.getMessage());
    }
  }

  /**
   * Decodes a binary CID.
   *
   * @throws AivmValidationException naming {@code cid}, rule {@code binary}, when the bytes are not a CID
   */
  public static CidBytes of(byte[] binary) {
    try {
      return fromBinary(binary.clone());
    } catch (IllegalArgumentException e) {
      throw AivmValidationException.of("cid", "binary", "the CID's bytes are malformed: " + e.getMessage());
    }
  }

  /** Whether {@code a} and {@code b} are the same binary CID, whatever base their texts are in. */
  public static boolean sameCid(Cid a, Cid b) {
    return decode(a).equals(decode(b));
  }

  private static CidBytes fromBinary(byte[] binary) {
    if (binary.length == 34 && binary[0] == Multicodec.SHA2_256) {
      if (binary[1] != Multicodec.SHA2_256_LENGTH) {
        throw new IllegalArgumentException("a CIDv0 is a SHA2-256 multihash of 32 bytes");
      }
      return new CidBytes(0, DAG_PB, SHA2_256, binary, 0, 2);
    }
    if (binary.length > 0 && binary[0] == Multicodec.SHA2_256) {
      throw new IllegalArgumentException("a CIDv0 is 34 bytes, not " + binary.length);
    }
    Varint.Read version = Varint.read(binary, 0);
    if (version.value() != 1) {
      throw new IllegalArgumentException("CID version " + version.value() + " is not supported");
    }
    int i = version.length();
    Varint.Read codec = Varint.read(binary, i);
    i += codec.length();
    int multihash = i;
    Varint.Read hash = Varint.read(binary, i);
    i += hash.length();
    Varint.Read length = Varint.read(binary, i);
    i += length.length();
    if (length.value() != binary.length - i) {
      throw new IllegalArgumentException("the multihash says " + length.value() + " digest bytes, "
          + (binary.length - i) + " follow");
    }
    if (hash.value() == SHA2_256 && length.value() != Multicodec.SHA2_256_LENGTH) {
      throw new IllegalArgumentException("a SHA2-256 digest is 32 bytes, not " + length.value());
    }
    return new CidBytes(1, codec.value(), hash.value(), binary, multihash, i);
  }

  /** The CID version: 0 or 1. */
  public int version() {
    return version;
  }

  /** The multicodec of the content: {@link #RAW}, {@link #DAG_PB} (always, for CIDv0), … */
  public long codec() {
    return codec;
  }

  /** The multihash function code, e.g. {@link #SHA2_256}. */
  public long hashFunction() {
    return hashFunction;
  }

  /** The digest, without the multihash header. */
  public byte[] digest() {
    return Arrays.copyOfRange(bytes, digestOffset, bytes.length);
  }

  /** The multihash: function code, length, digest. */
  public byte[] multihash() {
    return Arrays.copyOfRange(bytes, multihashOffset, bytes.length);
  }

  /** The binary CID. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The CIDv1 of the same block: this one for a CIDv1, the dag-pb CIDv1 for a CIDv0. */
  public CidBytes toV1() {
    if (version == 1) {
      return this;
    }
    return fromBinary(Multicodec.cidV1(Multicodec.DAG_PB, digest()));
  }

  /** Whether this and {@code other} name the same block: same codec and multihash, any version. */
  public boolean sameBlockAs(CidBytes other) {
    return Arrays.equals(toV1().bytes, other.toV1().bytes);
  }

  /** The usual text: {@code Qm…} for a CIDv0, base32 {@code b…} for a CIDv1. */
  public Cid toCid() {
    return new Cid(Multicodec.text(bytes));
  }

  /** The base58btc text: {@code Qm…} for a CIDv0, {@code z…} for a CIDv1. */
  public Cid toBase58() {
    return new Cid(version == 0 ? Base58.encode(bytes) : "z" + Base58.encode(bytes));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CidBytes other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toCid().value();
  }
}
