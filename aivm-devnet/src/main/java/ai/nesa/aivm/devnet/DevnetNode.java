package ai.nesa.aivm.devnet;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.Eip712;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthPublicKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.devnet.internal.ByteGenerator;
import ai.nesa.aivm.devnet.internal.KernelConfigs;
import ai.nesa.aivm.devnet.internal.Lies;
import ai.nesa.aivm.devnet.internal.LoadedKernel;
import ai.nesa.aivm.devnet.internal.OnnxSession.FloatTensor;
import ai.nesa.aivm.devnet.internal.OnnxSession.LongTensor;
import ai.nesa.aivm.devnet.internal.OnnxSession;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.access.AccessDeniedException;
import ai.nesa.aivm.sdk.access.NodeKeyring;
import ai.nesa.aivm.sdk.access.SharePeer;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.inference.InferenceOutput;
import ai.nesa.aivm.sdk.inference.Receipt;
import ai.nesa.aivm.sdk.inference.Tensor;
import ai.nesa.aivm.sdk.inference.TensorInput;
import ai.nesa.aivm.sdk.inference.TensorOutput;
import ai.nesa.aivm.sdk.inference.TextInput;
import ai.nesa.aivm.sdk.inference.TextOutput;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.kernels.Manifest;
import ai.nesa.aivm.sdk.kernels.ManifestEntry;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.ledger.VersionRecord;
import ai.nesa.aivm.sdk.models.Access;
import ai.nesa.aivm.sdk.storage.KernelStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One node of the devnet: an operator key that signs its registration and its receipts, an
 * encryption key that data keys are wrapped to, and a runtime that runs ONNX kernels.
 *
 * <h2>Running a kernel</h2>
 *
 * <p>{@link #runText} looks the version up in the ledger, reads the manifest from the store
 * (verified against its CID) and checks its hash is the one the ledger recorded, reads and
 * validates the kernel's {@value KernelBundle#CONFIG_FILE}, refuses any runtime but {@code onnx}
 * ({@link UnsupportedRuntimeException}), and for a private kernel opens the version's data key
 * with its {@link NodeKeyring} (its own grant of the current epoch and, for a k-of-n model, its
 * peers' shares: the devnet's other nodes, each a {@link SharePeer}) and decrypts the weights as it
 * reads them. A loaded private kernel is run only while the node still holds a grant: it is
 * checked before every run. The weights are loaded
 * into ONNX Runtime once per manifest and kept until {@link #close()}.
 *
 * <p>Text goes in as the presets' {@code input_ids} and {@code attention_mask}: its UTF-8 bytes, one
 * sequence. Weights are read into memory, so a kernel's weights must be under 2 GiB. {@link #load}
 * does the same ahead of the first run, as a deployment does.
 *
 * <h2>Inference</h2>
 *
 * <p>{@link #run} runs an SDK {@link InferenceInput} (tensors, text for a classifier, or text
 * generated from token by token) and signs a {@link Receipt} over it: what a gateway's deployment
 * asks of each of its nodes.
 *
 * <h2>Faults and counters, for tests</h2>
 *
 * <p>{@link #faults()} holds the node's fault switches (lying, slow, cutting its stream); {@link
 * #inferencesRun()}, {@link #tokensGenerated()} and {@link #runningInferences()} count what it did.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class DevnetNode implements AutoCloseable, SharePeer {
  private final EthPrivateKey operator;
  private final EthPrivateKey encryption;
  private final String endpoint;
  private final Ledger ledger;
  private final KernelUploader kernels;
  private final Clock clock;
  private final NodeKeyring keyring;
  private volatile List<? extends SharePeer> peers = List.of();
  private final Map<Cid, LoadedKernel> sessions = new ConcurrentHashMap<>();
  private final NodeFaults faults = new NodeFaults();
  private final AtomicLong inferencesRun = new AtomicLong();
  private final AtomicLong tokensGenerated = new AtomicLong();
  private final AtomicInteger running = new AtomicInteger();

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
    this.keyring = NodeKeyring.of(encryption, operator.address(), ledger, kernels);
  }

  /** The operator's address: the node's identity on the ledger. */
  @Override
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

  /** The node's fault switches, all off until a test sets them. */
  public NodeFaults faults() {
    return faults;
  }

  /** How many inferences {@link #run} has started on this node: a counter for tests. */
  public long inferencesRun() {
    return inferencesRun.get();
  }

  /** How many tokens this node has generated, over every run: a counter for tests. */
  public long tokensGenerated() {
    return tokensGenerated.get();
  }

  /** How many inferences are running on this node now. */
  public int runningInferences() {
    return running.get();
  }

  /**
   * Verifies and loads version {@code version} of {@code model} ahead of its first run, as a
   * deployment does; loading a loaded kernel does nothing.
   *
   * @throws KernelVerificationException as {@link #runText} does
   * @throws UnsupportedRuntimeException when the kernel's runtime is not {@code onnx}
   */
  public void load(ModelId model, Semver version) {
    kernel(model, version);
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
    LoadedKernel kernel = kernel(model, version);
    long[] ids = tokens(text.getBytes(StandardCharsets.UTF_8));
    long[] mask = new long[ids.length];
    Arrays.fill(mask, 1);
    long[] shape = {1, ids.length};
    String output = kernel.firstOutput();
    FloatTensor result = kernel.session().run(Map.of("input_ids", new LongTensor(shape, ids),
        "attention_mask", new LongTensor(shape, mask))).get(output);
    if (result == null) {
      throw new KernelVerificationException("the model has no output named '" + output + "', which its config declares");
    }
    return new NodeOutput(output, result.shape(), result.data());
  }

  /**
   * Runs one inference of version {@code version} of {@code model} and signs a receipt over it.
   *
   * <h2>How the input runs</h2>
   *
   * <ul>
   *   <li>Tensors go to ONNX Runtime by input name (dtypes: {@link OnnxSession#SUPPORTED}); the
   *       output is every tensor the model gives.
   *   <li>Text for a kernel whose task is {@code text-generation} is generated from token by
   *       token ({@link ByteGenerator}: UTF-8 bytes as tokens, {@code maxTokens} 16 by default and
   *       at most 256, a line feed stops it, a temperature above 0 samples with a {@link Random}
   *       seeded by the input's hash so that every node agrees); each token's text goes to {@code
   *       control} as it is made. The output is text with finish reason {@code stop} or {@code
   *       length}.
   *   <li>Text for any other kernel is its UTF-8 bytes as {@code input_ids} with an all-ones {@code
   *       attention_mask}, run once; the output is the model's tensors.
   * </ul>
   *
   * <p>The receipt is signed by the node's operator key in the ledger's domain, over {@code
   * requestId}, the model, the version, the manifest hash the ledger published, the input's and the
   * output's hashes, and the node's clock cut to the millisecond. A lying node ({@link
   * NodeFaults#lie}) signs its lie.
   *
   * @throws ai.nesa.aivm.AivmValidationException when the input does not fit the kernel: an
   *     unknown or missing tensor, a dtype it does not take, empty text (the byte models need one
   *     token), a {@code maxTokens} over 256
   * @throws java.util.concurrent.CancellationException when {@code control} was cancelled before
   *     the run ended
   * @throws KernelVerificationException as {@link #runText} does
   * @throws UnsupportedRuntimeException when the kernel's runtime is not {@code onnx}
   * @throws ai.nesa.aivm.devnet.internal.OnnxRunException when ONNX Runtime refuses the input
   */
  public NodeResult run(ModelId model, Semver version, String requestId, InferenceInput input, RunControl control) {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(control, "control");
    inferencesRun.incrementAndGet();
    running.incrementAndGet();
    try {
      LoadedKernel kernel = kernel(model, version);
      InferenceOutput output;
      long unitsOut;
      if (input instanceof TextInput text && kernel.generatesText()) {
        ByteGenerator.Generated generated = generate(kernel, text, control);
        output = new TextOutput(generated.text(), generated.finishReason());
        unitsOut = generated.tokens();
      } else {
        List<Tensor> tensors = input instanceof TextInput text ? textTensors(text) : ((TensorInput) input).tensors();
        step(control);
        List<Tensor> out = kernel.session().runTensors(tensors);
        output = new TensorOutput(out);
        unitsOut = out.stream().mapToLong(Tensor::size).sum();
      }
      output = Lies.tell(output, faults.lying());
      Receipt receipt = Receipt.sign(EthSigner.of(operator), ledger.domain(), requestId, model, version,
          kernel.manifestHash(), input.hash(), output.hash(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
      return new NodeResult(output, receipt, unitsOut);
    } finally {
      running.decrementAndGet();
    }
  }

  private ByteGenerator.Generated generate(LoadedKernel kernel, TextInput text, RunControl control) {
    int maxTokens = text.maxTokens().orElse(ByteGenerator.DEFAULT_MAX_TOKENS);
    if (maxTokens > ByteGenerator.MAX_TOKENS) {
      throw AivmValidationException.of("input.maxTokens", "maximum", maxTokens,
          "a devnet node generates at most " + ByteGenerator.MAX_TOKENS + " tokens, not " + maxTokens);
    }
    byte[] prompt = nonEmpty(text);
    Random random = new Random(ByteBuffer.wrap(text.hash().bytes()).getLong());
    String logits = kernel.firstOutput();
    return ByteGenerator.generate(prompt, maxTokens, text.temperature().orElse(0.0), random, ids -> {
      step(control);
      long[] mask = new long[ids.length];
      Arrays.fill(mask, 1);
      long[] shape = {1, ids.length};
      Tensor out = kernel.session().runTensors(List.of(Tensor.ofLongs("input_ids", shape, ids),
          Tensor.ofLongs("attention_mask", shape, mask))).stream().filter(t -> t.name().equals(logits)).findFirst()
          .orElseThrow(() -> new KernelVerificationException("the model has no output named '" + logits
              + "', which its config declares"));
      float[] all = out.asFloats();
      long[] outShape = out.shape();
      int width = (int) outShape[outShape.length - 1];
      tokensGenerated.incrementAndGet();
      return Arrays.copyOfRange(all, all.length - width, all.length);
    }, control::token);
  }

  /** Waits out a slow node's delay and stops a cancelled run before its next model run. */
  private void step(RunControl control) {
    if (control.awaitCancel(faults.delay())) {
      throw new CancellationException("the inference was cancelled");
    }
  }

  private static List<Tensor> textTensors(TextInput text) {
    long[] ids = tokens(nonEmpty(text));
    long[] mask = new long[ids.length];
    Arrays.fill(mask, 1);
    long[] shape = {1, ids.length};
    return List.of(Tensor.ofLongs("input_ids", shape, ids), Tensor.ofLongs("attention_mask", shape, mask));
  }

  private static byte[] nonEmpty(TextInput text) {
    byte[] utf8 = text.text().getBytes(StandardCharsets.UTF_8);
    if (utf8.length == 0) {
      throw AivmValidationException.of("input.text", "minLength", "",
          "the devnet's byte models need at least one token: the text is empty");
    }
    return utf8;
  }

  private static long[] tokens(byte[] utf8) {
    long[] ids = new long[utf8.length];
    for (int i = 0; i < utf8.length; i++) {
      ids[i] = utf8[i] & 0xff;
    }
    return ids;
  }

  /** The kernel of {@code model@version}, verified against the ledger and loaded once per manifest. */
  private LoadedKernel kernel(ModelId model, Semver version) {
    VersionRecord published = ledger.version(model, version).orElseThrow(() -> new KernelVerificationException(
        model + "@" + version.text() + " is not published on the ledger"));
    LoadedKernel loaded = sessions.get(published.manifestCid());
    if (loaded != null && loaded.manifestHash().equals(published.manifestHash())) {
      if (loaded.encrypted() && !keyring.mayRun(model)) {
        sessions.remove(published.manifestCid(), loaded);
        loaded.session().close();
        throw new KernelVerificationException("node " + address() + " holds no grant of " + model
            + " in its current key epoch any more: its decrypted kernel is dropped");
      }
      return loaded;
    }
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
    boolean encrypted = manifest.file(config.runtime().entrypoint()).flatMap(ManifestEntry::encryption).isPresent();
    return sessions.computeIfAbsent(published.manifestCid(), cid -> new LoadedKernel(config,
        OnnxSession.load(weights(manifest, config, model, version)), published.manifestHash(), encrypted));
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
      if (ledger.model(model).map(r -> r.access() != Access.PRIVATE).orElse(true)) {
        throw new KernelVerificationException(model + " is not a private model of the ledger, but its weights are encrypted");
      }
      try (InputStream in = keyring.openDecrypted(manifest, path, peers)) {
        return in.readAllBytes();
      } catch (AccessDeniedException e) {
        throw new KernelVerificationException(e.getMessage(), e);
      } catch (CryptoException e) {
        throw new KernelVerificationException("node " + address() + " could not decrypt " + model + "@"
            + version.text() + ": " + e.getMessage(), e);
      }
    } catch (IOException e) {
      throw new AivmIoException("could not read " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * This node's share of a k-of-n model's current epoch key, wrapped to {@code requester}'s
   * registered key ({@link NodeKeyring#shareFor}): what its peers ask of it.
   */
  @Override
  public byte[] shareFor(Address requester, ModelId model) {
    return keyring.shareFor(requester, model);
  }

  /** The other nodes this node asks for shares of a k-of-n model's key. */
  void peers(List<? extends SharePeer> peers) {
    this.peers = List.copyOf(peers);
  }

  /** Unloads every kernel. */
  @Override
  public void close() {
    sessions.values().forEach(k -> k.session().close());
    sessions.clear();
  }

  @Override
  public String toString() {
    return "DevnetNode{" + address() + ", " + endpoint + ", " + sessions.size() + " kernels loaded}";
  }
}
