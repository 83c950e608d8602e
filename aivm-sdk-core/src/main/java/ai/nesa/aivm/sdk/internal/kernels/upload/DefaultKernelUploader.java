package ai.nesa.aivm.sdk.internal.kernels.upload;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.crypto.ChunkedDecryptor;
import ai.nesa.aivm.crypto.ChunkedEncryption;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.internal.kernels.registration.KernelRegistrar;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.KernelRegistration;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.kernels.Manifest;
import ai.nesa.aivm.sdk.kernels.ManifestEntry;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.kernels.UploadOptions;
import ai.nesa.aivm.sdk.storage.ContentMismatchException;
import ai.nesa.aivm.sdk.storage.KernelStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The {@link KernelUploader} over one {@link KernelStore}: uploads run as an {@link Upload}, reads
 * go through the store's verified reads.
 */
public final class DefaultKernelUploader implements KernelUploader {
  private final KernelStore store;
  private final KernelRegistrar registrar;

  /** An uploader over {@code store} that registers with {@code registrar} (null: it cannot register). */
  public DefaultKernelUploader(KernelStore store, KernelRegistrar registrar) {
    this.store = Objects.requireNonNull(store, "store");
    this.registrar = registrar;
  }

  @Override
  public KernelRegistration register(PublishedKernel kernel) {
    Objects.requireNonNull(kernel, "kernel");
    if (registrar == null) {
      throw new IllegalStateException("this uploader has no ledger to register on: build the client with "
          + "ledger(...) and wallet(...), or use KernelUploader.using(store, ledger, owner)");
    }
    return registrar.register(kernel);
  }

  @Override
  public PublishedKernel upload(KernelBundle bundle) {
    return upload(bundle, UploadOptions.defaults());
  }

  @Override
  public PublishedKernel upload(KernelBundle bundle, UploadOptions options) {
    return new Upload(store, Objects.requireNonNull(bundle, "bundle"), Objects.requireNonNull(options, "options")).run();
  }

  @Override
  public Manifest manifest(Cid manifestCid) {
    Objects.requireNonNull(manifestCid, "manifestCid");
    byte[] bytes;
    try (InputStream in = store.open(manifestCid)) {
      bytes = in.readNBytes((int) MAX_MANIFEST_SIZE + 1);
    } catch (IOException e) {
      throw new AivmIoException("could not read the manifest " + manifestCid + ": " + e.getMessage(), e);
    }
    if (bytes.length > MAX_MANIFEST_SIZE) {
      throw new AivmValidationException(List.of(Problem.of("$", "maxSize", manifestCid.value(),
          "the object is larger than a manifest may be (" + MAX_MANIFEST_SIZE + " bytes)")));
    }
    String json;
    try {
      json = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new AivmValidationException(List.of(Problem.of("$", "utf8", manifestCid.value(), "the object is not UTF-8 text")));
    }
    Manifest manifest = Manifest.fromJson(json);
    if (!Arrays.equals(manifest.toCanonicalBytes(), bytes)) {
      throw new AivmValidationException(List.of(Problem.of("$", "canonical", manifestCid.value(),
          "the object is a manifest but not in its canonical encoding, so its CID does not name it")));
    }
    return manifest;
  }

  @Override
  public InputStream open(Manifest manifest, String path) {
    ManifestEntry entry = entry(manifest, path);
    checkSize(entry);
    return store.open(entry.cid());
  }

  @Override
  public InputStream open(Manifest manifest, String path, long offset, long length) {
    ManifestEntry entry = entry(manifest, path);
    checkSize(entry);
    return store.open(entry.cid(), offset, length);
  }

  @Override
  public InputStream openDecrypted(Manifest manifest, String path, SecretBytes dataKey) {
    Objects.requireNonNull(dataKey, "dataKey");
    ManifestEntry entry = entry(manifest, path);
    ChunkedEncryption encryption = KernelEncryption.of(manifest.name(), entry);
    return encryption.decryptingStream(dataKey, open(manifest, path));
  }

  @Override
  public ChunkedDecryptor openDecryptor(Manifest manifest, String path, SecretBytes dataKey) {
    Objects.requireNonNull(dataKey, "dataKey");
    ManifestEntry entry = entry(manifest, path);
    ChunkedEncryption encryption = KernelEncryption.of(manifest.name(), entry);
    checkSize(entry);
    StoreChannel channel = new StoreChannel(store, entry.cid(), entry.size());
    try {
      return encryption.openDecryptor(dataKey, channel);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new AivmIoException("could not open '" + path + "' (" + entry.cid() + "): " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  @Override
  public void download(Manifest manifest, Path directory) {
    download(manifest, directory, null);
  }

  @Override
  public void download(Manifest manifest, Path directory, SecretBytes dataKey) {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(directory, "directory");
    Path root = directory.toAbsolutePath().normalize();
    for (ManifestEntry entry : manifest.files()) {
      Path target = root.resolve(entry.path()).normalize();
      if (!target.startsWith(root) || target.equals(root)) { // the manifest's path rules forbid it; checked again here
        throw new AivmValidationException(List.of(Problem.of("files[" + entry.path() + "].path", "path", entry.path(),
            "the path leaves the download directory")));
      }
      boolean decrypt = dataKey != null && entry.encryption().isPresent();
      Path temp = null;
      try {
        Files.createDirectories(target.getParent());
        temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".aivm-part");
        try (InputStream in = decrypt ? openDecrypted(manifest, entry.path(), dataKey) : open(manifest, entry.path());
            OutputStream out = Files.newOutputStream(temp)) {
          in.transferTo(out);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        temp = null;
      } catch (IOException e) {
        throw new AivmIoException("could not download '" + entry.path() + "' to " + target + ": " + e.getMessage(), e);
      } catch (UncheckedIOException e) {
        throw new AivmIoException("could not download '" + entry.path() + "' to " + target + ": "
            + e.getCause().getMessage(), e.getCause());
      } finally {
        if (temp != null) {
          try {
            Files.deleteIfExists(temp);
          } catch (IOException ignored) {
            // the download fails anyway; a stray part file is hidden and named as such
          }
        }
      }
    }
  }

  @Override
  public String toString() {
    return "KernelUploader{" + store + "}";
  }

  private static ManifestEntry entry(Manifest manifest, String path) {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(path, "path");
    return manifest.file(path).orElseThrow(
        () -> new IllegalArgumentException("the manifest of " + manifest.name() + " lists no file '" + path + "'"));
  }

  private void checkSize(ManifestEntry entry) {
    OptionalLong size = store.size(entry.cid());
    if (size.isPresent() && size.getAsLong() != entry.size()) {
      throw new ContentMismatchException("the manifest gives '" + entry.path() + "' " + entry.size()
          + " bytes but " + entry.cid() + " has " + size.getAsLong(), entry.cid(), entry.cid(), -1);
    }
  }

  private static void closeQuietly(StoreChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // already failing
    }
  }
}
