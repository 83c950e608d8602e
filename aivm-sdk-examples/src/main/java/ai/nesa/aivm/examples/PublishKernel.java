package ai.nesa.aivm.examples;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.FileEncryption;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.KernelUploadException;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.kernels.ManifestEntry;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.kernels.Security;
import ai.nesa.aivm.sdk.kernels.UploadCancelledException;
import ai.nesa.aivm.sdk.kernels.UploadOptions;
import ai.nesa.aivm.sdk.storage.KernelStore;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Publishes an ONNX model as a kernel: builds the bundle from a preset and the weights file,
 * uploads it to a kernel store with a progress bar, and prints the manifest's CID and hash and
 * each file's CID.
 *
 * <pre>
 * PublishKernel WEIGHTS_FILE ORG/MODEL [store=DIR|http://127.0.0.1:5001]
 *               [preset=classifier|text-generator|embedding] [private]
 * </pre>
 *
 * <p>The store is a local directory ({@value #DEFAULT_STORE} by default) or the RPC API of an IPFS
 * node. Beside a local store (in the working directory, for IPFS) it keeps:
 *
 * <ul>
 *   <li>{@code <store>.<org>+<model>@<version>.journal.json}, what an unfinished upload stored:
 *       after Ctrl-C or a failure, the same command again resumes and does not send those files
 *       again. It is deleted once the kernel is published.
 *   <li>{@code <store>.<org>+<model>.key}, for a {@code private} kernel: the 32-byte data key its
 *       weights are encrypted under, readable by its owner only. It is made on the first run and
 *       used by every later one; it is the only copy.
 * </ul>
 *
 * <p>Exit codes: 0 published, 1 the upload failed (run again to resume), 2 bad arguments or an
 * invalid kernel.
 */
public final class PublishKernel {
  static final String DEFAULT_STORE = "kernel-store";
  /** The weights' path in the bundle, whatever the file is called on disk. */
  static final String WEIGHTS_PATH = "model.onnx";

  private static final String USAGE = "usage: PublishKernel WEIGHTS_FILE ORG/MODEL [store=DIR|http://HOST:5001]"
      + " [preset=classifier|text-generator|embedding] [private]";

  private PublishKernel() {}

  public static void main(String[] args) {
    // Ctrl-C: interrupting the uploading thread cancels the upload, which then says how to resume.
    Thread uploading = Thread.currentThread();
    CountDownLatch finished = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (finished.getCount() > 0) {
        uploading.interrupt();
        try {
          finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }));
    int code;
    try {
      code = run(args, System.out, System.err);
    } finally {
      finished.countDown();
    }
    System.exit(code);
  }

  /** Runs the example; returns the process exit code. The bar is redrawn in place only on a console. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, System.console() != null && out == System.out);
  }

  static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
    if (args.length < 2) {
      err.println(USAGE);
      return 2;
    }
    String name = args[1];
    String store = DEFAULT_STORE;
    BiFunction<String, String, AivmConfig> preset = Presets::onnxClassifier;
    boolean isPrivate = false;
    for (int i = 2; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      String value = kv.length == 2 ? kv[1] : "";
      switch (kv[0]) {
        case "store" -> store = value;
        case "preset" -> {
          switch (value) {
            case "classifier" -> preset = Presets::onnxClassifier;
            case "text-generator" -> preset = Presets::onnxTextGenerator;
            case "embedding" -> preset = Presets::onnxEmbedding;
            default -> {
              err.println("unknown preset '" + value + "': classifier, text-generator or embedding");
              return 2;
            }
          }
        }
        case "private" -> isPrivate = true;
        default -> {
          err.println("unknown argument '" + args[i] + "'");
          err.println(USAGE);
          return 2;
        }
      }
    }

    Path journal = null;
    Path keyFile = null;
    try {
      AivmConfig config = preset.apply(name, WEIGHTS_PATH);
      if (isPrivate) {
        config = config.toBuilder().security(Security.privateAccess()).build();
      }
      KernelBundle bundle = KernelBundle.builder().config(config).entrypoint(Path.of(args[0])).build();
      journal = journalFile(store, config.name(), config.version().text());
      keyFile = keyFile(store, config.name());

      try (KernelStore kernels = openStore(store)) {
        UploadOptions.Builder options = UploadOptions.builder().journal(journal).progressInterval(1L << 20);
        SecretBytes key = isPrivate ? dataKey(keyFile, out, err) : null;
        if (key != null) {
          options.dataKey(key);
        }
        boolean resuming = Files.exists(journal);
        if (resuming) {
          out.println("resuming the upload recorded in " + journal);
        }
        UploadProgressBar bar = UploadProgressBar.on(out, terminal);
        PublishedKernel published;
        try {
          published = KernelUploader.using(kernels).upload(bundle, options.listener(bar).build());
        } finally {
          bar.finish();
          if (key != null) {
            key.destroy();
          }
        }
        printPublished(published, store, isPrivate, resuming, out);
      }
      return 0;
    } catch (AivmValidationException e) {
      err.println("The kernel is not valid; nothing was stored:");
      for (Problem p : e.problems()) {
        err.println("  " + p.path() + " [" + p.rule() + "]: " + p.message());
      }
      if (journal != null && e.problems().stream().anyMatch(p -> p.path().startsWith("options.journal"))) {
        err.println("The journal " + journal + " is damaged or of another kernel: delete it to start over.");
      }
      return 2;
    } catch (UploadCancelledException e) {
      err.println("Upload interrupted; " + files(e.state().files().size()) + " stored.");
      printResume(e, journal, keyFile, isPrivate, err);
      return 1;
    } catch (KernelUploadException e) {
      err.println("Upload failed: " + e.getMessage());
      printResume(e, journal, keyFile, isPrivate, err);
      return 1;
    } catch (AivmException e) {
      err.println("Failed: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      err.println("Bad argument: " + e.getMessage());
      return 2;
    }
  }

  /** A local store in directory {@code store}, or an IPFS node's store when it is a URL. */
  private static KernelStore openStore(String store) {
    return store.contains("://") ? KernelStore.ipfs(URI.create(store)) : KernelStore.localDirectory(Path.of(store));
  }

  /** The upload journal of {@code name}@{@code version} in {@code store}. */
  static Path journalFile(String store, ModelId name, String version) {
    return sideFile(store, name + "@" + version + ".journal.json");
  }

  /** The file holding the data key of the private kernel {@code name} in {@code store}. */
  static Path keyFile(String store, ModelId name) {
    return sideFile(store, name + ".key");
  }

  /** A file beside a local store's directory, or in the working directory for an IPFS store. */
  private static Path sideFile(String store, String kernel) {
    String file = kernel.replace('/', '+'); // '+' is in no model name, so the file name is unambiguous
    if (store.contains("://")) {
      return Path.of("ipfs." + file).toAbsolutePath();
    }
    Path directory = Path.of(store).toAbsolutePath().normalize();
    Path parent = directory.getParent() == null ? directory : directory.getParent();
    return parent.resolve(directory.getFileName() + "." + file);
  }

  /** The data key in {@code file}, made and written there if there is none yet. */
  private static SecretBytes dataKey(Path file, PrintStream out, PrintStream err) {
    if (Files.exists(file)) {
      out.println("data key: " + file + " (made by an earlier run)");
      if (DataKeyFile.exposed(file)) {
        err.println("warning: other users may read " + file + "; restrict it with chmod 600");
      }
      return DataKeyFile.read(file);
    }
    SecretBytes key = DataKeyFile.create(file);
    out.println("data key: " + file + " (new, readable by you only)");
    err.println("warning: " + file + " is the only copy of this kernel's data key. Without it the weights"
        + " cannot be decrypted by anyone: back it up somewhere safe, and never publish it.");
    if (!DataKeyFile.restrictable(file)) {
      err.println("warning: this file system has no POSIX permissions; restrict who may read " + file + " yourself");
    }
    return key;
  }

  private static void printPublished(PublishedKernel published, String store, boolean isPrivate, boolean resuming,
      PrintStream out) {
    var manifest = published.manifest();
    out.printf("published %s@%s (%s) to %s: %s stored, %d skipped%n", manifest.name(), manifest.version().text(),
        isPrivate ? "private" : "public", store, files(published.storedFiles()), published.skippedFiles());
    if (resuming) {
      out.println(published.skippedFiles() > 0
          ? "resumed: skipped " + files(published.skippedFiles()) + " an earlier run had stored"
          : "resumed: nothing an earlier run stored could be reused; every file was sent again");
    }
    out.println("manifest CID   " + published.manifestCid());
    out.println("manifest hash  " + manifest.hash());
    String format = "%-12s %14s  %s%s%n";
    out.printf(format, "PATH", "BYTES", "CID", "");
    for (ManifestEntry f : manifest.files()) {
      out.printf(format, f.path(), String.format(Locale.ROOT, "%,d", f.size()), f.cid(),
          f.encryption().map(FileEncryption::scheme).map(s -> "  encrypted: " + s).orElse(""));
    }
  }

  private static String files(int n) {
    return n + (n == 1 ? " file" : " files");
  }

  private static void printResume(KernelUploadException e, Path journal, Path keyFile, boolean isPrivate,
      PrintStream err) {
    if (e.state().files().isEmpty()) {
      err.println("Nothing was stored yet: run the same command again to retry.");
      return;
    }
    err.println("Run the same command again to resume: the " + files(e.state().files().size())
        + " already stored will not be sent again (journal: " + journal + ").");
    if (isPrivate) {
      err.println("Keep " + keyFile + ": the resumed upload needs the same data key.");
    }
  }
}
