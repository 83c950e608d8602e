package ai.nesa.aivm.devnet;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Ecies;
import ai.nesa.aivm.crypto.Eip712;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthPublicKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.devnet.internal.KernelConfigs;
import ai.nesa.aivm.devnet.internal.OnnxSession.FloatTensor;
import ai.nesa.aivm.devnet.internal.OnnxSession.LongTensor;
import ai.nesa.aivm.devnet.internal.OnnxSession;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.kernels.Manifest;
import ai.nesa.aivm.sdk.kernels.ManifestEntry;
import ai.nesa.aivm.sdk.ledger.GrantRecord;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.ledger.ModelRecord;
import ai.nesa.aivm.sdk.ledger.VersionRecord;
import ai.nesa.aivm.sdk.models.Access;
import ai.nesa.aivm.sdk.storage.KernelStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One node of the devnet: an operator key that signs its registration (and, later, its receipts),
 * an encryption key that data keys are wrapped to, and a runtime that runs ONNX kernels.
 *
 * <h2>Running a kernel</h2>
 *
 * <p>{@link #runText} looks the version up in the ledger, reads the manifest from the store
 * (verified against its CID) and checks its hash is the one the ledger recorded, reads and
 * validates the kernel's {@value KernelBundle#CONFIG_FILE}, refuses any runtime but {@code onnx}
 * ({@link UnsupportedRuntimeException}), and for a private kernel unwraps the data key from its
 * own grant of the current epoch and decrypts the weights as it reads them. The weights are loaded
 * into ONNX Runtime once per manifest and kept until {@link #close()}.
 *
 * <p>Text goes in as the presets' {@code input_ids} and {@code attention_mask}: its UTF-8 bytes, one
 * sequence. Weights are read into memory, so a kernel's weights must be under 2 GiB.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class DevnetNode implements AutoCloseable {
  private final EthPrivateKey operator;
  private final EthPrivateKey encryption;
  private final String endpoint;
  private final Ledger ledger;
  private final KernelUploader kernels;
  private final Clock clock;
  private final Map<Cid, OnnxSession> sessions = new ConcurrentHashMap<>();

  /**
   * A node with these keys, reading kernels from {@code store} and the ledger {@code ledger}; it is
   * not registered until {@link #register()}.
   */
  public DevnetNode(EthPrivateKey operator, EthPrivateKey encryption, String endpoint, Ledger ledger,
      KernelStore store, Clock clock) {
    this.operator = Objects.requireNonNull(operator, "operator");
    this.encryption = Objects.requireNonNull(encryption, "encryption");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.kernels = KernelUploader.using(Objects.requireNonNull(store, "store"));
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The operator's address: the node's identity on the ledger. */
  public Address address() {
    return operator.address();
  }

  /** The key data keys are wrapped to for this node. */
  public EthPublicKey encryptionPublicKey() {
    return encryption.publicKey();
  }

  /** Where the node says it listens. */
  public String endpoint() {
    return endpoint;
  }

  /**
   * Registers the node in the ledger with a signed {@code register_node} request carrying its
   * {@code NodeRegistration} signature.
   *
   * @return the ledger's receipt, applied or rejected
   */
  public LedgerReceipt register() {
    EthSigner signer = EthSigner.of(operator);
    var registration = LedgerAction.RegisterNode.registrationTypedData(ledger.domain(), address(),
        encryptionPublicKey(), endpoint);
    LedgerAction action = new LedgerAction.RegisterNode(address(), encryptionPublicKey(), endpoint,
        Eip712.sign(signer, registration));
    return ledger.submit(LedgerRequest.sign(action, signer, ledger.domain(), ledger.nextNonce(address()),
        clock.instant().plusSeconds(600)));
  }

  /**
   * Runs version {@code version} of {@code model} on {@code text} and returns its first output.
   *
   * @throws KernelVerificationException when the version is not published, its manifest is not the
   *     ledger's, or the model is private and this node holds no grant of its current epoch
   * @throws UnsupportedRuntimeException when the kernel's runtime is not {@code onnx}
   */
  public NodeOutput runText(ModelId model, Semver version, String text) {
    Objects.requireNonNull(text, "text");
    VersionRecord published = ledger.version(model, version).orElseThrow(() -> new KernelVerificationException(
        model + "@" + version.text() + " is not published on the ledger"));
    Manifest manifest = kernels.manifest(published.manifestCid());
    if (!manifest.hash().equals(published.manifestHash())) {
      throw new KernelVerificationException("the manifest stored under " + published.manifestCid() + " hashes to "
          + manifest.hash() + ", but the ledger published " + published.manifestHash());
    }
    if (!manifest.name().equals(model) || !manifest.version().equals(version)) {
      throw new KernelVerificationException("the manifest under " + published.manifestCid() + " is of "
          + manifest.name() + "@" + manifest.version().text() + ", not " + model + "@" + version.text());
    }
    AivmConfig config = KernelConfigs.read(kernels, manifest);
    String engine = config.runtime().engine().value();
    if (!"onnx".equals(engine)) {
      throw new UnsupportedRuntimeException(engine);
    }
    OnnxSession session = sessions.computeIfAbsent(published.manifestCid(),
        cid -> OnnxSession.load(weights(manifest, config, model, version)));
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    long[] ids = new long[utf8.length];
    for (int i = 0; i < utf8.length; i++) {
      ids[i] = utf8[i] & 0xff;
    }
    long[] mask = new long[ids.length];
    Arrays.fill(mask, 1);
    long[] shape = {1, ids.length};
    String output = config.outputs().get(0).name();
    FloatTensor result = session.run(Map.of("input_ids", new LongTensor(shape, ids),
        "attention_mask", new LongTensor(shape, mask))).get(output);
    if (result == null) {
      throw new KernelVerificationException("the model has no output named '" + output + "', which its config declares");
    }
    return new NodeOutput(output, result.shape(), result.data());
  }

  private byte[] weights(Manifest manifest, AivmConfig config, ModelId model, Semver version) {
    String path = config.runtime().entrypoint();
    ManifestEntry entry = manifest.file(path).orElseThrow(() -> new KernelVerificationException(
        "the manifest lists no " + path + ", the config's entrypoint"));
    if (entry.size() > Integer.MAX_VALUE - 8 && entry.encryption().isEmpty()) {
      throw new KernelVerificationException(path + " is over 2 GiB, more than a devnet node loads");
    }
    try {
      if (entry.encryption().isEmpty()) {
        try (InputStream in = kernels.open(manifest, path)) {
          return in.readAllBytes();
        }
      }
      SecretBytes key = dataKey(model, version);
      try (InputStream in = kernels.openDecrypted(manifest, path, key)) {
        return in.readAllBytes();
      } finally {
        key.destroy();
      }
    } catch (IOException e) {
      throw new AivmIoException("could not read " + path + ": " + e.getMessage(), e);
    }
  }

  /** The data key of {@code model}'s current epoch, from this node's grant. */
  private SecretBytes dataKey(ModelId model, Semver version) {
    ModelRecord record = ledger.model(model).orElseThrow(() -> new KernelVerificationException(model + " is not registered"));
    if (record.access() != Access.PRIVATE) {
      throw new KernelVerificationException(model + " is public but its weights are encrypted");
    }
    Optional<GrantRecord> grant = ledger.grants(model).stream()
        .filter(g -> g.node().equals(address()) && g.epoch() == record.epoch())
        .filter(g -> g.version().map(version::equals).orElse(true))
        .findFirst();
    if (grant.isEmpty()) {
      throw new KernelVerificationException("node " + address() + " holds no grant of " + model + "@" + version.text()
          + " in key epoch " + record.epoch());
    }
    try {
      return Ecies.unwrapKey(encryption, grant.get().wrappedKey());
    } catch (RuntimeException e) {
      throw new KernelVerificationException("node " + address() + " could not unwrap its grant of " + model + ": "
          + e.getMessage(), e);
    }
  }

  /** Unloads every kernel. */
  @Override
  public void close() {
    sessions.values().forEach(OnnxSession::close);
    sessions.clear();
  }

  @Override
  public String toString() {
    return "DevnetNode{" + address() + ", " + endpoint + ", " + sessions.size() + " kernels loaded}";
  }
}
