package ai.nesa.aivm.examples;

import ai.nesa.aivm.devnet.LocalAivmNetwork;
import ai.nesa.aivm.devnet.NodeOutput;
import ai.nesa.aivm.devnet.TinyModel;
import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.inference.Deployment;
import ai.nesa.aivm.sdk.inference.DeploymentSpec;
import ai.nesa.aivm.sdk.inference.InferenceClient;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.inference.InferenceResult;
import ai.nesa.aivm.sdk.inference.VerificationReport;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.kernels.ReportedBenchmark;
import ai.nesa.aivm.sdk.models.Benchmark;
import ai.nesa.aivm.sdk.models.ModelDetails;
import ai.nesa.aivm.sdk.models.ModelSummary;
import ai.nesa.aivm.sdk.models.ModelVersion;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The whole path on a local network, with nothing installed but a JDK: start the devnet, publish
 * the tiny classifier with a preset, find it through a catalog search, print its details, have a
 * node run it, then deploy it on three nodes, run a verified inference and delete the deployment.
 *
 * <pre>
 * mvn -B -q compile exec:java -pl aivm-sdk-examples -am -Dexample=Quickstart
 * </pre>
 *
 * <p>The client is built with the owner's wallet, anvil's first dev key (public knowledge, never
 * for real funds; see {@link DevnetModelOwner}): {@code client.kernels().register(...)} signs the
 * ledger's requests with it. Step 5 calls a devnet node directly; steps 6 to 8 go
 * through the SDK's inference client, which checks every result against the nodes' signed receipts
 * and the ledger. {@link RunInference} shows the rest of it.
 */
public final class Quickstart {
  private Quickstart() {}

  public static void main(String[] args) {
    System.exit(run(System.out));
  }

  /** Runs the quickstart, printing as it goes; returns the exit code. */
  static int run(PrintStream out) {
    long start = System.nanoTime();
    try (LocalAivmNetwork devnet = LocalAivmNetwork.builder().nodes(3).start();
        AivmClient client = AivmClient.builder().gateway(devnet.gateway()).store(devnet.store())
            .ledger(devnet.ledger()).wallet(DevnetModelOwner.WALLET).build()) {
      out.println("1. devnet up: gateway " + devnet.gateway() + ", " + devnet.nodes().size() + " nodes on the ledger");

      AivmConfig config = Presets.onnxClassifier("acme/sentiment-small", "model.onnx").toBuilder()
          .description("A tiny byte-pair sentiment classifier.\n\nBuilt by the devnet's make_models.py.")
          .architecture("naive-bayes")
          .parameterCount(131_072)
          .benchmark(new ReportedBenchmark("accuracy", 74.0, "%", "tiny-sentiment"))
          .build();
      PublishedKernel published = DevnetModelOwner.publish(client.kernels(), config,
          TinyModel.BYTE_PAIR_SENTIMENT);
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

      InferenceClient inference = client.inference();
      Deployment deployment = inference.deploy(DeploymentSpec.verified(id));
      deployment = inference.waitUntilReady(deployment.id(), Duration.ofSeconds(30));
      out.println("6. deployed " + id + " as " + deployment.id() + " (verified): " + deployment.nodes().size()
          + " nodes, consensus " + deployment.consensus().kind().wireName());
      InferenceResult inferred = inference.infer(deployment.id(), InferenceInput.text(text));
      String verdict = inferred.tensorOutput().tensor("logits").argmaxOfLastRow() == 1 ? "positive" : "negative";
      VerificationReport report = inferred.verification(); // what the client checked of the nodes' receipts
      int verified = report.agreeing().size() + report.dissenters().size();
      out.println("7. inference " + inferred.id() + " on \"" + text + "\": " + verdict + "; " + verified + " of "
          + inferred.receipts().size() + " receipts verified, " + report.agreeing().size() + " agree");
      inference.delete(deployment.id());
      out.println("8. deployment " + deployment.id() + " deleted");
      out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - start) / 1e9);
      return 0;
    }
  }
}
