package ai.nesa.aivm.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link CatalogListBenchmark} and prints the SDK-against-baseline table, with PASS or FAIL
 * for the target computed from this run's own results.
 *
 * <pre>
 * java -jar aivm-sdk-benchmarks/target/benchmarks.jar            # the defaults: 1 fork, 3 + 5 iterations
 * java -jar aivm-sdk-benchmarks/target/benchmarks.jar -f 2 -i 10 # any JMH option overrides them
 * </pre>
 *
 * <p>The catalog server runs here, in the runner's JVM, and the benchmark's forked JVM holds only
 * the clients, so the server's threads, garbage and JIT work do not land in the measured JVM. The
 * server is warmed first, so that no benchmark meets it colder than another.
 * Exits 1 when the target is missed.
 */
public final class RunCatalogBenchmarks {
  private static final int CATALOG_SIZE = 100_000;
  private static final Duration SERVER_WARMUP = Duration.ofSeconds(5);

  private RunCatalogBenchmarks() {}

  public static void main(String[] args) throws Exception {
    LatencyReport report;
    try (CatalogServer server = CatalogServer.start(CATALOG_SIZE, 2)) {
      long calls = ServerWarmup.run(server.uri(), SERVER_WARMUP);
      System.out.println("# Catalog server at " + server.uri() + ", warmed with " + calls + " requests");
      report = LatencyReport.of(run(server.uri(), args));
    }
    report.print(System.out);
    System.exit(report.passes() ? 0 : 1);
  }

  private static Collection<RunResult> run(URI gateway, String[] args)
      throws CommandLineOptionException, RunnerException {
    Options options = new OptionsBuilder()
        .parent(new CommandLineOptions(args))
        .include("^" + CatalogListBenchmark.class.getName().replace(".", "\\.") + "\\.")
        .param("gateway", gateway.toString())
        .build();
    return new Runner(options).run();
  }
}
