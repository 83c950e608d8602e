package ai.nesa.aivm.devnet;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.storage.KernelStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A whole AIVM network in this JVM: a ledger, a kernel store and N nodes registered on the
 * ledger. Defaults need nothing installed: an {@link InMemoryLedger}, a local store in a temporary
 * directory, three nodes.
 *
 * <pre>{@code
 * try (LocalAivmNetwork devnet = LocalAivmNetwork.builder().nodes(3).start()) {
 *   PublishedKernel published = devnet.kernels().upload(bundle);
 *   // register and publish it on devnet.ledger() with signed requests, then
 *   NodeOutput out = devnet.nodes().get(0).runText(model, version, "a wonderful day");
 * }
 * }</pre>
 *
 * <h2>Nodes</h2>
 *
 * <p>Node {@code i} (from 1) signs with anvil's well-known dev account {@code i} (public keys,
 * never for real funds: the same operators an anvil-backed ledger will know), has a fresh random
 * encryption key, and the in-process endpoint {@code devnet:node-i}. Each registers itself on the
 * ledger with a signed request when the network starts.
 *
 * <h2>Gateway</h2>
 *
 * <p>The network serves the gateway document's HTTP API on 127.0.0.1 ({@link #gateway()}, a free
 * port unless {@link Builder#port(int)} names one; {@link DevnetGateway} lists what): the catalog,
 * the ledger relay, the nodes, the grants' read side, deployments and inference (JSON results and
 * event streams), with every node of a deployment running each input and signing a receipt.
 *
 * <h2>Faults and counters, for tests</h2>
 *
 * <p>{@link #faults()} holds the gateway's fault switches ({@link GatewayFaults}: answer the next
 * inference requests with 429 or 503, before or after running); each node's are at {@code
 * nodes().get(i).faults()} ({@link NodeFaults}: lying, slow, cutting its stream), and its counters
 * at {@link DevnetNode#inferencesRun()} and {@link DevnetNode#tokensGenerated()}.
 *
 * <pre>{@code
 * devnet.nodes().get(2).faults().lie();      // one liar of three: majority still answers
 * devnet.faults().failBeforeRun(1, 429);     // the next inference POST is a 429
 * long runs = devnet.nodes().get(0).inferencesRun();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class LocalAivmNetwork implements AutoCloseable {
  /** Anvil's dev accounts 1 to 9 (account 0 is left to model owners): public knowledge. */
  private static final List<String> OPERATOR_KEYS = List.of(
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
      "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
      "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
      "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
      "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
      "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
      "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
      "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
      "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6");

  /** The most nodes a network starts: one per dev account. */
  public static final int MAX_NODES = OPERATOR_KEYS.size();

  private final Ledger ledger;
  private final KernelStore store;
  private final List<DevnetNode> nodes;
  private final boolean ownsLedger;
  private final boolean ownsStore;
  private final Path temporaryStore;
  private DevnetGateway gateway;

  private LocalAivmNetwork(Ledger ledger, boolean ownsLedger, KernelStore store, boolean ownsStore,
      Path temporaryStore, List<DevnetNode> nodes) {
    this.ledger = ledger;
    this.ownsLedger = ownsLedger;
    this.store = store;
    this.ownsStore = ownsStore;
    this.temporaryStore = temporaryStore;
    this.nodes = List.copyOf(nodes);
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The gateway's base URL, such as {@code http://127.0.0.1:40123}. */
  public URI gateway() {
    return gateway.uri();
  }

  /** The gateway's fault switches; see {@link GatewayFaults}. */
  public GatewayFaults faults() {
    return gateway.faults();
  }

  /** The ledger the network records models, versions, nodes and grants on. */
  public Ledger ledger() {
    return ledger;
  }

  /** The store kernels live in. */
  public KernelStore store() {
    return store;
  }

  /** An uploader over {@link #store()}. */
  public KernelUploader kernels() {
    return KernelUploader.using(store);
  }

  /** The nodes, in order (node 1 first). */
  public List<DevnetNode> nodes() {
    return nodes;
  }

  /** The node whose operator address is {@code address}, if it is one of this network's. */
  public Optional<DevnetNode> node(Address address) {
    return nodes.stream().filter(n -> n.address().equals(address)).findFirst();
  }

  /**
   * Stops the nodes, and closes the ledger and the store if the network made them (deleting the
   * temporary store's directory); a ledger or store given to the builder is left to its owner.
   */
  @Override
  public void close() {
    if (gateway != null) {
      gateway.close();
    }
    nodes.forEach(DevnetNode::close);
    if (ownsStore) {
      store.close();
    }
    if (ownsLedger) {
      ledger.close();
    }
    if (temporaryStore != null) {
      deleteTree(temporaryStore);
    }
  }

  @Override
  public String toString() {
    return "LocalAivmNetwork{" + nodes.size() + " nodes, " + ledger + ", " + store + "}";
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: what is left is the operating system's to clean
    }
  }

  /**
   * Builds and starts a {@link LocalAivmNetwork}.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private int nodes = 3;
    private int port;
    private Ledger ledger;
    private KernelStore store;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private int metricsEvents = ai.nesa.aivm.devnet.internal.MetricsLog.DEFAULT_CAPACITY;

    private Builder() {}

    /**
     * How many nodes, from 1 to {@value #MAX_NODES}; 3 by default.
     *
     * @throws IllegalArgumentException when out of range
     */
    public Builder nodes(int count) {
      if (count < 1 || count > MAX_NODES) {
        throw new IllegalArgumentException("a devnet has 1 to " + MAX_NODES + " nodes, not " + count);
      }
      this.nodes = count;
      return this;
    }

    /**
     * The gateway's port on 127.0.0.1; 0 (the default) takes a free one.
     *
     * @throws IllegalArgumentException when not in [0, 65535]
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("a port is from 0 to 65535, not " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * How many live metrics events the gateway holds for clients that resume; {@value
     * ai.nesa.aivm.devnet.internal.MetricsLog#DEFAULT_CAPACITY} by default. A client further behind
     * is told of the gap.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder metricsEvents(int events) {
      if (events < 1) {
        throw new IllegalArgumentException("the gateway holds at least one metrics event, not " + events);
      }
      this.metricsEvents = events;
      return this;
    }

    /** The ledger to use instead of a new {@link InMemoryLedger}; the caller keeps ownership. */
    public Builder ledger(Ledger ledger) {
      this.ledger = Objects.requireNonNull(ledger, "ledger");
      return this;
    }

    /** The store to use instead of a local one in a temporary directory; the caller keeps ownership. */
    public Builder store(KernelStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The clock nodes sign deadlines and receipts with, the gateway stamps deployments and inferences
     * with, and a new in-memory ledger keeps time with. Timeouts are measured on the JVM's own timer.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where the nodes' encryption keys come from. For tests. */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Makes what was not given, starts the nodes and registers each on the ledger.
     *
     * @throws AivmIoException when the temporary store cannot be made or the gateway's port bound
     * @throws IllegalStateException when the ledger refuses a node's registration (a ledger given
     *     to the builder may know the node's operator under another nonce, say)
     */
    public LocalAivmNetwork start() {
      boolean ownsLedger = ledger == null;
      Ledger l = ownsLedger ? InMemoryLedger.builder().clock(clock).build() : ledger;
      Path temporary = null;
      KernelStore s = store;
      List<DevnetNode> started = new ArrayList<>();
      try {
        if (s == null) {
          temporary = Files.createTempDirectory("aivm-devnet-store-");
          s = KernelStore.localDirectory(temporary);
        }
        for (int i = 1; i <= nodes; i++) {
          DevnetNode node = new DevnetNode(EthPrivateKey.fromBytes(Hex.decode(OPERATOR_KEYS.get(i - 1))),
              EthPrivateKey.generate(random), "devnet:node-" + i, l, s, clock);
          started.add(node);
          LedgerReceipt receipt = node.register();
          if (receipt.status() != LedgerReceipt.Status.APPLIED) {
            throw new IllegalStateException("the ledger refused node " + i + " (" + node.address() + "): "
                + receipt.error().map(e -> e.code().wireName() + ": " + e.message()).orElse(receipt.status().name()));
          }
        }
        // the devnet's nodes are each other's peers for the shares of k-of-n models' keys
        started.forEach(n -> n.peers(started.stream().filter(p -> p != n).toList()));
        LocalAivmNetwork network = new LocalAivmNetwork(l, ownsLedger, s, store == null, temporary, started);
        network.gateway = DevnetGateway.start(l, started, s, port, clock, metricsEvents);
        return network;
      } catch (IOException e) {
        throw new AivmIoException("could not make the devnet's temporary store: " + e.getMessage(), e);
      } catch (RuntimeException e) {
        started.forEach(DevnetNode::close);
        if (store == null && s != null) {
          s.close();
        }
        if (ownsLedger) {
          l.close();
        }
        if (temporary != null) {
          deleteTree(temporary);
        }
        throw e;
      }
    }
  }
}
