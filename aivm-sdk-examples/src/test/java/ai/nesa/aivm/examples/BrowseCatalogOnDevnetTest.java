package ai.nesa.aivm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.devnet.LocalAivmNetwork;
import ai.nesa.aivm.devnet.TinyModel;
import ai.nesa.aivm.sdk.kernels.Presets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** BrowseCatalog, unchanged, against a real devnet with two published models. */
class BrowseCatalogOnDevnetTest {
  @Test
  void itFindsTheClassifierAndNotTheGenerator() {
    try (LocalAivmNetwork devnet = LocalAivmNetwork.builder().nodes(1).start()) {
      DevnetModelOwner.publish(devnet, Presets.onnxClassifier("acme/sentiment", "model.onnx"),
          TinyModel.BYTE_PAIR_SENTIMENT);
      DevnetModelOwner.publish(devnet, Presets.onnxTextGenerator("acme/bigram", "model.onnx"),
          TinyModel.BYTE_BIGRAM);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = BrowseCatalog.run(
          new String[] {devnet.gateway().toString(), "task=text-classification", "sort=rating"},
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
      String table = out.toString(StandardCharsets.UTF_8);
      assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
      assertTrue(table.contains("acme/sentiment"), table);
      assertFalse(table.contains("acme/bigram"), table);
    }
  }
}
