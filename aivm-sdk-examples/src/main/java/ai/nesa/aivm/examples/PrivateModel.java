package ai.nesa.aivm.examples;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.devnet.DevnetNode;
import ai.nesa.aivm.devnet.KernelVerificationException;
import ai.nesa.aivm.devnet.LocalAivmNetwork;
import ai.nesa.aivm.devnet.TinyModel;
import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.AivmServiceException;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.access.AccessChange;
import ai.nesa.aivm.sdk.access.AccessControl;
import ai.nesa.aivm.sdk.access.PrivateVersion;
import ai.nesa.aivm.sdk.access.Wallet;
import ai.nesa.aivm.sdk.inference.Deployment;
import ai.nesa.aivm.sdk.inference.DeploymentSpec;
import ai.nesa.aivm.sdk.inference.InferenceClient;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.inference.InferenceResult;
import ai.nesa.aivm.sdk.kernels.Consensus;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.Manifest;
import ai.nesa.aivm.sdk.kernels.ManifestEntry;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.kernels.Security;
import ai.nesa.aivm.sdk.ledger.GrantRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A private model from start to end: publish it encrypted, authorize two nodes, run inference on
 * them, revoke one (which rotates the key), publish the next version, and show that the revoked
 * node is refused every way while the other runs both versions; last, the owner recovers the new
 * version's key from the ledger, the store and its wallet alone.
 *
 * <pre>
 * mvn -B -q compile exec:java -pl aivm-sdk-examples -am -Dexample=PrivateModel
 *
 * PrivateModel [model=ORG/MODEL]
 * </pre>
 *
 * <p>It starts a devnet of three nodes in this JVM. The owner's wallet comes from the environment
 * ({@code AIVM_WALLET_KEY}, or {@code AIVM_WALLET_KEYSTORE} with {@code AIVM_WALLET_PASSWORD})
 * when it is set there, else it is anvil's first dev key (public knowledge, never for real funds).
 */
