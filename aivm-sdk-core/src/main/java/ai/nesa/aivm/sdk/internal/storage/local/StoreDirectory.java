package ai.nesa.aivm.sdk.internal.storage.local;

import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.storage.CidBytes;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;

/**
 * The files of a local store's directory: where an object's data and leaf list go, temporary
 * files, the lock, and the atomic rename that commits a file.
 */
final class StoreDirectory implements AutoCloseable {
  static final String LOCK = ".lock";
  static final String TEMP_PREFIX = ".tmp-";
  static final String LEAVES_SUFFIX = ".leaves";

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private StoreDirectory(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Creates {@code root} if missing, locks it and deletes what a crashed put left behind. The lock
   * is what makes that cleanup safe: no other store can be writing temporary files there.
   */
  static StoreDirectory open(Path root) {
    Path dir = root.toAbsolutePath().normalize();
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel, dir);
      StoreDirectory store = new StoreDirectory(dir, channel, lock);
      store.deleteLeftovers();
      return store;
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      if (e instanceof AivmIoException io) {
        throw io;
      }
      throw new AivmIoException("could not open the kernel store in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static FileLock tryLock(FileChannel channel, Path dir) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // this JVM already holds it
    }
    if (lock == null) {
      throw new AivmIoException("the kernel store in " + dir + " is already open in another store or process");
    }
    return lock;
  }

  /**
   * Deletes temporary files (a put that never committed) and leaf lists without data (a put that
   * died between its two renames). Other files are not the store's and are left alone.
   */
  private void deleteLeftovers() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(root)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.startsWith(TEMP_PREFIX)) {
          Files.deleteIfExists(file);
        } else if (name.endsWith(LEAVES_SUFFIX)
            && !Files.exists(root.resolve(name.substring(0, name.length() - LEAVES_SUFFIX.length())))) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /**
   * The file name of {@code cid}'s object: its canonical base32 text, which holds only
   * {@code [a-z2-7]}. Empty for CIDs this store can never hold (CIDv0, other hashes, other codecs).
   * The text is decoded first, so a crafted CID cannot name a path outside the directory.
   */
  static Optional<String> objectName(Cid cid) {
    CidBytes bytes = CidBytes.decode(cid);
    boolean storable = bytes.version() == 1 && bytes.hashFunction() == CidBytes.SHA2_256
        && (bytes.codec() == CidBytes.RAW || bytes.codec() == CidBytes.DAG_PB);
    return storable ? Optional.of(bytes.toCid().value()) : Optional.empty();
  }

  Path data(String name) {
    return root.resolve(name);
  }

  Path leaves(String name) {
    return root.resolve(name + LEAVES_SUFFIX);
  }

  /** A fresh temporary file's path, in this directory so that the rename committing it is atomic. */
  Path newTemp() {
    return root.resolve(TEMP_PREFIX + UUID.randomUUID());
  }

  /**
   * Renames {@code temp} to {@code target} in one step, replacing a file of the same content that a
   * concurrent put committed first, and makes the rename durable.
   */
  void commit(Path temp, Path target) throws IOException {
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory();
  }

  /** Makes renames and deletions durable; not every platform can open a directory, so best effort. */
  void syncDirectory() {
    try (FileChannel dir = FileChannel.open(root, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Windows cannot open a directory as a channel; its renames are durable by other means.
    }
  }

  Path root() {
    return root;
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // The lock goes with the channel anyway.
    }
    closeQuietly(lockChannel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Nothing was written through it.
      }
    }
  }
}
