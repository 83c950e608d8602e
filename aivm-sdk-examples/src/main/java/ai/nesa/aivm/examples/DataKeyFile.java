package ai.nesa.aivm.examples;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.crypto.ChunkedEncryption;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.sdk.AivmIoException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * A private kernel's data key kept in a file: its 32 raw bytes, readable and writable by its owner
 * only ({@code rw-------}).
 *
 * <p>The file is created with those permissions, never with wider ones tightened later, and an
 * existing file is never overwritten: it may be the only copy of the key of a published kernel.
 */
final class DataKeyFile {
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private static final int KEY_SIZE = 32;

  private DataKeyFile() {}

  /** Whether {@code file}'s file system has POSIX permissions, so that {@link #create} restricts it. */
  static boolean restrictable(Path file) {
    return file.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Makes a new AES-256-GCM data key and writes it to {@code file}, which must not exist, forced to
   * the disk before this returns.
   *
   * @throws AivmIoException when the file exists or cannot be written
   */
  static SecretBytes create(Path file) {
    SecretBytes key = ChunkedEncryption.aes256Gcm().newKey();
    byte[] bytes = key.export();
    FileAttribute<?>[] attributes = restrictable(file)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
    try (FileChannel channel = FileChannel.open(file,
        EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (IOException e) {
      key.destroy();
      throw new AivmIoException("could not write the data key to " + file + ": " + e, e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    return key;
  }

  /**
   * Reads the key {@link #create} wrote.
   *
   * @throws AivmValidationException when the file does not hold exactly 32 bytes
   * @throws AivmIoException when it cannot be read
   */
  static SecretBytes read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new AivmIoException("could not read the data key " + file + ": " + e, e);
    }
    try {
      if (bytes.length != KEY_SIZE) {
        throw AivmValidationException.of(file.toString(), "size", bytes.length,
            "a data key file holds exactly " + KEY_SIZE + " bytes");
      }
      return SecretBytes.copyOf(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** Whether users other than the owner may read or write {@code file}; false where unknown. */
  static boolean exposed(Path file) {
    if (!restrictable(file)) {
      return false;
    }
    try {
      Set<PosixFilePermission> permissions = new HashSet<>(Files.getPosixFilePermissions(file));
      permissions.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE));
      return !permissions.isEmpty();
    } catch (IOException e) {
      return false;
    }
  }
}
