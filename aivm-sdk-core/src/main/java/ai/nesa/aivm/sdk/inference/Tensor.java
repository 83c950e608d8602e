package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.sdk.kernels.DType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A named tensor: element type, shape and values in row-major order. Immutable.
 *
 * <p>Numeric and boolean values are held as their raw little-endian bytes (a boolean is one byte,
 * 0 or 1), the form they travel in and are hashed in, so a value is exactly what the model gave:
 * NaN, infinities and {@code -0.0} included. {@code string} tensors hold strings.
 *
 * <pre>{@code
 * Tensor ids = Tensor.ofLongs("input_ids", new long[] {1, 3}, 104, 105, 33);
 * float[] logits = result.output().tensor("logits").asFloats();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Tensor {
  /** The most elements a tensor may have: what one Java array holds. */
  public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  private final String name;
  private final DType dtype;
  private final long[] shape;
  private final byte[] data;
  private final List<String> strings;

  private Tensor(String name, DType dtype, long[] shape, byte[] data, List<String> strings) {
    this.name = name;
    this.dtype = dtype;
    this.shape = shape;
    this.data = data;
    this.strings = strings;
  }

  /** A float32 tensor. */
  public static Tensor ofFloats(String name, long[] shape, float... values) {
    ByteBuffer b = buffer(values.length * 4L);
    b.asFloatBuffer().put(values);
    return checked(name, DType.FLOAT32, shape, values.length, b.array());
  }

  /** An int64 tensor. */
  public static Tensor ofLongs(String name, long[] shape, long... values) {
    ByteBuffer b = buffer(values.length * 8L);
    b.asLongBuffer().put(values);
    return checked(name, DType.INT64, shape, values.length, b.array());
  }

  /** An int32 tensor. */
  public static Tensor ofInts(String name, long[] shape, int... values) {
    ByteBuffer b = buffer(values.length * 4L);
    b.asIntBuffer().put(values);
    return checked(name, DType.INT32, shape, values.length, b.array());
  }

  /** A bool tensor. */
  public static Tensor ofBooleans(String name, long[] shape, boolean... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) (values[i] ? 1 : 0);
    }
    return checked(name, DType.BOOL, shape, values.length, bytes);
  }

  /** A string tensor. */
  public static Tensor ofStrings(String name, long[] shape, List<String> values) {
    List<String> copy = List.copyOf(values);
    Tensor t = checked(name, DType.STRING, shape, copy.size(), null);
    return new Tensor(t.name, DType.STRING, t.shape, null, copy);
  }

  /**
   * A tensor of any element type but {@code string}, from its raw little-endian bytes.
   *
   * @throws AivmValidationException when the bytes are not a whole number of elements of the
   *     shape's count, or a bool byte is neither 0 nor 1
   */
  public static Tensor ofRaw(String name, DType dtype, long[] shape, byte[] littleEndian) {
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(littleEndian, "littleEndian");
    if (dtype == DType.STRING) {
      throw AivmValidationException.of(path(name, "dtype"), "raw", "string",
          "a string tensor has no raw bytes: use Tensor.ofStrings");
    }
    int size = elementSize(dtype);
    if (littleEndian.length % size != 0) {
      throw AivmValidationException.of(path(name, "data"), "length", littleEndian.length,
          littleEndian.length + " bytes are not a whole number of " + dtype.wireName() + " elements (" + size + " bytes each)");
    }
    if (dtype == DType.BOOL) {
      for (int i = 0; i < littleEndian.length; i++) {
        if ((littleEndian[i] & 0xff) > 1) {
          throw AivmValidationException.of(path(name, "data[" + i + "]"), "bool", littleEndian[i] & 0xff,
              "a bool element is the byte 0 or 1");
        }
      }
    }
    return checked(name, dtype, shape, littleEndian.length / size, littleEndian.clone());
  }

  /** The bytes one element of {@code dtype} takes; 0 for {@code string}. */
  public static int elementSize(DType dtype) {
    return switch (dtype) {
      case FLOAT32, INT32 -> 4;
      case INT64 -> 8;
      case FLOAT16 -> 2;
      case INT8, UINT8, BOOL -> 1;
      case STRING -> 0;
    };
  }

  public String name() {
    return name;
  }

  public DType dtype() {
    return dtype;
  }

  public long[] shape() {
    return shape.clone();
  }

  /** The number of elements: the product of the shape (1 for a scalar). */
  public int size() {
    return strings != null ? strings.size() : data.length / elementSize(dtype);
  }

  /** The values' raw little-endian bytes. */
  public byte[] rawBytes() {
    requireNumeric();
    return data.clone();
  }

  /** The values of a float32 tensor. */
  public float[] asFloats() {
    require(DType.FLOAT32);
    float[] out = new float[size()];
    ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  /** The values of an int64 tensor. */
  public long[] asLongs() {
    require(DType.INT64);
    long[] out = new long[size()];
    ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
    return out;
  }

  /** The values of an int32 tensor. */
  public int[] asInts() {
    require(DType.INT32);
    int[] out = new int[size()];
    ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
    return out;
  }

  /** The values of a bool tensor. */
  public boolean[] asBooleans() {
    require(DType.BOOL);
    boolean[] out = new boolean[data.length];
    for (int i = 0; i < data.length; i++) {
      out[i] = data[i] != 0;
    }
    return out;
  }

  /** The values of a string tensor. */
  public List<String> asStrings() {
    require(DType.STRING);
    return strings;
  }

  /**
   * The index of the largest value of the last row of a float32 tensor: a classifier's predicted
   * class, or a language model's next token. A NaN is never the largest.
   */
  public int argmaxOfLastRow() {
    float[] v = asFloats();
    int width = shape.length == 0 ? 1 : (int) shape[shape.length - 1];
    if (width == 0) {
      throw new IllegalStateException("tensor " + name + " has rows of no elements");
    }
    int start = v.length - width;
    int best = start;
    for (int i = start + 1; i < v.length; i++) {
      if (v[i] > v[best] || Float.isNaN(v[best])) {
        best = i;
      }
    }
    return best - start;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape)
        && Arrays.equals(data, t.data) && Objects.equals(strings, t.strings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, dtype, Arrays.hashCode(shape), Arrays.hashCode(data), strings);
  }

  /** Name, type and shape; never the values. */
  @Override
  public String toString() {
    return "Tensor[" + name + " " + dtype.wireName() + Arrays.toString(shape) + "]";
  }

  // ---------------------------------------------------------------- checks

  private void require(DType wanted) {
    if (dtype != wanted) {
      throw new IllegalStateException("tensor " + name + " is " + dtype.wireName() + ", not " + wanted.wireName());
    }
  }

  private void requireNumeric() {
    if (dtype == DType.STRING) {
      throw new IllegalStateException("tensor " + name + " is a string tensor: use asStrings()");
    }
  }

  private static ByteBuffer buffer(long bytes) {
    if (bytes > MAX_ELEMENTS) {
      throw AivmValidationException.of("tensor.data", "size", bytes, "a tensor is at most " + MAX_ELEMENTS + " bytes");
    }
    return ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static Tensor checked(String name, DType dtype, long[] shape, long count, byte[] data) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(shape, "shape");
    if (name.isEmpty() || name.length() > 128) {
      throw AivmValidationException.of("tensor.name", "length", name, "a tensor's name is 1 to 128 characters");
    }
    long product = 1;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0) {
        throw AivmValidationException.of(path(name, "shape[" + i + "]"), "minimum", shape[i],
            "a dimension is 0 or more, was " + shape[i]);
      }
      product = shape[i] == 0 || product == 0 ? 0 : Math.multiplyExact(product, shape[i]);
    }
    if (product != count) {
      throw AivmValidationException.of(path(name, "shape"), "size", Arrays.toString(shape),
          "shape " + Arrays.toString(shape) + " holds " + product + " elements but " + count + " were given");
    }
    return new Tensor(name, dtype, shape.clone(), data, null);
  }

  private static String path(String name, String part) {
    return "tensor[" + name + "]." + part;
  }
}
