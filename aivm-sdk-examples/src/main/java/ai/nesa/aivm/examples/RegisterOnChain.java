package ai.nesa.aivm.examples;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.chain.ChainCheckpoint;
import ai.nesa.aivm.chain.ChainEvent;
import ai.nesa.aivm.chain.ChainFollower;
import ai.nesa.aivm.chain.Web3jLedger;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.devnet.TinyModel;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.KernelRegistration;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.ModelRecord;
import ai.nesa.aivm.sdk.ledger.VersionRecord;
import ai.nesa.aivm.sdk.storage.KernelStore;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Publishes a kernel and registers it on an EVM chain, as a build pipeline would with no gateway:
 * uploads the tiny sentiment classifier to a local store, registers the model and publishes the
 * version on the AivmLedger contract (deploying one unless given), then reads it back from the
 * chain with a ledger that holds no key, and replays the contract's events.
 *
 * <pre>
 * sh aivm-sdk-chain/src/solc/ensure-installed.sh
 * aivm-sdk-chain/src/solc/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil &amp;
 * mvn -B -q compile exec:java -pl aivm-sdk-examples -am -Dexample=RegisterOnChain -Dexec.args=http://127.0.0.1:8545
 * </pre>
 *
 * <p>Settings, from the environment:
 *
 * <ul>
 *   <li>{@value #ENV_CONTRACT}: an AivmLedger to register on; unless set, a new one is deployed;
 *   <li>{@value #ENV_OWNER_KEY}: the model owner's key (hex), which signs the requests;
 *   <li>{@value #ENV_RELAYER_KEY}: the relayer's key (hex), whose account sends the transactions and
 *       pays their gas;
 *   <li>{@value #ENV_STORE}: the kernel store's directory; a new temporary one unless set.
 * </ul>
 *
 * <p>On anvil's chain (id 31337) the keys default to anvil's dev accounts 0 and 9, which are public
 * knowledge and never for real funds; on any other chain both must be set.
 *
 * <p>Exit codes: 0 registered, 1 the chain or the store failed, 2 bad arguments or settings.
 */
public final class RegisterOnChain {
  static final String ENV_CONTRACT = "AIVM_LEDGER_CONTRACT";
  static final String ENV_OWNER_KEY = "AIVM_OWNER_KEY";
  static final String ENV_RELAYER_KEY = "AIVM_RELAYER_KEY";
  static final String ENV_STORE = "AIVM_STORE_DIR";

  private static final long ANVIL_CHAIN_ID = 31337;
  private static final String ANVIL_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
  private static final String ANVIL_KEY_9 = "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6";
  private static final String USAGE = "usage: RegisterOnChain RPC_URL   (such as http://127.0.0.1:8545)";

  private RegisterOnChain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** Runs the example with {@code env} for its settings; returns the exit code. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length != 1) {
      err.println(USAGE);
      return 2;
    }
    long start = System.nanoTime();
    try {
      Web3jLedger.Builder chain = Web3jLedger.builder().rpc(args[0]).pollInterval(Duration.ofMillis(100));
      long chainId = Web3jLedger.chainId(URI.create(args[0]));
      EthSigner owner = key(env, ENV_OWNER_KEY, ANVIL_KEY_0, chainId);
      EthSigner relayer = key(env, ENV_RELAYER_KEY, ANVIL_KEY_9, chainId);
      out.println("1. chain " + chainId + " at " + args[0] + "; the owner " + owner.address() + " signs, the relayer "
          + relayer.address() + " sends and pays");

      String contract = env.get(ENV_CONTRACT);
      try (Web3jLedger ledger = contract == null ? chain.relayer(relayer).deploy()
          : chain.relayer(relayer).contract(Address.of(contract)).build();
          KernelStore store = KernelStore.localDirectory(storeDir(env))) {
        out.println("2. " + (contract == null ? "deployed" : "using") + " AivmLedger at " + ledger.contract()
            + ", deployed in block " + ledger.deploymentBlock());

        KernelUploader pipeline = KernelUploader.using(store, ledger, owner);
        AivmConfig config = Presets.onnxClassifier("acme/sentiment-on-chain", "model.onnx");
        PublishedKernel published = pipeline.upload(KernelBundle.builder().config(config)
            .file("model.onnx", TinyModel.BYTE_PAIR_SENTIMENT.bytes()).build());
        out.println("3. uploaded " + config.name() + "@" + config.version().text() + ": manifest "
            + published.manifestCid() + " (" + published.manifest().files().size() + " files)");

        KernelRegistration registration = pipeline.register(published);
        List<String> sent = new ArrayList<>();
        for (LedgerReceipt r : registration.receipts()) {
          ChainEvent e = ledger.chainEvents(r.eventSequence().orElseThrow() - 1, 1).get(0);
          sent.add(r.kind().wireName() + " in transaction " + e.transactionHash() + " (block " + e.blockNumber() + ")");
        }
        out.println("4. registered on chain: " + (sent.isEmpty() ? "already there, nothing sent" : String.join(", ", sent)));

        try (Web3jLedger reader = Web3jLedger.builder().rpc(args[0]).contract(ledger.contract())
            .deploymentBlock(ledger.deploymentBlock()).build()) {
          ModelRecord model = reader.model(config.name()).orElseThrow();
          VersionRecord version = reader.version(config.name(), config.version()).orElseThrow();
          out.println("5. read back with no key: " + model.id() + " owned by " + model.owner() + ", "
              + model.access().wireName() + "; version " + version.version().text() + " manifest "
              + version.manifestCid() + " hash " + version.manifestHash());
          out.println("6. the contract's events, replayed from block " + reader.deploymentBlock() + ":");
          for (ChainEvent e : replay(reader)) {
            out.printf(Locale.ROOT, "   #%d %-16s %s by %s (block %d)%n", e.event().sequence(),
                e.event().action().kind().wireName(), e.event().action().model().map(Object::toString).orElse(""),
                e.event().signer(), e.blockNumber());
          }
        }

        KernelRegistration again = pipeline.register(published);
        out.println("7. registering again: " + (again.receipts().isEmpty() ? "already on the chain, nothing sent"
            : again.receipts().size() + " request(s) sent"));
      }
      out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - start) / 1e9);
      return 0;
    } catch (AivmValidationException e) {
      err.println("Bad settings: " + e.getMessage());
      return 2;
    } catch (AivmException e) {
      err.println("Failed: " + e.getMessage());
      return 1;
    }
  }

  /** Every event of the contract so far, through a follower that replays from its deployment block. */
  private static List<ChainEvent> replay(Web3jLedger reader) {
    int count = reader.chainEvents(0, Integer.MAX_VALUE).size();
    List<ChainEvent> events = new CopyOnWriteArrayList<>();
    CountDownLatch all = new CountDownLatch(count);
    try (ChainFollower follower = reader.follow(ChainCheckpoint.startOfBlock(reader.deploymentBlock()), e -> {
      events.add(e);
      all.countDown();
    })) {
      if (!all.await(30, TimeUnit.SECONDS)) {
        throw new AivmException("the follower replayed " + events.size() + " of " + count + " events in 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AivmException("interrupted while replaying the contract's events", e);
    }
    return events;
  }

  private static EthSigner key(Map<String, String> env, String name, String anvilDefault, long chainId) {
    String hex = env.get(name);
    if (hex == null || hex.isBlank()) {
      if (chainId != ANVIL_CHAIN_ID) {
        throw AivmValidationException.of(name, "required", null, name + " is not set, and chain " + chainId
            + " is not anvil's: set it to the account's private key (hex)");
      }
      hex = anvilDefault;
    }
    try {
      return EthSigner.of(EthPrivateKey.fromBytes(Hex.decode(hex.strip())));
    } catch (RuntimeException e) {
      // Never echo the value: it is a key.
      throw AivmValidationException.of(name, "key", name + " is not a 32-byte private key in hex");
    }
  }

  private static Path storeDir(Map<String, String> env) {
    String dir = env.get(ENV_STORE);
    try {
      return dir == null ? Files.createTempDirectory("register-on-chain-store-") : Path.of(dir);
    } catch (IOException e) {
      throw new AivmIoException("could not make a temporary store: " + e.getMessage(), e);
    }
  }
}
