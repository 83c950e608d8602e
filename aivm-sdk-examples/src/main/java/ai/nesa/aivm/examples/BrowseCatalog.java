package ai.nesa.aivm.examples;

import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.sdk.models.Engine;
import ai.nesa.aivm.sdk.models.ModelListParams;
import ai.nesa.aivm.sdk.models.ModelSummary;
import ai.nesa.aivm.sdk.models.RatingSummary;
import ai.nesa.aivm.sdk.models.Task;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Searches the model catalog with filters and prints the models found as a table.
 *
 * <pre>
 * BrowseCatalog GATEWAY_URL [q=TEXT] [task=TASK] [runtime=ENGINE] [tag=TAG]... [min=NAME:VALUE]...
 *               [params=MIN..MAX] [sort=KEY] [order=asc|desc] [max=N]
 * </pre>
 *
 * <p>Without a URL argument it uses {@code AIVM_GATEWAY_URL}. {@code max} caps how many models
 * are printed (default 25); the pager fetches only the pages needed for that many.
 */
public final class BrowseCatalog {
  private BrowseCatalog() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the example; returns the process exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      AivmClient.Builder builder = AivmClient.builder();
      int first = 0;
      if (args.length > 0 && args[0].contains("://")) {
        builder.gateway(args[0]);
        first = 1;
      } else {
        builder.fromEnv();
      }
      ModelListParams.Builder params = ModelListParams.builder().limit(20);
      int max = 25;
      for (int i = first; i < args.length; i++) {
        String[] kv = args[i].split("=", 2);
        String value = kv.length == 2 ? kv[1] : "";
        switch (kv[0]) {
          case "q" -> params.query(value);
          case "task" -> params.task(Task.of(value));
          case "runtime" -> params.runtime(Engine.of(value));
          case "tag" -> params.tag(value);
          case "license" -> params.license(value);
          case "min" -> {
            int colon = value.lastIndexOf(':');
            params.minBenchmark(value.substring(0, Math.max(colon, 0)), Double.parseDouble(value.substring(colon + 1)));
          }
          case "params" -> {
            String[] range = value.split("\\.\\.", 2);
            params.parameterCount(Long.parseLong(range[0]), Long.parseLong(range[1]));
          }
          case "sort" -> params.sort(value);
          case "order" -> params.order(ai.nesa.aivm.sdk.models.SortOrder.valueOf(value.toUpperCase(Locale.ROOT)));
          case "max" -> max = Integer.parseInt(value);
          default -> {
            err.println("unknown argument '" + args[i] + "'");
            return 2;
          }
        }
      }
      ModelListParams search = params.build();
      try (AivmClient client = builder.build()) {
        List<ModelSummary> models = client.models().listAll(search).stream().limit(max).collect(Collectors.toList());
        printTable(models, out);
        out.println(models.size() + (models.size() == 1 ? " model" : " models") + " from " + client.gateway());
      }
      return 0;
    } catch (AivmValidationException e) {
      err.println("Invalid search:");
      e.problems().forEach(p -> err.println("  " + p.path() + ": " + p.message()));
      return 2;
    } catch (AivmException e) {
      err.println("The catalog could not be read: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      err.println("Bad argument: " + e.getMessage());
      return 2;
    }
  }

  static void printTable(List<ModelSummary> models, PrintStream out) {
    String format = "%-32s %-22s %-8s %12s %-12s %-7s %s%n";
    out.printf(format, "MODEL", "TASK", "RUNTIME", "PARAMETERS", "LATEST", "ACCESS", "RATING");
    for (ModelSummary m : models) {
      out.printf(format,
          m.id(),
          m.task(),
          m.runtime().map(Engine::value).orElse("-"),
          m.parameterCount().isPresent() ? String.format(Locale.ROOT, "%,d", m.parameterCount().getAsLong()) : "-",
          m.latestVersion().map(Object::toString).orElse("-"),
          m.access().wireName(),
          m.rating().map(BrowseCatalog::stars).orElse("-"));
    }
  }

  private static String stars(RatingSummary r) {
    return r.count() == 0 ? "-" : String.format(Locale.ROOT, "%.1f (%d)", r.average(), r.count());
  }
}
