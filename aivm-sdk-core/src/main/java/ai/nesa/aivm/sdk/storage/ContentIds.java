package ai.nesa.aivm.sdk.storage;

import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.internal.storage.Multicodec;
import ai.nesa.aivm.sdk.internal.storage.StreamingCidHasher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Computes the IPFS content identifiers of a file in one streaming pass, exactly as IPFS's
 * {@code add} would.
 *
 * <p>The file is cut into 256 KiB chunks and laid out as a balanced UnixFS DAG of at most 174
 * links per node, hashed with SHA2-256. {@link #v1Only()} gives the CIDv1 with raw leaves (what
 * {@code add?cid-version=1&raw-leaves=true} returns); {@link #v1AndV0()} also gives the CIDv0 of a
 * default {@code ipfs add}, which hashes every byte a second time.
 *
 * <h2>Memory and threads</h2>
 *
 * <p>Memory does not grow with the file: at most one chunk and the links not yet under a parent
 * are held. Instances are immutable and thread-safe; each computation has its own state.
 *
 * <pre>{@code
 * FileCids cids = ContentIds.v1Only().of(Path.of("model.onnx"));
 * cids.cidV1(); // bafybei…
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ContentIds {
  /** The chunk size: 256 KiB, the IPFS default. */
  public static final int CHUNK_SIZE = 262_144;
  /** The most links a node of the balanced layout has, the IPFS default. */
  public static final int MAX_LINKS = 174;

  private static final int READ_BUFFER = CHUNK_SIZE;
  private static final ContentIds V1_ONLY = new ContentIds(false, null);
  private static final ContentIds V1_AND_V0 = new ContentIds(true, null);

  private final boolean withV0;
  private final LeafListener listener;

  private ContentIds(boolean withV0, LeafListener listener) {
    this.withV0 = withV0;
    this.listener = listener;
  }

  /** Computes the raw-leaves CIDv1 only: one SHA-256 pass over the bytes. */
  public static ContentIds v1Only() {
    return V1_ONLY;
  }

  /** Computes the raw-leaves CIDv1 and the default CIDv0: two SHA-256 passes over the bytes. */
  public static ContentIds v1AndV0() {
    return V1_AND_V0;
  }

  /** A copy of this that also tells {@code listener} each leaf's CID. */
  public ContentIds onLeaf(LeafListener listener) {
    return new ContentIds(withV0, Objects.requireNonNull(listener, "listener"));
  }

  /** A new hasher, to be fed the file's bytes. */
  public CidHasher newHasher() {
    return new StreamingCidHasher(CHUNK_SIZE, MAX_LINKS, withV0, listener);
  }

  /** The CIDs of {@code bytes}. */
  public FileCids of(byte[] bytes) {
    CidHasher hasher = newHasher();
    hasher.update(bytes, 0, bytes.length);
    return hasher.finish();
  }

  /**
   * The CIDs of what {@code in} holds up to its end; {@code in} is left open.
   *
   * @throws AivmIoException when reading fails
   */
  public FileCids of(InputStream in) {
    CidHasher hasher = newHasher();
    byte[] buffer = new byte[READ_BUFFER];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        hasher.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new AivmIoException("could not read the stream to compute its CIDs: " + e.getMessage(), e);
    }
    return hasher.finish();
  }

  /**
   * The CIDs of what {@code channel} holds up to its end; {@code channel} is left open.
   *
   * @throws AivmIoException when reading fails
   */
  public FileCids of(ReadableByteChannel channel) {
    try {
      return read(channel);
    } catch (IOException e) {
      throw new AivmIoException("could not read the channel to compute its CIDs: " + e.getMessage(), e);
    }
  }

  /**
   * The CIDs of the file at {@code file}.
   *
   * @throws AivmIoException when the file cannot be read
   */
  public FileCids of(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return read(channel);
    } catch (IOException e) {
      throw new AivmIoException("could not read " + file + " to compute its CIDs: " + e.getMessage(), e);
    }
  }

  private FileCids read(ReadableByteChannel channel) throws IOException {
    CidHasher hasher = newHasher();
    ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
    while (channel.read(buffer) >= 0) {
      buffer.flip();
      hasher.update(buffer.array(), 0, buffer.limit());
      buffer.clear();
    }
    return hasher.finish();
  }

  /**
   * The CIDv1 of {@code block} as a raw block: {@code b} + base32({@code 01 55 12 20} ‖
   * SHA-256(block)); for a block of one chunk or less, this is also the file's CIDv1.
   */
  public static Cid rawLeaf(byte[] block) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(block);
      return new Cid(Multicodec.text(Multicodec.cidV1(Multicodec.RAW, digest)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "ContentIds{" + (withV0 ? "v1AndV0" : "v1Only") + (listener == null ? "" : ", onLeaf") + "}";
  }
}
