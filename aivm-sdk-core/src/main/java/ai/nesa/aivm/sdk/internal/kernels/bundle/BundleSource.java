package ai.nesa.aivm.sdk.internal.kernels.bundle;

import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.storage.ContentIds;
import ai.nesa.aivm.sdk.storage.FileCids;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a bundle file's bytes come from: a file on disk, read only when asked (a bundle of
 * gigabyte weights holds paths, not bytes), or bytes given in memory.
 */
public interface BundleSource {
  /** The current size in bytes. */
  long size();

  /** A new stream over the current bytes. */
  InputStream open();

  /** CIDv1 and size in one streaming pass over the current bytes. */
  FileCids cids();

  /** A file on disk. */
  static BundleSource of(Path file) {
    return new FileSource(file);
  }

  /** Bytes held in memory, handed over: the caller no longer changes them. */
  static BundleSource of(byte[] bytes) {
    return new BytesSource(bytes);
  }

  /** A file read on demand. */
  record FileSource(Path file) implements BundleSource {
    @Override
    public long size() {
      try {
        return Files.size(file);
      } catch (IOException e) {
        throw new AivmIoException("could not read the size of " + file + ": " + e.getMessage(), e);
      }
    }

    @Override
    public InputStream open() {
      try {
        return Files.newInputStream(file);
      } catch (IOException e) {
        throw new AivmIoException("could not open " + file + ": " + e.getMessage(), e);
      }
    }

    @Override
    public FileCids cids() {
      return ContentIds.v1Only().of(file);
    }
  }

  /** Bytes in memory; never exposed, so never changed. */
  final class BytesSource implements BundleSource {
    private final byte[] bytes;

    BytesSource(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public InputStream open() {
      return new ByteArrayInputStream(bytes);
    }

    @Override
    public FileCids cids() {
      return ContentIds.v1Only().of(bytes);
    }

    @Override
    public String toString() {
      return "BytesSource[" + bytes.length + " bytes]";
    }
  }
}
