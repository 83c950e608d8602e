package ai.nesa.aivm.sdk.kernels;

import ai.nesa.aivm.crypto.ChunkedDecryptor;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.Sleeper;
import ai.nesa.aivm.sdk.internal.kernels.registration.KernelRegistrar;
import ai.nesa.aivm.sdk.internal.kernels.upload.DefaultKernelUploader;
import ai.nesa.aivm.sdk.internal.ledger.LedgerWriter;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.storage.KernelStore;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Puts kernels into a {@link KernelStore} and reads them back verified: {@code client.kernels()},
 * or {@link #using(KernelStore)} for storage alone.
 *
 * <pre>{@code
 * KernelBundle bundle = KernelBundle.builder()
 *     .config(Presets.onnxClassifier("acme/sentiment", "model.onnx"))
 *     .entrypoint(Path.of("build/model.onnx"))
 *     .build();
 * PublishedKernel published = client.kernels().upload(bundle, UploadOptions.builder()
 *     .listener(p -> System.out.printf("%s %.0f%%%n", p.stage(), 100 * p.fraction()))
 *     .build());
 * System.out.println(published.manifestCid());
 * }</pre>
 *
 * <h2>Upload: validate, encrypt, store, manifest</h2>
 *
 * <ol>
 *   <li>The bundle is checked against its config again (its files may have changed since it was
 *       built); every problem is reported at once, before any byte is stored.
 *   <li>Each file streams once from the bundle into the store, with flat memory (a few chunks of
 *       256 KiB). In a private kernel ({@code security.access = private}), weights, code and
 *       aggregation code are encrypted on the way with {@link
 *       ai.nesa.aivm.crypto.ChunkedEncryption C2SP chunked AES-256-GCM} under the {@linkplain
 *       UploadOptions.Builder#dataKey data key} and a fresh salt; the config, docs and examples
 *       stay readable. The manifest records the scheme and the parameters a node needs ({@code
 *       chunkSize}, {@code plaintextSize}, {@code context}).
 *   <li>The CID of every stored object is the one the SDK computed from the bytes it sent: the
 *       built-in stores hash while they write and check what the storage reports against it; for
 *       any other {@link KernelStore} the uploader hashes what it hands over and holds the store's
 *       answer to it. On a resume, files are put with their expected CID. A mismatch stops the
 *       upload with a {@link KernelUploadException} caused by a {@link
 *       ai.nesa.aivm.sdk.storage.ContentMismatchException}: no manifest is stored, nothing is
 *       published.
 *   <li>Last, the manifest's canonical JSON is stored; its CID and {@link Manifest#hash()} are what
 *       a ledger records.
 * </ol>
 *
 * <p>An upload that stops (store failure, mismatch, cancellation) throws a {@link
 * KernelUploadException} holding an {@link UploadState}; resume with {@link
 * UploadOptions.Builder#resumeFrom(UploadState)} or a {@linkplain UploadOptions.Builder#journal
 * journal}, and the files stored whole are not sent again. A file is the unit of resumption: a
 * file cut off half way is sent again from its start. Interrupting the uploading thread cancels.
 *
 * <h2>Register: the kernel on the ledger</h2>
 *
 * <p>{@link #register(PublishedKernel)} records an uploaded kernel on the uploader's ledger as its
 * wallet ({@code AivmClient.builder().ledger(...).wallet(...)}, or {@link #using(KernelStore,
 * Ledger, EthSigner)}): it registers the model if the ledger does not know it (private when the
 * manifest holds encrypted files) and publishes the version with the manifest's CID and hash. With
 * {@code aivm-sdk-chain}'s {@code Web3jLedger} that is a transaction on the chain.
 *
 * <pre>{@code
 * KernelRegistration onLedger = client.kernels().register(published);
 * System.out.println(onLedger.version().manifestCid() + " by " + onLedger.version().publisher());
 * }</pre>
 *
 * <h2>Download: every byte verified</h2>
 *
 * <p>{@link #manifest(Cid)}, {@link #open(Manifest, String)} and the other reads go through the
 * store's verified reads: no byte is handed out before its block matched its CID. Range reads
 * fetch only the blocks they cover, so a node can decrypt one chunk of encrypted weights ({@link
 * #openDecryptor}).
 *
 * <p>Thread-safe; uploads of different bundles may run at once.
 *
 * @since 0.1.0
 */
public interface KernelUploader {
  /** The largest manifest {@link #manifest(Cid)} reads: 16 MiB. */
  long MAX_MANIFEST_SIZE = 16L << 20;

  /**
   * An uploader over {@code store} alone, for pipelines that store kernels without a gateway. The
   * caller keeps ownership of the store and closes it.
   */
  static KernelUploader using(KernelStore store) {
    return new DefaultKernelUploader(store, null);
  }

  /**
   * An uploader over {@code store} that {@linkplain #register registers} kernels on {@code ledger}
   * as {@code owner}, for pipelines that publish without a gateway. The caller keeps ownership of
   * the store and the ledger.
   */
  static KernelUploader using(KernelStore store, Ledger ledger, EthSigner owner) {
    return new DefaultKernelUploader(store, new KernelRegistrar(new LedgerWriter(ledger, owner, Clock.systemUTC(),
        Sleeper.system())));
  }

  /** Uploads {@code bundle} with {@link UploadOptions#defaults()}; see {@link #upload(KernelBundle, UploadOptions)}. */
  PublishedKernel upload(KernelBundle bundle);

  /**
   * Validates, encrypts (for a private kernel), stores every file and then the manifest.
   *
   * @throws ai.nesa.aivm.AivmValidationException before anything is stored, listing every problem:
   *     the bundle against its config; a private kernel without a {@linkplain
   *     UploadOptions.Builder#dataKey data key} or a public one with one ({@code options.dataKey});
   *     a resume state or journal for another kernel or version
   * @throws UploadCancelledException when the thread was interrupted; the interrupt flag is kept
   * @throws KernelUploadException when the bundle or the store failed, or the store holds other
   *     bytes than were sent; its {@link KernelUploadException#state()} resumes
   */
  PublishedKernel upload(KernelBundle bundle, UploadOptions options);

  /**
   * Records {@code kernel} on the ledger: registers its model unless the ledger knows it, then
   * publishes its version with the manifest's CID and hash, each a request signed by the wallet.
   * Registering a kernel the ledger holds already (same version, same manifest) sends nothing.
   *
   * @throws IllegalStateException when the uploader has no ledger and wallet
   * @throws ai.nesa.aivm.AivmValidationException when the ledger holds this version with another
   *     manifest (nothing is sent)
   * @throws ai.nesa.aivm.sdk.ledger.LedgerRejectedException when the ledger refuses a request (the
   *     model is another owner's: {@code NOT_ALLOWED})
   * @throws ai.nesa.aivm.sdk.AivmIoException when the ledger cannot be reached
   */
  KernelRegistration register(PublishedKernel kernel);

  /**
   * The manifest stored under {@code manifestCid}, read and verified.
   *
   * @throws ai.nesa.aivm.sdk.storage.ContentNotFoundException when the store does not hold it
   * @throws ai.nesa.aivm.AivmValidationException when the object is not a manifest, is larger
   *     than {@value #MAX_MANIFEST_SIZE} bytes, or is not in the canonical encoding that the CID
   *     should name
   */
  Manifest manifest(Cid manifestCid);

  /**
   * The bytes of {@code path} as stored (ciphertext, for an encrypted file), verified as read.
   *
   * @throws IllegalArgumentException when the manifest lists no such file
   * @throws ai.nesa.aivm.sdk.storage.ContentNotFoundException when the store does not hold it
   * @throws ai.nesa.aivm.sdk.storage.ContentMismatchException when the store's object is not the
   *     manifest's size (the stream's reads throw it at the first bad block)
   */
  InputStream open(Manifest manifest, String path);

  /**
   * Bytes {@code [offset, offset + length)} of {@code path} as stored, reading and verifying only
   * the blocks that cover them.
   *
   * @throws ai.nesa.aivm.AivmValidationException when the range is not inside the file
   * @throws IllegalArgumentException when the manifest lists no such file
   */
  InputStream open(Manifest manifest, String path, long offset, long length);

  /**
   * The plaintext of an encrypted file, streaming; a chunk is released only once authenticated,
   * and the end only once the final chunk authenticated.
   *
   * @throws IllegalArgumentException when the manifest lists no such file or it is not encrypted
   * @throws ai.nesa.aivm.AivmValidationException when its encryption parameters are not ones this
   *     SDK wrote
   */
  InputStream openDecrypted(Manifest manifest, String path, SecretBytes dataKey);

  /**
   * Random access to the plaintext of an encrypted file: each read fetches, verifies and decrypts
   * only the 16 KiB chunks it covers. Opening reads the header and the final chunk.
   *
   * @throws IllegalArgumentException when the manifest lists no such file or it is not encrypted
   * @throws ai.nesa.aivm.crypto.CryptoException when the key is wrong ({@code KEY_COMMITMENT})
   */
  ChunkedDecryptor openDecryptor(Manifest manifest, String path, SecretBytes dataKey);

  /**
   * Writes every file of {@code manifest} under {@code directory} (created if missing), verified;
   * encrypted files are written as stored. Each file appears whole or not at all.
   *
   * @throws ai.nesa.aivm.sdk.AivmIoException when a file cannot be written
   */
  void download(Manifest manifest, Path directory);

  /**
   * Writes every file of {@code manifest} under {@code directory}, decrypting the encrypted ones
   * with {@code dataKey}. Each file appears whole, verified and authenticated, or not at all.
   */
  void download(Manifest manifest, Path directory, SecretBytes dataKey);
}
