package ai.nesa.aivm.sdk.internal.storage.local;

import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.internal.storage.ObjectRange;
import ai.nesa.aivm.sdk.storage.CidBytes;
import ai.nesa.aivm.sdk.storage.ContentIds;
import ai.nesa.aivm.sdk.storage.ContentMismatchException;
import ai.nesa.aivm.sdk.storage.ContentNotFoundException;
import ai.nesa.aivm.sdk.storage.FileCids;
import ai.nesa.aivm.sdk.storage.KernelStore;
import ai.nesa.aivm.sdk.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link KernelStore} in a local directory, one file per object named by its CID.
 *
 * <h2>On-disk layout</h2>
 *
 * <pre>
 * directory/
 *   .lock                  held (FileLock) while a store has the directory open
 *   bafk…  / bafy…         an object's bytes, named by its CIDv1 in base32 (lower case)
 *   bafk….leaves           its leaf list: "AIVMLV1\n", then the SHA-256 of each 256 KiB block
 *   .tmp-&lt;uuid&gt;           a put in progress; deleted when the store is opened
 * </pre>
 *
 * <p>An object is stored when both its data file and its leaf list are there. A put writes both
 * to temporary files, forces them to the disk, renames the leaf list into place and then the data
 * file (the data file's rename is the commit), then forces the directory. A crash leaves at worst
 * temporary files and a leaf list without data, which {@link #open(Path)} deletes; a data file
 * without its leaf list cannot be verified, so it counts as not stored and a put repairs it.
 *
 * <h2>Verification</h2>
 *
 * <p>Opening an object rebuilds its root CID from the leaf list and the data file's size; a read
 * then hashes each block before handing out any of its bytes. Files changed on disk are found, not
 * served.
 *
 * <h2>Threads and processes</h2>
 *
 * <p>Thread-safe: puts share no state (each has its own temporary files), and two puts of the same
 * content rename identical files over each other. A put writes on the calling thread, hashes on a
 * second ({@link HashingPipeline}) and has the disk flush what it wrote from a third ({@link
 * BackgroundFlush}), so that hashing, copying and the disk's work overlap. One store per directory: the lock keeps a second
 * store, in this process or another, from opening it (and from deleting a put's temporary files).
 */
public final class LocalKernelStore implements KernelStore {
  private final StoreDirectory directory;
  private static final AtomicLong THREADS = new AtomicLong();

  private volatile boolean closed;

  private LocalKernelStore(StoreDirectory directory) {
    this.directory = directory;
  }

  /**
   * Opens (creating if missing) the store in {@code directory}.
   *
   * @throws AivmIoException when the directory cannot be created, read or locked
   */
  public static LocalKernelStore open(Path directory) {
    return new LocalKernelStore(StoreDirectory.open(Objects.requireNonNull(directory, "directory")));
  }

  @Override
  public StoredObject put(InputStream content) {
    return put(content, Optional.empty());
  }

  @Override
  public StoredObject put(InputStream content, Cid expected) {
    CidBytes.decode(Objects.requireNonNull(expected, "expected")); // a bad CID fails before any byte is read
    return put(content, Optional.of(expected));
  }

  private StoredObject put(InputStream content, Optional<Cid> expected) {
    Objects.requireNonNull(content, "content");
    requireOpen();
    Path dataTemp = directory.newTemp();
    Path leavesTemp = directory.newTemp();
    try {
      FileCids cids = write(content, dataTemp, leavesTemp);
      if (expected.isPresent() && !CidBytes.sameCid(expected.get(), cids.cidV1())) {
        throw ContentMismatchException.ofObject(expected.get(), cids.cidV1());
      }
      String name = cids.cidV1().value();
      if (!isStored(name)) {
        directory.commit(leavesTemp, directory.leaves(name));
        directory.commit(dataTemp, directory.data(name));
      }
      return new StoredObject(cids.cidV1(), cids.size());
    } catch (IOException e) {
      throw new AivmIoException("could not put into the kernel store in " + directory.root() + ": "
          + e.getMessage(), e);
    } finally {
      deleteQuietly(dataTemp);
      deleteQuietly(leavesTemp);
    }
  }

  /**
   * Copies {@code content} to {@code dataTemp}, hashing it on a second thread as it is written
   * ({@link HashingPipeline}) and forcing it to disk on a third as it grows ({@link
   * BackgroundFlush}), and forces both files to disk at the end.
   */
  private static FileCids write(InputStream content, Path dataTemp, Path leavesTemp) throws IOException {
    long put = THREADS.incrementAndGet();
    try (FileChannel data = FileChannel.open(dataTemp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        LeafList.Writer leaves = LeafList.Writer.create(leavesTemp);
        HashingPipeline pipeline = new HashingPipeline(
            ContentIds.v1Only().onLeaf((index, offset, length, leaf) -> leaves.add(leaf)).newHasher(),
            "aivm-local-store-hash-" + put);
        BackgroundFlush flush = new BackgroundFlush(data, "aivm-local-store-flush-" + put)) {
      while (true) {
        byte[] buffer = pipeline.buffer();
        int n = content.readNBytes(buffer, 0, buffer.length);
        if (n == 0) {
          break;
        }
        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
        while (bytes.hasRemaining()) {
          data.write(bytes);
        }
        flush.wrote(n);
        pipeline.hash(buffer, n);
        if (n < buffer.length) {
          break;
        }
      }
      FileCids cids = pipeline.finish();
      data.force(true);
      leaves.finish();
      return cids;
    }
  }

  @Override
  public boolean has(Cid cid) {
    requireOpen();
    return StoreDirectory.objectName(cid).filter(this::isStored).isPresent();
  }

  private boolean isStored(String name) {
    return Files.isRegularFile(directory.data(name)) && Files.isRegularFile(directory.leaves(name));
  }

  @Override
  public OptionalLong size(Cid cid) {
    requireOpen();
    Optional<String> name = StoreDirectory.objectName(cid).filter(this::isStored);
    if (name.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Files.size(directory.data(name.get())));
    } catch (NoSuchFileException e) {
      return OptionalLong.empty(); // deleted since
    } catch (IOException e) {
      throw new AivmIoException("could not read the size of " + cid + ": " + e.getMessage(), e);
    }
  }

  @Override
  public InputStream open(Cid cid) {
    return openRange(cid, 0, OptionalLong.empty());
  }

  @Override
  public InputStream open(Cid cid, long offset, long length) {
    ObjectRange.checkRequest(cid, offset, length);
    return openRange(cid, offset, OptionalLong.of(length));
  }

  /** Opens {@code cid} from {@code offset} for {@code requested} bytes, or to its end when empty. */
  private InputStream openRange(Cid cid, long offset, OptionalLong requested) {
    requireOpen();
    String name = StoreDirectory.objectName(cid).orElseThrow(() -> new ContentNotFoundException(cid,
        "the local store holds only CIDv1 SHA2-256 raw or dag-pb roots, so not " + cid));
    Cid canonical = new Cid(name);
    FileChannel data = null;
    try {
      data = FileChannel.open(directory.data(name), StandardOpenOption.READ);
      long size = data.size();
      long length = ObjectRange.length(cid, offset, requested, size);
      long first = offset / ContentIds.CHUNK_SIZE;
      long count = length == 0 ? 0 : (offset + length - 1) / ContentIds.CHUNK_SIZE - first + 1;
      byte[] digests = readLeaves(cid, name, canonical, size, first, count);
      InputStream stream = new VerifyingBlockStream(data, canonical, size, first, digests, offset, length);
      data = null; // the stream owns it now
      return stream;
    } catch (NoSuchFileException e) {
      throw new ContentNotFoundException(cid);
    } catch (IOException e) {
      throw new AivmIoException("could not open " + cid + " in the local store: " + e.getMessage(), e);
    } finally {
      closeQuietly(data);
    }
  }

  private byte[] readLeaves(Cid cid, String name, Cid canonical, long size, long first, long count)
      throws IOException {
    try {
      return LeafList.readVerified(directory.leaves(name), canonical, size, first, count);
    } catch (NoSuchFileException e) {
      throw new ContentNotFoundException(cid, "the local store has the bytes of " + cid
          + " but not their leaf list, so they cannot be verified; put the content again to repair it");
    }
  }


  @Override
  public boolean delete(Cid cid) {
    requireOpen();
    Optional<String> name = StoreDirectory.objectName(cid);
    if (name.isEmpty()) {
      return false;
    }
    try {
      // The data file first: without it the object is no longer stored, whatever happens next.
      boolean held = Files.deleteIfExists(directory.data(name.get()));
      Files.deleteIfExists(directory.leaves(name.get()));
      directory.syncDirectory();
      return held;
    } catch (IOException e) {
      throw new AivmIoException("could not delete " + cid + " from the local store: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      directory.close();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the kernel store in " + directory.root() + " is closed");
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A temporary file left behind is deleted when the store is next opened.
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Only read from.
      }
    }
  }

  @Override
  public String toString() {
    return "LocalKernelStore{" + directory.root() + "}";
  }
}
