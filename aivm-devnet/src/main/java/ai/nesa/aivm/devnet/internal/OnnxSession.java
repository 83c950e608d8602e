package ai.nesa.aivm.devnet.internal;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.sdk.inference.Tensor;
import ai.nesa.aivm.sdk.kernels.DType;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One ONNX model loaded into ONNX Runtime, run on the CPU: with int64 inputs and float32 outputs
 * (the tensor types of the SDK's presets, {@link #run(Map)}), or with the SDK's {@link Tensor}s of
 * the dtypes in {@link #SUPPORTED} ({@link #runTensors(List)}). Thread-safe: ONNX Runtime allows
 * concurrent runs of one session.
 */
public final class OnnxSession implements AutoCloseable {
  private static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();
  /** The tensor dtypes {@link #runTensors} takes and gives, and ONNX Runtime's types for them. */
  public static final Map<DType, OnnxJavaType> SUPPORTED = supported();

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

  /**
   * Runs the model on {@code inputs}, matched to the model's inputs by name, and returns every
   * output in the model's order. Tensors travel as their raw little-endian bytes, so values are
   * passed bit for bit.
   *
   * @throws AivmValidationException naming {@code input.tensors[i]} when an input is not one of
   *     the model's, is not of the dtype the model declares, is of a dtype this runtime does not
   *     take, or when one of the model's inputs is missing
   * @throws OnnxRunException when ONNX Runtime fails (a shape it refuses, say) or an output is of
   *     a dtype outside {@link #SUPPORTED}
   */
  public List<Tensor> runTensors(List<Tensor> inputs) {
    Map<String, NodeInfo> declared;
    try {
      declared = session.getInputInfo();
    } catch (OrtException e) {
      throw new OnnxRunException("ONNX Runtime could not list the model's inputs: " + e.getMessage(), e);
    }
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      Tensor t = inputs.get(i);
      String path = "input.tensors[" + i + "]";
      NodeInfo info = declared.get(t.name());
      OnnxJavaType type = SUPPORTED.get(t.dtype());
      if (info == null) {
        problems.add(Problem.of(path + ".name", "input", t.name(), "the model has no input '" + t.name()
            + "'; its inputs are " + declared.keySet()));
      } else if (type == null) {
        problems.add(Problem.of(path + ".dtype", "dtype", t.dtype().wireName(), "the devnet runs tensors of "
            + SUPPORTED.keySet().stream().map(DType::wireName).toList() + ", not " + t.dtype().wireName()));
      } else if (info.getInfo() instanceof TensorInfo ti && ti.type != type) {
        problems.add(Problem.of(path + ".dtype", "dtype", t.dtype().wireName(), "the model's input '" + t.name()
            + "' is " + ti.type + ", not " + t.dtype().wireName()));
      }
    }
    for (String name : declared.keySet()) {
      if (inputs.stream().noneMatch(t -> t.name().equals(name))) {
        problems.add(Problem.of("input.tensors", "required", name, "the model's input '" + name + "' is missing"));
      }
    }
    if (!problems.isEmpty()) {
      throw new AivmValidationException(problems);
    }
    Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
    try {
      for (Tensor t : inputs) {
        tensors.put(t.name(), onnxTensor(t));
      }
      try (OrtSession.Result result = session.run(tensors)) {
        List<Tensor> out = new ArrayList<>();
        for (Map.Entry<String, OnnxValue> e : result) {
          out.add(tensor(e.getKey(), e.getValue()));
        }
        return out;
      }
    } catch (OrtException e) {
      throw new OnnxRunException("ONNX Runtime failed to run the model: " + e.getMessage(), e);
    } finally {
      tensors.values().forEach(OnnxTensor::close);
    }
  }

  private static Tensor tensor(String name, OnnxValue value) {
    if (!(value instanceof OnnxTensor t)) {
      throw new OnnxRunException("the output '" + name + "' is not a tensor");
    }
    DType dtype = SUPPORTED.entrySet().stream().filter(e -> e.getValue() == t.getInfo().type).map(Map.Entry::getKey)
        .findFirst().orElseThrow(() -> new OnnxRunException("the output '" + name + "' is " + t.getInfo().type
            + ", which the devnet does not give"));
    long[] shape = t.getInfo().getShape();
    int n = (int) t.getInfo().getNumElements();
    ByteBuffer raw = ByteBuffer.allocate(n * Tensor.elementSize(dtype)).order(ByteOrder.LITTLE_ENDIAN);
    switch (dtype) {
      case FLOAT32 -> raw.asFloatBuffer().put(t.getFloatBuffer());
      case INT64 -> raw.asLongBuffer().put(t.getLongBuffer());
      case INT32 -> raw.asIntBuffer().put(t.getIntBuffer());
      case FLOAT16 -> raw.asShortBuffer().put(t.getShortBuffer());
      default -> raw.put(t.getByteBuffer());
    }
    return Tensor.ofRaw(name, dtype, shape, raw.array());
  }

  /** An ONNX Runtime tensor holding {@code t}'s values, from its little-endian bytes. */
  private static OnnxTensor onnxTensor(Tensor t) throws OrtException {
    ByteBuffer raw = ByteBuffer.wrap(t.rawBytes()).order(ByteOrder.LITTLE_ENDIAN);
    return switch (t.dtype()) {
      case FLOAT32 -> OnnxTensor.createTensor(ENVIRONMENT, raw.asFloatBuffer(), t.shape());
      case INT64 -> OnnxTensor.createTensor(ENVIRONMENT, raw.asLongBuffer(), t.shape());
      case INT32 -> OnnxTensor.createTensor(ENVIRONMENT, raw.asIntBuffer(), t.shape());
      case FLOAT16 -> OnnxTensor.createTensor(ENVIRONMENT, raw.asShortBuffer(), t.shape(), OnnxJavaType.FLOAT16);
      default -> OnnxTensor.createTensor(ENVIRONMENT, raw, t.shape(), SUPPORTED.get(t.dtype()));
    };
  }

  private static Map<DType, OnnxJavaType> supported() {
    Map<DType, OnnxJavaType> m = new EnumMap<>(DType.class);
    m.put(DType.FLOAT32, OnnxJavaType.FLOAT);
    m.put(DType.FLOAT16, OnnxJavaType.FLOAT16);
    m.put(DType.INT64, OnnxJavaType.INT64);
    m.put(DType.INT32, OnnxJavaType.INT32);
    m.put(DType.INT8, OnnxJavaType.INT8);
    m.put(DType.UINT8, OnnxJavaType.UINT8);
    m.put(DType.BOOL, OnnxJavaType.BOOL);
    return Collections.unmodifiableMap(m);
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