public final class PrivateModel {
  static final String MODEL = "acme/private-sentiment";
  static final String HAPPY = "a wonderful happy result";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private PrivateModel() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** Runs the example with {@code env} as the environment; returns the process exit code. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    long start = System.nanoTime();
    String name = MODEL;
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      if (kv.length == 2 && kv[0].equals("model")) {
        name = kv[1];
      } else {
        err.println("unknown argument '" + arg + "'");
        err.println("usage: PrivateModel [model=ORG/MODEL]");
        return 2;
      }
    }
    try {
      ModelId model = ModelId.of(name);
      boolean fromEnv = env.containsKey(Wallet.ENV_KEY) || env.containsKey(Wallet.ENV_KEYSTORE);
      Wallet owner = fromEnv ? Wallet.fromEnv(env) : Wallet.of(DevnetModelOwner.KEY);
      try (LocalAivmNetwork devnet = LocalAivmNetwork.builder().nodes(3).start();
          AivmClient client = AivmClient.builder().gateway(devnet.gateway()).store(devnet.store())
              .ledger(devnet.ledger()).wallet(owner).build()) {
        out.println("devnet up: gateway " + devnet.gateway() + ", " + devnet.nodes().size() + " nodes; owner "
            + owner.address() + (fromEnv ? " (from the environment)" : " (anvil's first dev key)"));
        tour(devnet, client, model, out);
      }
      out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - start) / 1e9);
      return 0;
    } catch (AivmException e) {
      return Failures.report(e, err);
    }
  }

  private static void tour(LocalAivmNetwork devnet, AivmClient client, ModelId model, PrintStream out) {
    AccessControl access = client.access();
    InferenceClient inference = client.inference();
    DevnetNode kept = devnet.nodes().get(0);
    DevnetNode revoked = devnet.nodes().get(1);

    PrivateVersion v1 = access.publish(bundle(model, "0.1.0"));
    ManifestEntry weights = v1.kernel().manifest().file("model.onnx").orElseThrow();
    out.printf(Locale.ROOT, "1. published %s %s encrypted: manifest %s, key epoch %d; model.onnx stored as %,d "
        + "bytes of ciphertext%n", model, "0.1.0", v1.kernel().manifestCid(), v1.epoch(), weights.size());

    AccessChange granted = access.authorize(model, List.of(kept.address(), revoked.address()));
    out.printf(Locale.ROOT, "2. authorized %s and %s: %s%n", kept.address(), revoked.address(), grants(granted));

    Deployment d1 = inference.waitUntilReady(inference.deploy(DeploymentSpec.builder(model)
        .consensus(Consensus.kOfN(2, 2)).build()).id(), READY_TIMEOUT);
    out.println("3. " + infer(inference, d1));

    AccessChange afterRevoke = access.revoke(model, List.of(revoked.address()));
    out.printf(Locale.ROOT, "4. revoked %s: %s%n", revoked.address(), grants(afterRevoke));

    PrivateVersion v2 = access.publish(bundle(model, "0.2.0"));
    out.printf(Locale.ROOT, "5. published %s 0.2.0, its data key sealed to key epoch %d%n", model, v2.epoch());

    out.println("6. the revoked node is refused:");
    out.println("   the old deployment " + d1.id() + ": " + refusal(() -> inference.infer(d1.id(),
        InferenceInput.text(HAPPY))));
    out.println("   deploying 0.2.0 on it: " + refusal(() -> inference.deploy(DeploymentSpec.builder(model)
        .version(Semver.of("0.2.0")).nodes(List.of(revoked.address())).build())));
    out.println("   the node opening 0.2.0 itself: " + refusal(() -> revoked.load(model, Semver.of("0.2.0"))));

    Deployment d2 = inference.waitUntilReady(inference.deploy(DeploymentSpec.builder(model).version(Semver.of("0.2.0"))
        .nodes(List.of(kept.address())).build()).id(), READY_TIMEOUT);
    out.println("7. " + infer(inference, d2));
    inference.delete(d1.id());
    inference.delete(d2.id());

    SecretBytes key = access.recoverDataKey(model, Semver.of("0.2.0"));
    try {
      Manifest manifest = v2.kernel().manifest();
      byte[] plain;
      try (InputStream in = client.kernels().openDecrypted(manifest, "model.onnx", key)) {
        plain = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      boolean same = Arrays.equals(plain, TinyModel.BYTE_PAIR_SENTIMENT.bytes());
      out.printf(Locale.ROOT, "8. the owner recovered 0.2.0's data key from the ledger, the store and its wallet: "
          + "model.onnx decrypts to the %,d bytes it published (%s)%n", plain.length, same ? "identical" : "DIFFERENT");
    } finally {
      key.destroy();
    }
  }

  private static String infer(InferenceClient inference, Deployment d) {
    InferenceResult r = inference.infer(d.id(), InferenceInput.text(HAPPY));
    int label = r.tensorOutput().tensor("logits").argmaxOfLastRow();
    return String.format(Locale.ROOT, "%s %s on %s (%s): \"%s\" is %s, %s", d.version().text(), d.id(),
        d.nodes().stream().map(Address::toString).collect(Collectors.joining(", ")),
        r.verification().agreeing().size() + " agreeing", HAPPY, label == 1 ? "positive" : "negative",
        r.verification().verified() ? "verified" : "NOT verified");
  }

  private static String grants(AccessChange change) {
    return "key epoch " + change.epoch() + ", " + change.grants().size() + " grant(s): " + change.grants().stream()
        .map(GrantRecord::node).map(Address::toString).collect(Collectors.joining(", "))
        + (change.grants().isEmpty() ? "" : " (each a " + change.grants().get(0).wrappedKey().length
        + "-byte key wrapped to the node)");
  }

  /** What refused {@code call}, in one line; an answer where a refusal was due is an error. */
  private static String refusal(Runnable call) {
    try {
      call.run();
    } catch (AivmServiceException e) {
      return e.status() + " " + e.error().code() + ": " + e.details().stream().map(Problem::message).findFirst()
          .orElse(e.error().message());
    } catch (KernelVerificationException e) {
      return e.getMessage();
    }
    throw new IllegalStateException("the revoked node was not refused");
  }

  private static KernelBundle bundle(ModelId model, String version) {
    return KernelBundle.builder()
        .config(Presets.onnxClassifier(model.toString(), "model.onnx").toBuilder().version(Semver.of(version))
            .security(Security.privateAccess()).build())
        .file("model.onnx", TinyModel.BYTE_PAIR_SENTIMENT.bytes())
        .build();
  }
}
