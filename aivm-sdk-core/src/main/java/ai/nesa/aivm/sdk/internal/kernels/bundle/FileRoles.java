package ai.nesa.aivm.sdk.internal.kernels.bundle;

import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.BundleFile;
import ai.nesa.aivm.sdk.kernels.FileRole;
import ai.nesa.aivm.sdk.kernels.KernelExample;
import ai.nesa.aivm.sdk.models.Engine;
import java.util.Locale;

/** The role a manifest records for a file: as the config lists it, else inferred. */
public final class FileRoles {
  /** The config file's path in a bundle. */
  public static final String CONFIG_FILE = "aivm.json";

  private FileRoles() {}

  /**
   * The role of {@code path}: the config's {@code files} entry when there is one; else the
   * runtime entrypoint is weights for {@code onnx} and code otherwise; the aggregation entrypoint
   * is aggregation; {@code aivm.json} is config; a file an example names is example; {@code *.md}
   * is docs; {@code *.py} and {@code *.wasm} are code; anything else is weights (model data such
   * as ONNX external data or tokenizer files).
   */
  public static FileRole of(String path, AivmConfig config) {
    for (BundleFile f : config.files()) {
      if (f.path().equals(path)) {
        return f.role();
      }
    }
    if (path.equals(config.runtime().entrypoint())) {
      return Engine.ONNX.equals(config.runtime().engine()) ? FileRole.WEIGHTS : FileRole.CODE;
    }
    if (config.inference().flatMap(i -> i.aggregation()).filter(path::equals).isPresent()) {
      return FileRole.AGGREGATION;
    }
    if (path.equals(CONFIG_FILE)) {
      return FileRole.CONFIG;
    }
    for (KernelExample e : config.examples()) {
      if (path.equals(e.inputFile()) || path.equals(e.outputFile())) {
        return FileRole.EXAMPLE;
      }
    }
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".md")) {
      return FileRole.DOCS;
    }
    if (lower.endsWith(".py") || lower.endsWith(".wasm")) {
      return FileRole.CODE;
    }
    return FileRole.WEIGHTS;
  }
}
