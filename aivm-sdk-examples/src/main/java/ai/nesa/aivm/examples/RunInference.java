package ai.nesa.aivm.examples;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.devnet.DevnetNode;
import ai.nesa.aivm.devnet.LocalAivmNetwork;
import ai.nesa.aivm.devnet.TinyModel;
import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.AivmServiceException;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.inference.BatchItem;
import ai.nesa.aivm.sdk.inference.BatchOptions;
import ai.nesa.aivm.sdk.inference.Deployment;
import ai.nesa.aivm.sdk.inference.DeploymentSpec;
import ai.nesa.aivm.sdk.inference.InferenceClient;
import ai.nesa.aivm.sdk.inference.InferenceClientAsync;
import ai.nesa.aivm.sdk.inference.InferenceEvent;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.inference.InferenceResult;
import ai.nesa.aivm.sdk.inference.InferenceStream;
import ai.nesa.aivm.sdk.inference.Tensor;
import ai.nesa.aivm.sdk.inference.TensorInput;
import ai.nesa.aivm.sdk.inference.TextInput;
import ai.nesa.aivm.sdk.kernels.Presets;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Deploys two models and runs inference on them every way the SDK offers: synchronous,
 * asynchronous, streamed token by token, and batched, every result checked against the nodes'
 * signed receipts; then makes one node lie and shows it outvoted and named.
 *
 * <pre>
 * mvn -B -q compile exec:java -pl aivm-sdk-examples -am -Dexample=RunInference
 *
 * RunInference [GATEWAY_URL] [classifier=ORG/MODEL] [generator=ORG/MODEL]
 * </pre>
 *
 * <p>Without a gateway URL, as an argument or in {@code AIVM_GATEWAY_URL}, it starts a devnet of
 * three nodes in this JVM and publishes the tiny byte-pair sentiment classifier as {@value
 * #CLASSIFIER} and the tiny byte bigram generator as {@value #GENERATOR}, or under the names the
 * arguments give. Given a gateway, it uses models already published there under those names (the
 * SDK does not publish on a remote ledger yet), checks receipts against the gateway's view of the
 * ledger, and leaves out the liar, which needs the devnet's fault switches.
 *
 * <p>It deploys the classifier with the {@code verified} preset (three nodes, majority) and the
 * generator with {@code fast} (one node), prints each result with its receipts and usage, and
 * deletes both deployments at the end.
 */
public final class RunInference {
  static final String CLASSIFIER = "acme/sentiment-small";
  static final String GENERATOR = "acme/bigram-small";
  static final String HAPPY = "a wonderful happy result";
  static final String SAD = "awful, broken and boring";
  static final String PROMPT = "the node";
  static final int MAX_TOKENS = 16;
  /** The batch: four sentences and, at index 2, a tensor named after no input of the classifier. */
  static final List<InferenceInput> BATCH = List.of(
      InferenceInput.text(HAPPY),
      InferenceInput.text(SAD),
      InferenceInput.tensors(Tensor.ofLongs("pixels", new long[] {1, 3}, 7, 8, 9)),
      InferenceInput.text("what a great and lovely day"),
      InferenceInput.text("a terrible, sad mess"));

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final String INDENT = "   ";

  private RunInference() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** Runs the example with {@code env} as the environment; returns the process exit code. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    long start = System.nanoTime();
    String gateway = null;
    String classifier = CLASSIFIER;
    String generator = GENERATOR;
    for (int i = 0; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      if (i == 0 && args[i].contains("://")) {
        gateway = args[i];
      } else if (kv.length == 2 && kv[0].equals("classifier")) {
        classifier = kv[1];
      } else if (kv.length == 2 && kv[0].equals("generator")) {
        generator = kv[1];
      } else {
        err.println("unknown argument '" + args[i] + "'");
        err.println("usage: RunInference [GATEWAY_URL] [classifier=ORG/MODEL] [generator=ORG/MODEL]");
        return 2;
      }
    }
    String fromEnv = env.get(AivmClient.ENV_GATEWAY);
    try {
      ModelId classifierId = ModelId.of(classifier);
      ModelId generatorId = ModelId.of(generator);
      if (gateway == null && (fromEnv == null || fromEnv.isBlank())) {
        onDevnet(classifierId, generatorId, out, err);
      } else {
        AivmClient.Builder builder = gateway == null ? AivmClient.builder().fromEnv(env)
            : AivmClient.builder().gateway(gateway);
        try (AivmClient client = builder.build()) {
          out.println("gateway " + client.gateway() + "; receipts are checked against its view of the ledger");
          tour(client, classifierId, generatorId, null, out, err);
        }
      }
      out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - start) / 1e9);
      return 0;
    } catch (AivmException e) {
      return Failures.report(e, err);
    }
  }

  /** Starts a devnet, publishes the two tiny models on it and runs the tour there. */
  private static void onDevnet(ModelId classifier, ModelId generator, PrintStream out, PrintStream err) {
    try (LocalAivmNetwork devnet = LocalAivmNetwork.builder().nodes(3).start();
        AivmClient client = AivmClient.builder().gateway(devnet.gateway()).store(devnet.store())
            .ledger(devnet.ledger()).wallet(DevnetModelOwner.WALLET).build()) {
      out.println("devnet up: gateway " + devnet.gateway() + ", " + devnet.nodes().size()
          + " nodes; receipts are checked against its ledger");
      DevnetModelOwner.publish(client.kernels(), Presets.onnxClassifier(classifier.toString(), "model.onnx"),
          TinyModel.BYTE_PAIR_SENTIMENT);
      DevnetModelOwner.publish(client.kernels(), Presets.onnxTextGenerator(generator.toString(), "model.onnx"),
          TinyModel.BYTE_BIGRAM);
      out.println("published " + classifier + " (classifier) and " + generator + " (text generator)");
      tour(client, classifier, generator, devnet, out, err);
    }
  }

  /** Deploys both models, runs the inferences, and deletes the deployments; {@code devnet} may be null. */
  private static void tour(AivmClient client, ModelId classifier, ModelId generator, LocalAivmNetwork devnet,
      PrintStream out, PrintStream err) {
    InferenceClient inference = client.inference();
    List<Deployment> deployed = new ArrayList<>();
    try {
      Deployment verified = deploy(inference, DeploymentSpec.verified(classifier), "verified", deployed, out);
      Deployment fast = deploy(inference, DeploymentSpec.fast(generator), "fast", deployed, out);
      InferenceResult honest = sync(inference, verified, out);
      async(client.async().inference(), verified, out);
      streamed(inference, fast, out);
      batch(inference, verified, out);
      if (devnet != null) {
        liar(inference, verified, devnet, honest, out);
      }
    } finally {
      for (Deployment d : deployed) {
        try {
          inference.delete(d.id());
          out.println("deleted deployment " + d.id());
        } catch (AivmException e) {
          err.println("could not delete deployment " + d.id() + ": " + e.getMessage());
        }
      }
    }
  }

  private static Deployment deploy(InferenceClient inference, DeploymentSpec spec, String preset,
      List<Deployment> deployed, PrintStream out) {
    Deployment d = inference.deploy(spec);
    deployed.add(d);
    d = inference.waitUntilReady(d.id(), READY_TIMEOUT);
    out.printf(Locale.ROOT, "deployed %s@%s as %s (%s): %d %s, consensus %s, %s%n", d.model(), d.version().text(),
        d.id(), preset, d.nodes().size(), d.nodes().size() == 1 ? "node" : "nodes", d.consensus().kind().wireName(),
        d.status().wireName());
    return d;
  }

  /** A blocking call: the result comes back verified, or an exception says why not. */
  private static InferenceResult sync(InferenceClient inference, Deployment d, PrintStream out) {
    InferenceResult r = inference.infer(d.id(), InferenceInput.text(HAPPY));
    out.println();
    out.println("1. sync   infer(\"" + HAPPY + "\") on " + d.model() + ": " + label(r) + ", logits " + logits(r));
    ReceiptTable.print(r, INDENT, out);
    return r;
  }

  /** The same call on the async twin: a future, completed on the client's threads. */
  private static void async(InferenceClientAsync inference, Deployment d, PrintStream out) {
    CompletableFuture<InferenceResult> pending = inference.infer(d.id(), InferenceInput.text(SAD));
    InferenceResult r = await(pending);
    out.println();
    out.println("2. async  infer(\"" + SAD + "\") on " + d.model() + ": " + label(r) + ", logits " + logits(r));
    ReceiptTable.print(r, INDENT, out);
  }

  /** Tokens printed as the node makes them; the verified result arrives last. */
  private static void streamed(InferenceClient inference, Deployment d, PrintStream out) {
    TextInput input = InferenceInput.text(PROMPT).maxTokens(MAX_TOKENS);
    out.println();
    out.println("3. stream \"" + PROMPT + "\", at most " + MAX_TOKENS + " tokens, on " + d.model() + ":");
    out.print(INDENT + "tokens \"");
    StringBuilder tokens = new StringBuilder();
    int chunks = 0;
    InferenceResult result = null;
    try (InferenceStream stream = inference.stream(d.id(), input)) {
      for (InferenceEvent event : stream) {
        if (event instanceof InferenceEvent.Chunk chunk && chunk.text() != null) {
          tokens.append(chunk.text());
          chunks++;
          out.print(escaped(chunk.text()));
          out.flush();
        } else if (event instanceof InferenceEvent.Done done) {
          result = done.result();
        }
      }
    }
    out.println("\" (" + chunks + " chunks)");
    String text = result.text();
    out.println(INDENT + "final  \"" + escaped(text) + "\" ("
        + (text.contentEquals(tokens) ? "the tokens'" : "not the tokens': they are provisional, this is agreed")
        + " text)");
    ReceiptTable.print(result, INDENT, out);
  }

  /** Many inputs, four at a time; one item's failure is its own, and the items keep input order. */
  private static void batch(InferenceClient inference, Deployment d, PrintStream out) {
    BatchOptions options = BatchOptions.builder().concurrency(4).build();
    List<BatchItem> items = inference.inferBatch(d.id(), BATCH, options);
    String indent = INDENT + "    ";
    out.println();
    out.println("4. batch  " + BATCH.size() + " inputs on " + d.model() + ", " + options.concurrency()
        + " at a time, in input order:");
    ReceiptTable.printHeader(indent, out);
    for (BatchItem item : items) {
      if (item.succeeded()) {
        InferenceResult r = item.result();
        out.printf(Locale.ROOT, "%s[%d] %-8s %s%n", INDENT, item.index(), label(r), describe(item.input()));
        ReceiptTable.printRows(r, indent, out);
        ReceiptTable.printUsage(r, indent, out);
      } else {
        out.printf(Locale.ROOT, "%s[%d] %-8s %s: %s%n", INDENT, item.index(), "failed", describe(item.input()),
            status(item.error()));
        out.println(indent + problem(item.error()));
      }
    }
  }

  /** One node signs a wrong output; the other two outvote it and the client names it. */
  private static void liar(InferenceClient inference, Deployment d, LocalAivmNetwork devnet, InferenceResult honest,
      PrintStream out) {
    DevnetNode node = devnet.nodes().get(1);
    node.faults().lie();
    try {
      InferenceResult r = inference.infer(d.id(), InferenceInput.text(HAPPY));
      out.println();
      out.println("5. liar   node 2 signs wrong outputs now; infer(\"" + HAPPY + "\") again on " + d.model() + ":");
      out.println(INDENT + label(r) + ", logits " + logits(r) + (logits(r).equals(logits(honest)) ? ", as in 1" : ""));
      ReceiptTable.print(r, INDENT, out);
      out.println(INDENT + "receipts: " + ReceiptTable.summary(r));
      List<Address> dissenters = r.verification().dissenters();
      out.println(INDENT + "dissenters: " + dissenters
          + (dissenters.equals(List.of(node.address())) ? " = node 2, the liar" : ""));
    } finally {
      node.faults().clear();
    }
    out.println(INDENT + "node 2 tells the truth again");
  }

  /** The classifier's label: class 1 of its logits is positive. */
  static String label(InferenceResult r) {
    return r.tensorOutput().tensor("logits").argmaxOfLastRow() == 1 ? "positive" : "negative";
  }

  private static String logits(InferenceResult r) {
    float[] values = r.tensorOutput().tensor("logits").asFloats();
    List<String> shown = new ArrayList<>();
    for (float v : values) {
      shown.add(String.format(Locale.ROOT, "%.4f", v));
    }
    return "[" + String.join(", ", shown) + "]";
  }

  private static String describe(InferenceInput input) {
    if (input instanceof TextInput t) {
      return "\"" + escaped(t.text()) + "\"";
    }
    return ((TensorInput) input).tensors().stream()
        .map(t -> "tensor '" + t.name() + "' " + t.dtype().wireName() + Arrays.toString(t.shape()))
        .collect(Collectors.joining(", "));
  }

  /** A gateway's refusal as its status and code; anything else as its type. */
  private static String status(AivmException e) {
    return e instanceof AivmServiceException s ? s.status() + " " + s.code() : e.getClass().getSimpleName();
  }

  /** The first problem a gateway listed, or the exception's message. */
  private static String problem(AivmException e) {
    if (e instanceof AivmServiceException s && !s.details().isEmpty()) {
      return s.details().get(0).path() + ": " + s.details().get(0).message();
    }
    return e.getMessage();
  }

  /** Control characters a model may generate, written so they do not break the line. */
  private static String escaped(String text) {
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (c == '\n') {
        b.append("\\n");
      } else if (c == '"' || c == '\\') {
        b.append('\\').appendCodePoint(c);
      } else if (Character.isISOControl(c)) {
        b.append(String.format(Locale.ROOT, "\\u%04x", c));
      } else {
        b.appendCodePoint(c);
      }
    });
    return b.toString();
  }

  /** The future's value, or the {@link AivmException} it failed with. */
  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof AivmException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
