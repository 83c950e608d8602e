package ai.nesa.aivm.benchmarks.inference;

import ai.nesa.aivm.devnet.TinyModel;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * The classifier in ONNX Runtime in this process, loaded as a devnet node loads it (one intra-op and
 * one inter-op thread, sequential execution): the baseline with no network, JSON or receipts.
 */
final class InProcessOnnx implements AutoCloseable {
  private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
  private final OrtSession session;

  InProcessOnnx() throws OrtException {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      session = environment.createSession(TinyModel.BYTE_PAIR_SENTIMENT.bytes(), options);
    }
  }

  /**
   * One inference as a caller in this process does it: the two input tensors made from the arrays,
   * {@code session.run}, the logits copied out, everything closed.
   */
  float[] logits(long[] inputIds, long[] attentionMask) throws OrtException {
    long[] shape = {1, inputIds.length};
    try (OnnxTensor ids = OnnxTensor.createTensor(environment, LongBuffer.wrap(inputIds), shape);
        OnnxTensor mask = OnnxTensor.createTensor(environment, LongBuffer.wrap(attentionMask), shape);
        OrtSession.Result result = session.run(Map.of("input_ids", ids, "attention_mask", mask))) {
      FloatBuffer out = ((OnnxTensor) result.get("logits").orElseThrow()).getFloatBuffer();
      float[] logits = new float[out.remaining()];
      out.get(logits);
      return logits;
    }
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
