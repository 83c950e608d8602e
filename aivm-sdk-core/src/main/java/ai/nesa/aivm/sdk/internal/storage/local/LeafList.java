package ai.nesa.aivm.sdk.internal.storage.local;

import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.internal.storage.LeafRoot;
import ai.nesa.aivm.sdk.storage.CidBytes;
import ai.nesa.aivm.sdk.storage.ContentIds;
import ai.nesa.aivm.sdk.storage.ContentMismatchException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The leaf list kept beside each object: an 8-byte header {@code AIVMLV1\n}, then the 32-byte
 * SHA-256 digest of each 256 KiB block (raw leaf) in file order.
 *
 * <p>Reading it back proves it: the digests, with the block lengths the object's size implies, are
 * rebuilt into the root CID, which must be the CID the object is filed under. Only then are they
 * trusted to verify the blocks.
 */
final class LeafList {
  static final byte[] HEADER = "AIVMLV1\n".getBytes(StandardCharsets.US_ASCII);
  static final int DIGEST_LENGTH = 32;

  private LeafList() {}

  /** The number of leaves of an object of {@code size} bytes; an empty object has one empty leaf. */
  static long leafCount(long size) {
    return size == 0 ? 1 : (size + ContentIds.CHUNK_SIZE - 1) / ContentIds.CHUNK_SIZE;
  }

  /** The length of leaf {@code index} of an object of {@code size} bytes. */
  static int leafLength(long size, long index) {
    return (int) Math.min(ContentIds.CHUNK_SIZE, size - index * ContentIds.CHUNK_SIZE);
  }

  /**
   * Reads the leaf list at {@code file}, proves it belongs to {@code object} of {@code size} bytes,
   * and returns the digests of leaves {@code [first, first + count)}, concatenated.
   *
   * @throws ContentMismatchException when the list does not hash to {@code object}
   * @throws java.nio.file.NoSuchFileException when there is no list
   */
  static byte[] readVerified(Path file, Cid object, long size, long first, long count) throws IOException {
    long leaves = leafCount(size);
    long length = Files.size(file);
    if (length != HEADER.length + leaves * DIGEST_LENGTH) {
      throw new ContentMismatchException("the leaf list of " + object + " is " + length + " bytes; a " + size
          + "-byte object has " + leaves + " leaves: the stored object is corrupt", object, null, -1);
    }
    byte[] covered = new byte[Math.toIntExact(count * DIGEST_LENGTH)];
    LeafRoot root = new LeafRoot();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      byte[] header = new byte[HEADER.length];
      in.readFully(header);
      if (!Arrays.equals(header, HEADER)) {
        throw new ContentMismatchException("the leaf list of " + object + " has no AIVMLV1 header", object, null, -1);
      }
      byte[] digest = new byte[DIGEST_LENGTH];
      for (long i = 0; i < leaves; i++) {
        in.readFully(digest);
        root.add(digest, leafLength(size, i));
        if (i >= first && i < first + count) {
          System.arraycopy(digest, 0, covered, (int) ((i - first) * DIGEST_LENGTH), DIGEST_LENGTH);
        }
      }
    } catch (EOFException e) {
      throw new ContentMismatchException("the leaf list of " + object + " was cut short while it was read",
          object, null, -1);
    }
    Cid actual = root.finish();
    if (!actual.equals(object)) {
      throw new ContentMismatchException("the leaf list of " + object + " hashes to " + actual
          + ": the stored object is corrupt", object, actual, -1);
    }
    return covered;
  }

  /** Writes a leaf list to a temporary file as the leaves are computed. */
  static final class Writer implements Closeable {
    private final FileChannel channel;
    private final OutputStream out;

    private Writer(FileChannel channel) {
      this.channel = channel;
      this.out = new BufferedOutputStream(Channels.newOutputStream(channel));
    }

    static Writer create(Path temp) throws IOException {
      Writer writer = new Writer(FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
      writer.out.write(HEADER);
      return writer;
    }

    /** Appends {@code leaf}'s digest; unchecked because it runs inside a {@code LeafListener}. */
    void add(Cid leaf) {
      try {
        out.write(CidBytes.decode(leaf).digest());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Flushes the list and forces it to the disk, so that a rename commits whole content. */
    void finish() throws IOException {
      out.flush();
      channel.force(true);
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
