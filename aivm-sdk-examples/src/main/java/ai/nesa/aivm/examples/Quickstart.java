package ai.nesa.aivm.examples;

import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.devnet.LocalAivmNetwork;
import ai.nesa.aivm.devnet.NodeOutput;
import ai.nesa.aivm.devnet.TinyModel;
import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.kernels.ReportedBenchmark;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.models.Access;
import ai.nesa.aivm.sdk.models.Benchmark;
import ai.nesa.aivm.sdk.models.ModelDetails;
import ai.nesa.aivm.sdk.models.ModelSummary;
import ai.nesa.aivm.sdk.models.ModelVersion;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The whole path on a local network, with nothing installed but a JDK: start the devnet, publish
 * the tiny classifier with a preset, find it through a catalog search, print its details, and have
 * a node run it.
 *
 * <pre>
 * mvn -B -q compile exec:java -pl aivm-sdk-examples -am -Dexample=Quickstart
 * </pre>
 *
 * <p>The owner signs the ledger's requests with anvil's first dev key (public knowledge, never for
 * real funds). The last step calls a devnet node directly; the SDK's inference client, with
 * deployments and verified receipts, comes with the Inference work.
 */
public final class Quickstart {
  private static final EthPrivateKey OWNER = EthPrivateKey.fromBytes(
      Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));

  private Quickstart() {}

  public static void main(String[] args) {
    System.exit(run(System.out));
  }

  /** Runs the quickstart, printing as it goes; returns the exit code. */
  static int run(PrintStream out) {
    long start = System.nanoTime();
    try (LocalAivmNetwork devnet = LocalAivmNetwork.builder().nodes(3).start();
        AivmClient client = AivmClient.builder().gateway(devnet.gateway()).store(devnet.store()).build()) {
      out.println("1. devnet up: gateway " + devnet.gateway() + ", " + devnet.nodes().size() + " nodes on the ledger");

      AivmConfig config = Presets.onnxClassifier("acme/sentiment-small", "model.onnx").toBuilder()
          .description("A tiny byte-pair sentiment classifier.\n\nBuilt by the devnet's make_models.py.")
          .architecture("naive-bayes")
          .parameterCount(131_072)
          .benchmark(new ReportedBenchmark("accuracy", 74.0, "%", "tiny-sentiment"))
          .build();
      PublishedKernel published = client.kernels().upload(KernelBundle.builder()
          .config(config)
          .file("model.onnx", TinyModel.BYTE_PAIR_SENTIMENT.bytes())
          .build());
      submit(devnet.ledger(), new LedgerAction.RegisterModel(config.name(), Access.PUBLIC));
      submit(devnet.ledger(), new LedgerAction.PublishVersion(config.name(), config.version(),
          published.manifestCid(), published.manifest().hash()));
      out.println("2. published " + config.name() + "@" + config.version().text() + ": manifest "
          + published.manifestCid() + " (" + published.manifest().files().size() + " files), on the ledger");

      List<ModelSummary> found = client.models().list(p -> p.query("sentiment").limit(5)).items();
      out.println("3. catalog search 'sentiment': " + found.size() + " found");
      for (ModelSummary m : found) {
        out.printf(Locale.ROOT, "   %-24s %-20s %s%n", m.id(), m.task().value(), m.description().orElse(""));
      }
      ModelId id = found.get(0).id();

      ModelDetails details = client.models().get(id);
      out.println("4. details of " + id + ": owner " + details.summary().owner() + ", licence "
          + details.summary().license().orElse("?"));
      for (ModelVersion v : details.versions()) {
        out.println("   version " + v.version().text() + "  manifest " + v.manifestCid()
            + v.sizeBytes().stream().mapToObj(n -> "  " + n + " bytes").findFirst().orElse(""));
      }
      for (Benchmark b : details.benchmarks()) {
        out.printf(Locale.ROOT, "   benchmark %s = %.1f%s (%s)%n", b.name(), b.value(), b.unit().orElse(""),
            b.verification().wireName());
      }

      String text = "what a wonderful, happy result";
      NodeOutput result = devnet.nodes().get(0).runText(id, details.versions().get(0).version(), text);
      String label = result.argmaxOfLastRow() == 1 ? "positive" : "negative";
      out.println("5. node " + devnet.nodes().get(0).address() + " ran it on \"" + text + "\": " + label
          + " (logits " + Arrays.toString(result.values()) + ")");
      out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - start) / 1e9);
      return 0;
    }
  }

  private static void submit(Ledger ledger, LedgerAction action) {
    EthSigner owner = EthSigner.of(OWNER);
    LedgerReceipt receipt = ledger.submit(LedgerRequest.sign(action, owner, ledger.domain(),
        ledger.nextNonce(owner.address()), Instant.now().plusSeconds(600)));
    if (receipt.status() != LedgerReceipt.Status.APPLIED) {
      throw new IllegalStateException("the ledger refused " + action.kind().wireName() + ": " + receipt.error());
    }
  }
}
