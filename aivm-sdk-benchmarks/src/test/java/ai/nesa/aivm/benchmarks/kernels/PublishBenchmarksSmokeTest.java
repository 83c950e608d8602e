package ai.nesa.aivm.benchmarks.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.benchmarks.Timing;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.storage.ContentIds;
import ai.nesa.aivm.sdk.testing.JsIpfsNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publish benchmarks' code paths on a few MiB, so the figures they print at full size mean
 * something: the CIDs agree and nothing is left on disk. No timing is asserted; no IPFS node is
 * started. About a second.
 */
class PublishBenchmarksSmokeTest {
  /** Sixteen full 256 KiB chunks and a partial one: the DAG's ragged end. */
  private static final long SIZE = 4 * Timing.MIB + 12_345;

  @TempDir
  Path dir;

  @Test
  void thePipelineBenchmarkRunsAndItsCidIsTheFilesCid() throws Exception {
    Path reference = WeightsFile.create(Files.createTempDirectory(dir, "ref").resolve("w"), SIZE);
    Cid expected = ContentIds.v1Only().of(reference).cidV1();
    Path parent = Files.createDirectory(dir.resolve("bench"));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    PublishPipelineBenchmark.Result result =
        PublishPipelineBenchmark.run(parent, SIZE, 1, new PrintStream(printed, true, StandardCharsets.UTF_8));

    String text = printed.toString(StandardCharsets.UTF_8);
    assertTrue(result.cidsAgree(), text);
    assertTrue(result.digestsAgree(), text);
    assertEquals(expected, result.cid());
    assertTrue(text.contains("throughput ratio publish/sha256 = "), text);
    assertTrue(isEmpty(parent), "the weights, store and copy are deleted");
  }

  @Test
  void theHeapHarnessPublishesAndChecksTheCid() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    boolean ok = PublishHeapHarness.run(dir, SIZE, new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertTrue(ok, printed.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theWeightsAreTheSameBytesEveryTimeAndDoNotRepeat() throws Exception {
    Path a = WeightsFile.create(dir.resolve("a"), 2 * Timing.MIB);
    Path b = WeightsFile.create(dir.resolve("b"), 2 * Timing.MIB);
    byte[] bytes = Files.readAllBytes(a);

    assertEquals(-1, Files.mismatch(a, b));
    assertTrue(java.util.Arrays.compare(bytes, 0, (int) Timing.MIB, bytes, (int) Timing.MIB, bytes.length) != 0,
        "the second MiB is not the first again, so no store can deduplicate blocks");
  }

  @Test
  void curlsAddAnswerGivesTheRootCid() throws IOException {
    String answer = "{\"Name\":\"model.onnx\",\"Hash\":\"bafkreiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354\"}\n"
        + "{\"Name\":\"model.onnx\",\"Hash\":\"bafybeibp65xddhpjnmvae32epexdtpazpdrj76o35ppr65g4hhzttugl6q\","
        + "\"Size\":16781312}\n";

    assertEquals(new Cid("bafybeibp65xddhpjnmvae32epexdtpazpdrj76o35ppr65g4hhzttugl6q"), CurlAdd.rootCid(answer));
    assertThrows(IOException.class, () -> CurlAdd.rootCid("{\"Message\":\"no\"}"));
  }

  @Test
  void curlSendsTheSdkStoresAddParameters() {
    String url = CurlAdd.command(java.net.URI.create("http://127.0.0.1:5001"), dir.resolve("f")).get(5);

    assertEquals("http://127.0.0.1:5001/api/v0/add?cid-version=1&raw-leaves=true&chunker=size-262144&pin=true"
        + "&cid-base=base32&progress=false", url);
  }

  @Test
  void withoutJsIpfsTheLauncherSaysHowToInstallIt() throws IOException {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> JsIpfsNode.start(dir.resolve("no-js"), dir.resolve("repo")));

    assertTrue(e.getMessage().contains("mvn -B -q -pl aivm-sdk-core -am test-compile"), e.getMessage());
    assertTrue(isEmpty(dir), "nothing was created");
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.findAny().isEmpty();
    }
  }
}
