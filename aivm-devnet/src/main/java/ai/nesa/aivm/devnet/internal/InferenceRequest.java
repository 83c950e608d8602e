package ai.nesa.aivm.devnet.internal;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.inference.TensorInput;
import ai.nesa.aivm.sdk.inference.TextInput;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.BufferedSource;

/**
 * An {@code InferenceRequest} read from its body: the input (read by the SDK's own {@link
 * InferenceInput#fromJson}, from the body's text unchanged), {@code stream} and {@code
 * receiptsRequired}. Unknown fields are problems, as in a deployment request.
 *
 * @param input the input
 * @param stream whether the body asks for the event stream
 * @param receiptsRequired the override of the deployment's setting, null for none
 */
public record InferenceRequest(InferenceInput input, boolean stream, Boolean receiptsRequired) {
  /** The request in {@code body}, or null with every problem in {@code fields}. */
  public static InferenceRequest read(byte[] body, JsonFields fields) {
    String input = null;
    boolean stream = false;
    Boolean receipts = null;
    try (JsonReader r = JsonReader.of(new Buffer().write(body))) {
      if (r.peek() != JsonReader.Token.BEGIN_OBJECT) {
        fields.problem("$", "type", "the body is not a JSON object");
        return null;
      }
      r.beginObject();
      while (r.hasNext()) {
        String name = r.nextName();
        switch (name) {
          case "input" -> {
            if (r.peek() != JsonReader.Token.BEGIN_OBJECT) {
              fields.problem("$.input", "type", "an InferenceInput object");
              r.skipValue();
            } else {
              try (BufferedSource source = r.nextSource()) {
                input = source.readUtf8();
              }
            }
          }
          case "stream" -> stream = bool(r, "$.stream", fields);
          case "receiptsRequired" -> receipts = bool(r, "$.receiptsRequired", fields);
          default -> {
            fields.problem("$." + name, "unknown", "not a field of InferenceRequest: input, stream, receiptsRequired");
            r.skipValue();
          }
        }
      }
      r.endObject();
      if (r.peek() != JsonReader.Token.END_DOCUMENT) {
        fields.problem("$", "json", "text after the request object");
      }
    } catch (JsonDataException | JsonEncodingException e) {
      fields.problem("$", "json", "the body is not JSON: " + e.getMessage());
      return null;
    } catch (IOException e) {
      fields.problem("$", "json", "the body could not be read: " + e.getMessage());
      return null;
    }
    if (input == null && fields.problems().stream().noneMatch(p -> "$.input".equals(p.get("path")))) {
      fields.problem("$.input", "required", "the input to run, of type text or tensor");
    }
    InferenceInput parsed = null;
    if (input != null) {
      try {
        parsed = InferenceInput.fromJson(input);
      } catch (AivmValidationException e) {
        fields.problems().addAll(InferenceRunner.inputProblems(e));
      }
    }
    return fields.problems().isEmpty() ? new InferenceRequest(parsed, stream, receipts) : null;
  }

  /** The units the input holds: a text's UTF-8 bytes, a tensor input's elements. */
  public long unitsIn() {
    if (input instanceof TextInput t) {
      return t.text().getBytes(StandardCharsets.UTF_8).length;
    }
    return ((TensorInput) input).tensors().stream().mapToLong(x -> x.size()).sum();
  }

  private static boolean bool(JsonReader r, String path, JsonFields fields) throws IOException {
    if (r.peek() == JsonReader.Token.BOOLEAN) {
      return r.nextBoolean();
    }
    fields.problem(path, "type", "a boolean");
    r.skipValue();
    return false;
  }
}
