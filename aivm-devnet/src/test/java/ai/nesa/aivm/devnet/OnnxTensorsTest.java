package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.devnet.internal.OnnxSession;
import ai.nesa.aivm.sdk.inference.Tensor;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ONNX Runtime fed and read through the SDK's tensors, dtype by dtype (dtypes.onnx: make_dtypes_model.py). */
class OnnxTensorsTest {
  private static final long[] THREE = {3};

  private static OnnxSession dtypes() throws Exception {
    try (InputStream in = OnnxTensorsTest.class.getResourceAsStream("dtypes.onnx")) {
      return OnnxSession.load(in.readAllBytes());
    }
  }

  @Test
  void float32Int32AndBoolTensorsGoInAndComeOutValueForValue() throws Exception {
    try (OnnxSession session = dtypes()) {
      List<Tensor> out = session.runTensors(List.of(Tensor.ofFloats("x", THREE, 1.5f, -2f, Float.NaN),
          Tensor.ofInts("i", THREE, 7, -8, Integer.MAX_VALUE), Tensor.ofBooleans("b", THREE, true, false, true)));
      assertEquals(List.of("doubled", "same", "negated"), out.stream().map(Tensor::name).toList());
      assertArrayEquals(new float[] {3f, -4f, Float.NaN}, out.get(0).asFloats());
      assertArrayEquals(new int[] {7, -8, Integer.MAX_VALUE}, out.get(1).asInts());
      assertArrayEquals(new boolean[] {false, true, false}, out.get(2).asBooleans());
      assertArrayEquals(THREE, out.get(2).shape());
    }
  }

  @Test
  void int64TensorsRunTheTinyClassifier() {
    try (OnnxSession session = OnnxSession.load(TinyModel.BYTE_PAIR_SENTIMENT.bytes())) {
      long[] shape = {1, 2};
      Tensor logits = session.runTensors(List.of(Tensor.ofLongs("input_ids", shape, 104, 105),
          Tensor.ofLongs("attention_mask", shape, 1, 1))).get(0);
      assertArrayEquals(InferenceAnswers.classifierLogits("hi"), logits.asFloats());
    }
  }

  @Test
  void inputsTheModelDoesNotTakeAreEachNamed() throws Exception {
    try (OnnxSession session = dtypes()) {
      AivmValidationException e = assertThrows(AivmValidationException.class, () -> session.runTensors(List.of(
          Tensor.ofLongs("x", THREE, 1, 2, 3), Tensor.ofStrings("i", THREE, List.of("a", "b", "c")),
          Tensor.ofFloats("z", THREE, 1, 2, 3))));
      assertEquals(
          List.of("input.tensors[0].dtype", "input.tensors[1].dtype", "input.tensors[2].name", "input.tensors"),
          e.problems().stream().map(Problem::path).toList());
      assertEquals(List.of("dtype", "dtype", "input", "required"), e.problems().stream().map(Problem::rule).toList());
    }
  }
}
