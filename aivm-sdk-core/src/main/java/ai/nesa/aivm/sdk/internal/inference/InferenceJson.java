package ai.nesa.aivm.sdk.internal.inference;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Keccak256;
import ai.nesa.aivm.crypto.Signature;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.inference.InferenceOutput;
import ai.nesa.aivm.sdk.inference.Receipt;
import ai.nesa.aivm.sdk.inference.Tensor;
import ai.nesa.aivm.sdk.inference.TensorInput;
import ai.nesa.aivm.sdk.inference.TensorOutput;
import ai.nesa.aivm.sdk.inference.TextInput;
import ai.nesa.aivm.sdk.inference.TextOutput;
import ai.nesa.aivm.sdk.internal.json.JsonCodec;
import ai.nesa.aivm.sdk.internal.kernels.bundle.CanonicalJson;
import ai.nesa.aivm.sdk.kernels.DType;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * Reads and writes the gateway document's inference inputs, outputs, tensors and receipts, and
 * computes the hashes receipts bind.
 *
 * <p>Tensor data is written as base64 of the little-endian bytes (exact, and a third of the size of
 * a number array); both forms are read. The hash form is RFC 8785 canonical JSON with every
 * non-string tensor's data in base64, so it does not depend on how a writer prints floats.
 */
public final class InferenceJson extends JsonCodec {
  private InferenceJson() {}

  // ---------------------------------------------------------------- public entry points

  public static Hash32 hash(InferenceInput input) {
    return Keccak256.hash(CanonicalJson.bytes(tree(input)));
  }

  public static Hash32 hash(InferenceOutput output) {
    return Keccak256.hash(CanonicalJson.bytes(tree(output)));
  }

  public static String toJson(InferenceInput input) {
    return CanonicalJson.text(tree(input));
  }

  public static String toJson(InferenceOutput output) {
    return CanonicalJson.text(tree(output));
  }

  public static InferenceInput inputFromJson(String json) {
    return parse(json, "input", InferenceJson::readInput);
  }

  public static InferenceOutput outputFromJson(String json) {
    return parse(json, "output", InferenceJson::readOutput);
  }

