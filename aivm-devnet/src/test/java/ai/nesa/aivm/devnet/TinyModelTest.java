package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.devnet.internal.OnnxRunException;
import ai.nesa.aivm.devnet.internal.OnnxSession.FloatTensor;
import ai.nesa.aivm.devnet.internal.OnnxSession.LongTensor;
import ai.nesa.aivm.devnet.internal.OnnxSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The committed tiny models: reproduced by their script, and run by ONNX Runtime to the outputs numpy computed. */
class TinyModelTest {
  private static final Path SOURCES = Path.of("src/main/resources").resolve(TinyModel.RESOURCE_FOLDER);
  private static final JsonNode EXPECTED = JsonMapper.builder().build().readTree(SOURCES.resolve("expected.json").toFile());

  @Test
  void theGeneratorReproducesTheCommittedFilesByteForByte(@TempDir Path out) throws Exception {
    Process p = new ProcessBuilder("/usr/bin/python3", SOURCES.resolve("make_models.py").toString(), out.toString())
        .redirectErrorStream(true).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "make_models.py ran over two minutes");
    String log = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.exitValue(), "make_models.py failed (Debian's python3-onnx installed? `apt-get install "
        + "python3-onnx`; .ci/install-tools does it):\n" + log);
    for (String file : List.of(TinyModel.BYTE_PAIR_SENTIMENT.fileName(), TinyModel.BYTE_BIGRAM.fileName(), "expected.json")) {
      assertArrayEquals(Files.readAllBytes(SOURCES.resolve(file)), Files.readAllBytes(out.resolve(file)), file);
    }
  }

  @Test
  void theJarServesTheCommittedModels() throws IOException {
    for (TinyModel m : TinyModel.values()) {
      assertArrayEquals(Files.readAllBytes(SOURCES.resolve(m.fileName())), m.bytes(), m.fileName());
    }
  }

  @Test
  void onnxRuntimeClassifiesAsTheGeneratorComputed() {
    JsonNode expected = EXPECTED.get(TinyModel.BYTE_PAIR_SENTIMENT.fileName());
    try (OnnxSession session = OnnxSession.load(TinyModel.BYTE_PAIR_SENTIMENT.bytes())) {
      assertEquals(Set.of("input_ids", "attention_mask"), session.inputNames());
      assertEquals(Set.of("logits"), session.outputNames());
      FloatTensor logits = session.run(inputs(expected)).get("logits");

      int rows = expected.get("texts").size();
      assertArrayEquals(new long[] {rows, 2}, logits.shape());
      for (int i = 0; i < rows; i++) {
        for (int c = 0; c < 2; c++) {
          assertEquals(expected.get("logits").get(i).get(c).asDouble(), logits.data()[i * 2 + c], 1e-4,
              expected.get("texts").get(i).asString() + " class " + c);
        }
        int argmax = logits.data()[i * 2 + 1] > logits.data()[i * 2] ? 1 : 0;
        assertEquals(expected.get("classes").get(i).asInt(), argmax, expected.get("texts").get(i).asString());
      }
      assertEquals(1, expected.get("classes").get(0).asInt(), "'a wonderful happy result' is positive");
      assertEquals(0, expected.get("classes").get(1).asInt(), "'awful, broken and boring' is negative");
    }
  }

  @Test
  void onnxRuntimeGivesTheBigramsNextByteLogProbabilities() {
    JsonNode expected = EXPECTED.get(TinyModel.BYTE_BIGRAM.fileName());
    try (OnnxSession session = OnnxSession.load(TinyModel.BYTE_BIGRAM.bytes())) {
      FloatTensor logits = session.run(inputs(expected)).get("logits");
      int length = expected.get("input_ids").get(0).size();
      assertArrayEquals(new long[] {1, length, 256}, logits.shape());
      int last = (length - 1) * 256;
      int argmax = 0;
      for (int b = 0; b < 256; b++) {
        assertEquals(expected.get("last_position_logits").get(b).asDouble(), logits.data()[last + b], 1e-4, "byte " + b);
        if (logits.data()[last + b] > logits.data()[last + argmax]) {
          argmax = b;
        }
      }
      assertEquals(expected.get("last_position_argmax").asInt(), argmax);
      double total = 0;
      for (int b = 0; b < 256; b++) {
        total += Math.exp(logits.data()[last + b]);
      }
      assertEquals(1.0, total, 1e-4, "a row is a probability distribution");
    }
  }

  @Test
  void aDamagedModelIsRefusedWithRuntimesReason() {
    byte[] damaged = TinyModel.BYTE_BIGRAM.bytes();
    damaged = java.util.Arrays.copyOf(damaged, damaged.length / 2);
    byte[] half = damaged;
    OnnxRunException e = assertThrows(OnnxRunException.class, () -> OnnxSession.load(half));
    assertTrue(e.getMessage().startsWith("ONNX Runtime could not load the model: "), e.getMessage());
  }

  @Test
  void aMissingInputIsNamed() {
    try (OnnxSession session = OnnxSession.load(TinyModel.BYTE_BIGRAM.bytes())) {
      OnnxRunException e = assertThrows(OnnxRunException.class, () -> session.run(Map.of(
          "input_ids", new LongTensor(new long[] {1, 2}, new long[] {104, 105}))));
      assertTrue(e.getMessage().contains("attention_mask"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> new LongTensor(new long[] {2, 2}, new long[] {1, 2, 3}));
  }

  private static Map<String, LongTensor> inputs(JsonNode expected) {
    return Map.of("input_ids", tensor(expected.get("input_ids")), "attention_mask", tensor(expected.get("attention_mask")));
  }

  private static LongTensor tensor(JsonNode rows) {
    List<Long> values = new ArrayList<>();
    rows.forEach(row -> row.forEach(v -> values.add(v.asLong())));
    return new LongTensor(new long[] {rows.size(), rows.get(0).size()}, values.stream().mapToLong(Long::longValue).toArray());
  }
}
