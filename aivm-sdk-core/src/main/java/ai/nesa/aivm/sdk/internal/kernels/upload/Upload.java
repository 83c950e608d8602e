package ai.nesa.aivm.sdk.internal.kernels.upload;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.crypto.ChunkedDecryptor;
import ai.nesa.aivm.crypto.ChunkedEncryption;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.internal.kernels.bundle.FileRoles;
import ai.nesa.aivm.sdk.internal.kernels.bundle.MediaTypes;
import ai.nesa.aivm.sdk.internal.storage.ipfs.IpfsKernelStore;
import ai.nesa.aivm.sdk.internal.storage.local.LocalKernelStore;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.AivmConfigValidator;
import ai.nesa.aivm.sdk.kernels.FileRole;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.KernelUploadException;
import ai.nesa.aivm.sdk.kernels.Manifest;
import ai.nesa.aivm.sdk.kernels.ManifestEntry;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.kernels.UploadCancelledException;
import ai.nesa.aivm.sdk.kernels.UploadListener;
import ai.nesa.aivm.sdk.kernels.UploadOptions;
import ai.nesa.aivm.sdk.kernels.UploadProgress;
import ai.nesa.aivm.sdk.kernels.UploadStage;
import ai.nesa.aivm.sdk.kernels.UploadState.StoredFile;
import ai.nesa.aivm.sdk.kernels.UploadState;
import ai.nesa.aivm.sdk.models.Access;
import ai.nesa.aivm.sdk.storage.CidHasher;
import ai.nesa.aivm.sdk.storage.ContentIds;
import ai.nesa.aivm.sdk.storage.ContentMismatchException;
import ai.nesa.aivm.sdk.storage.KernelStore;
import ai.nesa.aivm.sdk.storage.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run of {@link ai.nesa.aivm.sdk.kernels.KernelUploader#upload}: validate, store each file, store the manifest. */
final class Upload {
  private static final Logger log = LoggerFactory.getLogger(Upload.class);
  private static final int READ_BUFFER = ContentIds.CHUNK_SIZE;

  private final KernelStore store;
  private final boolean storeComputesCids;
  private final KernelBundle bundle;
  private final UploadOptions options;
  private final UploadListener listener;
  private final SecretBytes key;
  private final Map<String, Long> sizes = new LinkedHashMap<>();
  private AivmConfig config;
  private boolean encrypted;
  private boolean resuming;
  private UploadState state;
  private long total;
  private long done;
  private int stored;
  private int skipped;

  Upload(KernelStore store, KernelBundle bundle, UploadOptions options) {
    this.store = store;
    this.storeComputesCids = store instanceof LocalKernelStore || store instanceof IpfsKernelStore;
    this.bundle = bundle;
    this.options = options;
    this.listener = options.listener();
    this.key = options.dataKey().orElse(null);
  }

  PublishedKernel run() {
    validate();
    List<ManifestEntry> entries = new ArrayList<>();
    for (String path : sizes.keySet()) {
      entries.add(storeFile(path));
    }
    Manifest manifest = Manifest.builder().name(config.name()).version(config.version()).files(entries)
        .keys(options.keys().orElse(null)).build();
    StoredObject stored;
    try {
      report(UploadStage.MANIFEST, null, 0, 0);
      stored = store.put(new ByteArrayInputStream(manifest.toCanonicalBytes()));
    } catch (RuntimeException e) {
      throw failure(null, e);
    }
    deleteJournal();
    try {
      report(UploadStage.DONE, null, 0, 0);
    } catch (RuntimeException e) {
      log.warn("the upload listener failed on DONE; the kernel {} is stored", stored.cid(), e);
    }
    return new PublishedKernel(manifest, stored.cid(), this.stored, skipped);
  }

  /** Checks everything that can be checked before a byte is stored, and reports it all at once. */
  private void validate() {
    List<Problem> problems = new ArrayList<>();
    for (String path : bundle.paths()) {
      Optional<Long> size = presentSize(path);
      size.ifPresent(n -> sizes.put(path, n));
      total += size.orElse(0L);
    }
    report(UploadStage.VALIDATING, null, 0, 0);
    String json = readConfig();
    try {
      config = AivmConfigValidator.create().withBundle(path -> Optional.ofNullable(sizes.get(path))).validate(json);
    } catch (AivmValidationException e) {
      problems.addAll(e.problems());
      config = bundle.config();
    }
    for (String path : bundle.paths()) {
      String at = "bundle:" + path;
      if (!sizes.containsKey(path) && problems.stream().noneMatch(p -> p.path().equals(at))) {
        problems.add(Problem.of(at, "present", "the file is gone since the bundle was built"));
      }
    }
    encrypted = config.security().map(s -> s.access() == Access.PRIVATE).orElse(false);
    if (encrypted && key == null) {
      problems.add(Problem.of("options.dataKey", "required",
          "a private kernel is stored encrypted: give the data key with UploadOptions.Builder.dataKey"));
    } else if (!encrypted && key != null) {
      problems.add(Problem.of("options.dataKey", "forbidden",
          "a public kernel is stored in the clear; the data key would not be used"));
    } else if (key != null && key.length() != 32) {
      problems.add(Problem.of("options.dataKey", "size", key.length(),
          "a data key is 32 bytes (ChunkedEncryption.aes256Gcm().newKey())"));
    }
    if (options.keys().isPresent() && key == null) {
      problems.add(Problem.of("options.keys", "dataKey", "the manifest's keys seal a data key: give it with UploadOptions.Builder.dataKey"));
    }
    state = UploadState.empty(config.name(), config.version());
    Optional<UploadState> earlier = options.resumeFrom();
    String from = "options.resumeFrom";
    if (earlier.isEmpty() && options.journal().isPresent()) {
      from = "options.journal";
      earlier = readJournal(options.journal().get(), problems);
    }
    if (earlier.isPresent()) {
      UploadState s = earlier.get();
      if (!s.name().equals(config.name()) || !s.version().equals(config.version())) {
        problems.add(Problem.of(from, "kernel", s.name() + "@" + s.version().text(),
            "the state is of another kernel than " + config.name() + "@" + config.version().text()));
      } else {
        state = s;
        resuming = true;
      }
    }
    if (!problems.isEmpty()) {
      throw new AivmValidationException(problems);
    }
  }

  /** The size of a bundle file, or empty when it no longer exists. */
  private Optional<Long> presentSize(String path) {
    try {
      return bundle.size(path);
    } catch (AivmIoException e) {
      if (e.getCause() instanceof NoSuchFileException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private String readConfig() {
    try (InputStream in = bundle.open(KernelBundle.CONFIG_FILE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AivmIoException("could not read " + KernelBundle.CONFIG_FILE + ": " + e.getMessage(), e);
    }
  }

  private ManifestEntry storeFile(String path) {
    long size = sizes.get(path);
    FileRole role = FileRoles.of(path, config);
    boolean encrypt = encrypted && KernelEncryption.ENCRYPTED_ROLES.contains(role);
    ManifestEntry.Builder entry = ManifestEntry.builder().path(path).mediaType(MediaTypes.of(path)).role(role);
    try {
      Cid expected = null;
      // On a resume, a file is hashed again when that can spare sending it: a public file may be
      // in the store under its own CID; an encrypted one only when the state recorded a ciphertext.
      boolean recorded = state.file(path).filter(f -> f.sourceSize() == size).isPresent();
      if (resuming && (!encrypt || recorded)) {
        Cid source = hash(path, size);
        Optional<ManifestEntry> kept = encrypt ? reusableCiphertext(path, size, source, role) : Optional.empty();
        if (!encrypt && store.has(source)) {
          kept = Optional.of(entry.size(size).cid(source).build());
        }
        if (kept.isPresent()) {
          remember(new StoredFile(kept.get(), size, source));
          skipped++;
          done += size;
          report(UploadStage.SKIPPED, path, size, size);
          return kept.get();
        }
        expected = encrypt ? null : source;
      }
      report(UploadStage.STORING, path, 0, size);
      StoredFile file = send(path, size, encrypt, expected, entry);
      remember(file);
      stored++;
      done += size;
      report(UploadStage.STORED, path, size, size);
      return file.entry();
    } catch (RuntimeException e) {
      throw failure(path, e);
    }
  }

  /** Streams one file into the store, encrypting it on the way when {@code encrypt}. */
  private StoredFile send(String path, long size, boolean encrypt, Cid expected, ManifestEntry.Builder entry) {
    long base = done;
    CidHasher plaintext = encrypt ? ContentIds.v1Only().newHasher() : null;
    StoredObject object;
    long read;
    try (InputStream raw = bundle.open(path)) {
      ProgressStream counted = new ProgressStream(raw, plaintext, options.progressInterval(),
          n -> report(UploadStage.STORING, path, n, size, base + n));
      InputStream body = encrypt ? new EncryptingInputStream(KernelEncryption.forFile(config.name(), path), key, counted) : counted;
      CidHasher sent = null;
      if (!storeComputesCids) { // a store of the caller's: hash what it is given and hold it to that
        sent = ContentIds.v1Only().newHasher();
        body = new ProgressStream(body, sent, Long.MAX_VALUE, n -> {});
      }
      object = expected == null ? store.put(body) : store.put(body, expected);
      read = counted.count();
      if (sent != null) {
        Cid ours = sent.finish().cidV1();
        if (!ours.equals(object.cid())) {
          throw ContentMismatchException.ofObject(ours, object.cid());
        }
      }
    } catch (IOException e) {
      throw new AivmIoException("could not read '" + path + "': " + e.getMessage(), e);
    }
    long expectedSize = encrypt ? ChunkedEncryption.ciphertextSize(read) : read;
    if (read != size || object.size() != expectedSize) {
      throw new AivmIoException("'" + path + "' changed while it was stored: it had " + size
          + " bytes when the upload started and " + read + " when read");
    }
    entry.size(object.size()).cid(object.cid());
    if (encrypt) {
      entry.encryption(KernelEncryption.parameters(config.name(), path, size));
      return new StoredFile(entry.build(), size, plaintext.finish().cidV1());
    }
    return new StoredFile(entry.build(), size, object.cid());
  }

  /**
   * An encrypted file an earlier attempt stored from the same plaintext, if the store still holds
   * it and it was made under this upload's data key: the ciphertext's key commitment (its header)
   * and final chunk are checked, so a resume with another key encrypts anew.
   */
  private Optional<ManifestEntry> reusableCiphertext(String path, long size, Cid source, FileRole role) {
    Optional<StoredFile> earlier = state.file(path);
    if (earlier.isEmpty()) {
      return Optional.empty();
    }
    StoredFile f = earlier.get();
    ManifestEntry e = f.entry();
    if (f.sourceSize() != size || !f.sourceCid().equals(source) || e.role() != role
        || !e.encryption().equals(Optional.of(KernelEncryption.parameters(config.name(), path, size)))) {
      return Optional.empty();
    }
    if (!store.has(e.cid())) {
      return Optional.empty();
    }
    ChunkedEncryption encryption = KernelEncryption.of(config.name(), e);
    try (ChunkedDecryptor stored = encryption.openDecryptor(key, new StoreChannel(store, e.cid(), e.size()))) {
      return stored.plaintextSize() == size ? Optional.of(e) : Optional.empty();
    } catch (CryptoException wrongKeyOrDamaged) {
      log.info("'{}' was stored under another data key or is damaged; it is encrypted and stored again", path);
      return Optional.empty();
    } catch (IOException x) {
      throw new AivmIoException("could not read the stored '" + path + "' (" + e.cid() + "): " + x.getMessage(), x);
    }
  }

  /** The CIDv1 of a bundle file's bytes, reported as {@link UploadStage#CHECKING}. */
  private Cid hash(String path, long size) {
    report(UploadStage.CHECKING, path, 0, size);
    CidHasher hasher = ContentIds.v1Only().newHasher();
    try (InputStream raw = bundle.open(path);
        ProgressStream in = new ProgressStream(raw, hasher, options.progressInterval(),
            n -> report(UploadStage.CHECKING, path, n, size, done))) {
      byte[] buffer = new byte[READ_BUFFER];
      while (in.read(buffer, 0, buffer.length) >= 0) {
        // the stream hashes what passes
      }
    } catch (IOException e) {
      throw new AivmIoException("could not read '" + path + "': " + e.getMessage(), e);
    }
    return hasher.finish().cidV1();
  }

  private void remember(StoredFile file) {
    state = state.with(file);
    options.journal().ifPresent(this::writeJournal);
  }

  private void writeJournal(Path journal) {
    Path temp = journal.resolveSibling(journal.getFileName() + ".tmp");
    try {
      Files.writeString(temp, state.toJson(), StandardCharsets.UTF_8);
      Files.move(temp, journal, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new AivmIoException("could not write the upload journal " + journal + ": " + e.getMessage(), e);
    }
  }

  private static Optional<UploadState> readJournal(Path journal, List<Problem> problems) {
    String json;
    try {
      json = Files.readString(journal, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new AivmIoException("could not read the upload journal " + journal + ": " + e.getMessage(), e);
    }
    try {
      return Optional.of(UploadState.fromJson(json));
    } catch (AivmValidationException e) {
      for (Problem p : e.problems()) {
        problems.add(Problem.of("options.journal" + p.path().substring(1), p.rule(), p.value().orElse(null),
            p.message()));
      }
      return Optional.empty();
    }
  }

  private void deleteJournal() {
    options.journal().ifPresent(journal -> {
      try {
        Files.deleteIfExists(journal);
      } catch (IOException e) {
        log.warn("the kernel is stored but the upload journal {} could not be deleted: {}", journal, e.toString());
      }
    });
  }

  private void report(UploadStage stage, String path, long fileBytes, long fileSize) {
    report(stage, path, fileBytes, fileSize, done);
  }

  private void report(UploadStage stage, String path, long fileBytes, long fileSize, long bytesDone) {
    listener.onProgress(new UploadProgress(stage, path, fileBytes, fileSize, bytesDone, total));
  }

  /** The exception for an upload that stopped at {@code path} because of {@code e}. */
  private KernelUploadException failure(String path, RuntimeException e) {
    if (e instanceof KernelUploadException k) {
      return k;
    }
    if (cancelled(e)) {
      Thread.currentThread().interrupt(); // keep the caller's interrupt visible
      return new UploadCancelledException(path, state);
    }
    String at = path == null ? "the manifest" : "'" + path + "'";
    String message;
    if (e instanceof ContentMismatchException) {
      message = "the store holds other bytes for " + at + " than the SDK sent; nothing was published: " + e.getMessage();
    } else if (e instanceof AivmIoException) {
      message = "storing " + at + " failed; " + state.files().size() + " files are stored and an upload resumed "
          + "from this exception's state skips them: " + e.getMessage();
    } else {
      message = "the upload stopped at " + at + ": " + e;
    }
    return new KernelUploadException(message, path, state, e);
  }

  private static boolean cancelled(Throwable e) {
    if (Thread.currentThread().isInterrupted()) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedIOException && "the upload was cancelled".equals(t.getMessage())) {
        return true;
      }
    }
    return false;
  }
}