  private static <T> T parse(String json, String what, ItemReader<T> reader) {
    try (JsonReader r = JsonReader.of(new Buffer().writeUtf8(json))) {
      T value = reader.read(r);
      if (r.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new JsonDataException("text after the " + what + " at " + r.getPath());
      }
      return value;
    } catch (AivmValidationException e) {
      throw e;
    } catch (JsonDataException | JsonEncodingException e) {
      throw AivmValidationException.of(what, "json", null, "not a valid " + what + ": " + e.getMessage());
    } catch (IOException e) {
      throw AivmValidationException.of(what, "json", null, "unreadable " + what + ": " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------- trees (write and hash)

  /** The JSON tree of an input: maps, lists, strings, longs and doubles. */
  public static Map<String, Object> tree(InferenceInput input) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (input instanceof TextInput t) {
      m.put("type", "text");
      m.put("text", t.text());
      t.maxTokens().ifPresent(n -> m.put("maxTokens", (long) n));
      t.temperature().ifPresent(x -> m.put("temperature", x));
    } else if (input instanceof TensorInput t) {
      m.put("type", "tensor");
      m.put("tensors", tensors(t.tensors()));
    }
    return m;
  }

  public static Map<String, Object> tree(InferenceOutput output) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (output instanceof TextOutput t) {
      m.put("type", "text");
      m.put("text", t.text());
      t.finish().ifPresent(f -> m.put("finishReason", f));
    } else if (output instanceof TensorOutput t) {
      m.put("type", "tensor");
      m.put("tensors", tensors(t.tensors()));
    }
    return m;
  }

  private static List<Object> tensors(List<Tensor> tensors) {
    List<Object> out = new ArrayList<>(tensors.size());
    tensors.forEach(t -> out.add(tree(t)));
    return out;
  }

  public static Map<String, Object> tree(Tensor t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", t.name());
    m.put("dtype", t.dtype().wireName());
    List<Object> shape = new ArrayList<>();
    for (long d : t.shape()) {
      shape.add(d);
    }
    m.put("shape", shape);
    m.put("data", t.dtype() == DType.STRING ? List.copyOf(t.asStrings())
        : Base64.getEncoder().encodeToString(t.rawBytes()));
    return m;
  }

  /** Writes a JSON tree of maps, lists, strings, numbers and booleans. */
  public static void writeTree(JsonWriter w, Object value) throws IOException {
    if (value instanceof Map<?, ?> map) {
      w.beginObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        w.name((String) e.getKey());
        writeTree(w, e.getValue());
      }
      w.endObject();
    } else if (value instanceof List<?> list) {
      w.beginArray();
      for (Object o : list) {
        writeTree(w, o);
      }
      w.endArray();
    } else if (value instanceof String s) {
      w.value(s);
    } else if (value instanceof Boolean b) {
      w.value(b);
    } else if (value instanceof Number n) {
      w.value(n);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value);
    }
  }

  // ---------------------------------------------------------------- reading

  public static InferenceInput readInput(JsonReader r) throws IOException {
    Map<String, Object> fields = new LinkedHashMap<>();
    String path = r.getPath();
    String type = null;
    List<Tensor> tensors = null;
    r.beginObject();
    while (r.hasNext()) {
      String field = r.nextName();
      if (r.peek() == JsonReader.Token.NULL) {
        r.skipValue();
        continue;
      }
      try {
        switch (field) {
          case "type" -> type = r.nextString();
          case "text" -> fields.put("text", r.nextString());
          case "maxTokens" -> fields.put("maxTokens", r.nextInt());
          case "temperature" -> fields.put("temperature", r.nextDouble());
          case "tensors" -> tensors = readTensors(r);
          default -> r.skipValue();
        }
      } catch (AivmValidationException e) {
        throw e;
      } catch (RuntimeException e) {
        throw invalid(r, e);
      }
    }
    r.endObject();
    if (type == null) {
      throw AivmValidationException.of(path(path, "type"), "required", null, "an input has a type: text or tensor");
    }
    switch (type) {
      case "text" -> {
        String text = (String) fields.get("text");
        if (text == null) {
          throw AivmValidationException.of(path(path, "text"), "required", null, "a text input has a text");
        }
        try {
          TextInput input = InferenceInput.text(text);
          if (fields.get("maxTokens") instanceof Integer n) {
            input = input.maxTokens(n);
          }
          if (fields.get("temperature") instanceof Double t) {
            input = input.temperature(t);
          }
          return input;
        } catch (AivmValidationException e) {
          // The values' own rules name them from the input ("input.maxTokens"); here, from the JSON read.
          ai.nesa.aivm.Problem p = e.problems().get(0);
          throw AivmValidationException.of(path(path, p.path().replaceFirst("^input\\.", "")), p.rule(),
              p.value().orElse(null), p.message());
        }
      }
      case "tensor" -> {
        if (tensors == null) {
          throw AivmValidationException.of(path(path, "tensors"), "required", null, "a tensor input has tensors");
        }
        return InferenceInput.tensors(tensors);
      }
      default -> throw AivmValidationException.of(path(path, "type"), "enum", type, "an input's type is text or tensor");
    }
  }

  public static InferenceOutput readOutput(JsonReader r) throws IOException {
    String path = r.getPath();
    String type = null;
    String text = null;
    String finish = null;
    List<Tensor> tensors = null;
    r.beginObject();
    while (r.hasNext()) {
      String field = r.nextName();
      if (r.peek() == JsonReader.Token.NULL) {
        r.skipValue();
        continue;
      }
      try {
        switch (field) {
          case "type" -> type = r.nextString();
          case "text" -> text = r.nextString();
          case "finishReason" -> finish = r.nextString();
          case "tensors" -> tensors = readTensors(r);
          default -> r.skipValue();
        }
      } catch (AivmValidationException e) {
        throw e;
      } catch (RuntimeException e) {
        throw invalid(r, e);
      }
    }
    r.endObject();
    if ("text".equals(type) && text != null) {
      return new TextOutput(text, finish);
    }
    if ("tensor".equals(type) && tensors != null) {
      return new TensorOutput(tensors);
    }
    throw new JsonDataException("an output is {type: text, text} or {type: tensor, tensors}; got type '" + type
        + "' at " + path);
  }

  /** Reads an array of tensors, letting each tensor's problems out with their own paths. */
  private static List<Tensor> readTensors(JsonReader r) throws IOException {
    List<Tensor> out = new ArrayList<>();
    r.beginArray();
    while (r.hasNext()) {
      out.add(readTensor(r));
    }
    r.endArray();
    return out;
  }

  /** Reads a tensor; its data may be a number array or base64 of its little-endian bytes. */
  public static Tensor readTensor(JsonReader r) throws IOException {
    String path = r.getPath();
    String name = null;
    String dtypeName = null;
    List<Long> shape = null;
    Object data = null;
    r.beginObject();
    while (r.hasNext()) {
      String field = r.nextName();
      if (r.peek() == JsonReader.Token.NULL) {
        r.skipValue();
        continue;
      }
      switch (field) {
        case "name" -> name = r.nextString();
        case "dtype" -> dtypeName = r.nextString();
        case "shape" -> shape = readList(r, JsonReader::nextLong);
        case "data" -> data = r.peek() == JsonReader.Token.STRING ? r.nextString() : r.readJsonValue();
        default -> r.skipValue();
      }
    }
    r.endObject();
    if (name == null || dtypeName == null || shape == null || data == null) {
      String missing = name == null ? "name" : dtypeName == null ? "dtype" : shape == null ? "shape" : "data";
      throw AivmValidationException.of(path(path, missing), "required", null, "a tensor has a " + missing);
    }
    DType dtype = DType.fromWire(dtypeName);
    if (dtype == null) {
      throw AivmValidationException.of(path(path, "dtype"), "enum", dtypeName, "'" + dtypeName
          + "' is not an element type this SDK reads (float32, float16, int64, int32, int8, uint8, bool, string)");
    }
    long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
    try {
      if (data instanceof String base64) {
        if (dtype == DType.STRING) {
          throw AivmValidationException.of(path(path, "data"), "type", "string",
              "a string tensor's data is an array of strings");
        }
        byte[] raw;
        try {
          raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
          throw AivmValidationException.of(path(path, "data"), "base64", null, "not base64: " + e.getMessage());
        }
        return Tensor.ofRaw(name, dtype, dims, raw);
      }
      return fromArray(path, name, dtype, dims, (List<?>) data);
    } catch (AivmValidationException e) {
      throw repathed(e, path);
    } catch (ClassCastException e) {
      throw AivmValidationException.of(path(path, "data"), "type", null, "a tensor's data is an array or a base64 string");
    }
  }

  /** A tensor factory's problem ({@code tensor[name].shape}) under the tensor's JSON path. */
  private static AivmValidationException repathed(AivmValidationException e, String tensorPath) {
    List<ai.nesa.aivm.Problem> problems = new ArrayList<>();
    for (ai.nesa.aivm.Problem p : e.problems()) {
      String field = p.path().startsWith("tensor[") ? p.path().substring(p.path().indexOf("].") + 2) : null;
      problems.add(field == null ? p : ai.nesa.aivm.Problem.of(path(tensorPath, field), p.rule(),
          p.value().orElse(null), p.message()));
    }
    return new AivmValidationException(problems);
  }

  private static Tensor fromArray(String path, String name, DType dtype, long[] shape, List<?> values) {
    int n = values.size();
    try {
      switch (dtype) {
        case FLOAT32 -> {
          float[] v = new float[n];
          for (int i = 0; i < n; i++) {
            v[i] = ((Number) values.get(i)).floatValue();
          }
          return Tensor.ofFloats(name, shape, v);
        }
        case INT64 -> {
          long[] v = new long[n];
          for (int i = 0; i < n; i++) {
            v[i] = exactLong(values.get(i), path, i);
          }
          return Tensor.ofLongs(name, shape, v);
        }
        case INT32 -> {
          int[] v = new int[n];
          for (int i = 0; i < n; i++) {
            v[i] = (int) ranged(values.get(i), Integer.MIN_VALUE, Integer.MAX_VALUE, path, i);
          }
          return Tensor.ofInts(name, shape, v);
        }
        case INT8, UINT8 -> {
          byte[] v = new byte[n];
          long lo = dtype == DType.INT8 ? -128 : 0;
          for (int i = 0; i < n; i++) {
            v[i] = (byte) ranged(values.get(i), lo, lo + 255, path, i);
          }
          return Tensor.ofRaw(name, dtype, shape, v);
        }
        case BOOL -> {
          boolean[] v = new boolean[n];
          for (int i = 0; i < n; i++) {
            v[i] = (Boolean) values.get(i);
          }
          return Tensor.ofBooleans(name, shape, v);
        }
        case STRING -> {
          List<String> v = new ArrayList<>(n);
          for (Object o : values) {
            v.add((String) o);
          }
          return Tensor.ofStrings(name, shape, v);
        }
        case FLOAT16 -> throw AivmValidationException.of(path(path, "data"), "base64", null,
            "float16 data is given as base64 of its little-endian bytes");
        default -> throw new IllegalStateException(dtype.toString());
      }
    } catch (ClassCastException | NullPointerException e) {
      throw AivmValidationException.of(path(path, "data"), "type", null,
          "the elements of a " + dtype.wireName() + " tensor are " + (dtype == DType.BOOL ? "booleans"
              : dtype == DType.STRING ? "strings" : "numbers"));
    }
  }

  private static long exactLong(Object value, String path, int i) {
    double d = ((Number) value).doubleValue();
    if (d != Math.rint(d) || Math.abs(d) > 9.007199254740991E15) {
      throw AivmValidationException.of(path + ".data[" + i + "]", "integer", d,
          "an integer within ±(2^53 − 1) in an array; use base64 data for larger int64 values");
    }
    return (long) d;
  }

  private static long ranged(Object value, long lo, long hi, String path, int i) {
    long v = exactLong(value, path, i);
    if (v < lo || v > hi) {
      throw AivmValidationException.of(path + ".data[" + i + "]", "range", v, "from " + lo + " to " + hi);
    }
    return v;
  }

  public static Receipt readReceipt(JsonReader r) throws IOException {
    String path = r.getPath();
    Map<String, Object> f = readFields(r, (field, in) -> switch (field) {
      case "requestId" -> in.nextString();
      case "model" -> ModelId.of(in.nextString());
      case "version" -> Semver.of(in.nextString());
      case "manifestHash", "inputHash", "outputHash" -> Hash32.of(in.nextString());
      case "node" -> Address.of(in.nextString());
      case "timestamp" -> Instant.ofEpochMilli(in.nextLong());
      case "signature" -> Signature.fromHex(in.nextString());
      default -> SKIP;
    });
    return built(path, () -> new Receipt((String) f.get("requestId"), (ModelId) f.get("model"),
        (Semver) f.get("version"), (Hash32) f.get("manifestHash"), (Hash32) f.get("inputHash"),
        (Hash32) f.get("outputHash"), (Address) f.get("node"), (Instant) f.get("timestamp"),
        (Signature) f.get("signature")));
  }

  public static Map<String, Object> tree(Receipt receipt) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requestId", receipt.requestId());
    m.put("model", receipt.model().toString());
    m.put("version", receipt.version().text());
    m.put("manifestHash", receipt.manifestHash().hex());
    m.put("inputHash", receipt.inputHash().hex());
    m.put("outputHash", receipt.outputHash().hex());
    m.put("node", receipt.node().toString());
    m.put("timestamp", receipt.timestamp().toEpochMilli());
    m.put("signature", receipt.signature().toHex());
    return m;
  }

  private static String path(String base, String field) {
    return ("$".equals(base) || base.isEmpty() ? "" : base.replaceFirst("^\\$\\.", "") + ".") + field;
  }
}
