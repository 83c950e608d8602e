package ai.nesa.aivm.benchmarks.kernels;

import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.storage.KernelStore;
import java.nio.file.Path;

/** The publish pipeline the benchmarks time: a one-file ONNX bundle uploaded to a kernel store. */
final class Publish {
  /** The weights file's path in the bundle. */
  static final String WEIGHTS = "model.onnx";

  private Publish() {}

  /** The bundle of {@code weights} under the classifier preset. */
  static KernelBundle bundle(Path weights) {
    return KernelBundle.builder()
        .config(Presets.onnxClassifier("acme/bench", WEIGHTS))
        .file(WEIGHTS, weights)
        .build();
  }

  /**
   * Validates, hashes and stores {@code weights} (and the config and manifest) in a local store
   * opened on {@code storeDirectory}, and closes the store.
   */
  static PublishedKernel toDirectory(Path weights, Path storeDirectory) {
    try (KernelStore store = KernelStore.localDirectory(storeDirectory)) {
      return KernelUploader.using(store).upload(bundle(weights));
    }
  }

  /** The CID the manifest records for the weights. */
  static Cid weightsCid(PublishedKernel published) {
    return published.manifest().file(WEIGHTS)
        .orElseThrow(() -> new IllegalStateException("the manifest lists no " + WEIGHTS))
        .cid();
  }
}
