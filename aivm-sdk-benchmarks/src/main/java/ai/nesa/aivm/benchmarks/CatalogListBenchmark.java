package ai.nesa.aivm.benchmarks;

import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.Page;
import ai.nesa.aivm.sdk.models.ModelListParams;
import ai.nesa.aivm.sdk.models.ModelSummary;
import ai.nesa.aivm.sdk.models.Task;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One catalog page ({@code GET /v1/models?task=text-classification&limit=20}) fetched and decoded
 * by the SDK and by plain OkHttp + Moshi, against the same server in the same run.
 *
 * <ul>
 *   <li>{@code sdk}: {@code client.models().list(params)} on a client without a circuit breaker;
 *   <li>{@code sdkDefaults}: the same on a client with every default, circuit breaker included;
 *   <li>{@code raw}: {@link RawCatalogClient}, the baseline.
 * </ul>
 *
 * <p>Sample time, so percentiles are reported. {@link RunCatalogBenchmarks} runs it against a
 * server in its own JVM, so the measured JVM holds only the clients; run alone (an empty
 * {@code gateway}), it starts a server in the measured JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CatalogListBenchmark {
  static final int PAGE_SIZE = 20;
  static final Task TASK = Task.TEXT_CLASSIFICATION;

  /** The gateway to call; empty starts a catalog server inside this JVM. */
  @Param("")
  public String gateway;

  /** The size of the catalog a server started here holds. */
  @Param("100000")
  public int catalogSize;

  private CatalogServer server;
  private AivmClient client;
  private AivmClient defaultsClient;
  private RawCatalogClient raw;
  private ModelListParams params;

  @Setup(Level.Trial)
  public void start() throws IOException {
    URI uri;
    if (gateway.isEmpty()) {
      server = CatalogServer.start(catalogSize, 2);
      uri = server.uri();
    } else {
      uri = URI.create(gateway);
    }
    client = AivmClient.builder().gateway(uri).maxRetries(2).noCircuitBreaker().build();
    defaultsClient = AivmClient.builder().gateway(uri).build();
    raw = new RawCatalogClient(uri);
    params = ModelListParams.builder().task(TASK).limit(PAGE_SIZE).build();
    checkSamePage();
  }

  /** Both clients must decode the same full page, or the comparison means nothing. */
  private void checkSamePage() throws IOException {
    List<String> sdkIds = sdk().items().stream().map(m -> m.id().toString()).toList();
    List<String> rawIds = raw().data().stream().map(RawModels.Summary::id).toList();
    if (sdkIds.size() != PAGE_SIZE || !sdkIds.equals(rawIds)) {
      throw new IllegalStateException("the clients read different pages: " + sdkIds + " and " + rawIds);
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    raw.close();
    defaultsClient.close();
    client.close();
    if (server != null) {
      server.close();
    }
  }

  @Benchmark
  public Page<ModelSummary> sdk() {
    return client.models().list(params);
  }

  @Benchmark
  public Page<ModelSummary> sdkDefaults() {
    return defaultsClient.models().list(params);
  }

  @Benchmark
  public RawModels.Page raw() throws IOException {
    return raw.list(TASK.value(), PAGE_SIZE);
  }
}
