package ai.nesa.aivm.devnet.internal;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One ONNX model loaded into ONNX Runtime, run on the CPU with int64 inputs and float32 outputs,
 * the tensor types of the SDK's presets. Thread-safe: ONNX Runtime allows concurrent runs of one
 * session.
 */
public final class OnnxSession implements AutoCloseable {
  private static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();

  private final OrtSession session;

  private OnnxSession(OrtSession session) {
    this.session = session;
  }

  /**
   * Loads the model in {@code onnx} with one intra-op thread and deterministic settings (no
   * parallel execution across operators).
   *
   * @throws OnnxRunException when ONNX Runtime cannot load it, with its message
   */
  public static OnnxSession load(byte[] onnx) {
    Objects.requireNonNull(onnx, "onnx");
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      return new OnnxSession(ENVIRONMENT.createSession(onnx, options));
    } catch (OrtException e) {
      throw new OnnxRunException("ONNX Runtime could not load the model: " + e.getMessage(), e);
    }
  }

  /** The names of the model's inputs. */
  public Set<String> inputNames() {
    return session.getInputNames();
  }

  /** The names of the model's outputs. */
  public Set<String> outputNames() {
    return session.getOutputNames();
  }

  /**
   * Runs the model on int64 inputs, each given as its shape and its values in row-major order, and
   * returns every float32 output the same way.
   *
   * @throws OnnxRunException when an input is missing or of the wrong shape, an output is not
   *     float32, or ONNX Runtime fails; the message names the tensor
   */
  public Map<String, FloatTensor> run(Map<String, LongTensor> inputs) {
    Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, LongTensor> e : inputs.entrySet()) {
        tensors.put(e.getKey(), OnnxTensor.createTensor(ENVIRONMENT, LongBuffer.wrap(e.getValue().data()),
            e.getValue().shape()));
      }
      try (OrtSession.Result result = session.run(tensors)) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, OnnxValue> e : result) {
          if (!(e.getValue() instanceof OnnxTensor t) || t.getInfo().type != OnnxJavaType.FLOAT) {
            throw new OnnxRunException("the output '" + e.getKey() + "' is not a float32 tensor");
          }
          TensorInfo info = t.getInfo();
          FloatBuffer buffer = t.getFloatBuffer();
          float[] data = new float[buffer.remaining()];
          buffer.get(data);
          out.put(e.getKey(), new FloatTensor(info.getShape(), data));
        }
        return out;
      }
    } catch (OrtException e) {
      throw new OnnxRunException("ONNX Runtime failed to run the model: " + e.getMessage(), e);
    } finally {
      tensors.values().forEach(OnnxTensor::close);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new OnnxRunException("ONNX Runtime failed to close a session: " + e.getMessage(), e);
    }
  }

  /** An int64 tensor: its shape and its values in row-major order. */
  public record LongTensor(long[] shape, long[] data) {
    /** @throws IllegalArgumentException when the shape does not hold exactly {@code data.length} values */
    public LongTensor {
      Objects.requireNonNull(shape, "shape");
      Objects.requireNonNull(data, "data");
      long n = 1;
      for (long d : shape) {
        if (d < 0) {
          throw new IllegalArgumentException("a dimension is not negative: " + Arrays.toString(shape));
        }
        n = Math.multiplyExact(n, d);
      }
      if (n != data.length) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
            + " values, not " + data.length);
      }
    }
  }

  /** A float32 tensor: its shape and its values in row-major order. */
  public record FloatTensor(long[] shape, float[] data) {
    public FloatTensor {
      Objects.requireNonNull(shape, "shape");
      Objects.requireNonNull(data, "data");
    }
  }
}
