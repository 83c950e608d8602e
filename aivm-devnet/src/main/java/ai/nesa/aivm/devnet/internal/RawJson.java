package ai.nesa.aivm.devnet.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.Objects;
import okio.BufferedSink;

/**
 * JSON text written into an answer as it is, such as an SDK output's canonical JSON: Moshi would
 * turn its integers into doubles ({@code 2} into {@code 2.0}) if it were parsed and written again.
 *
 * @param json one JSON value, trusted to be well formed
 */
public record RawJson(String json) {
  /** Writes {@link RawJson} values unchanged. */
  public static final JsonAdapter.Factory ADAPTER = (type, annotations, moshi) ->
      type == RawJson.class && annotations.isEmpty() ? new Adapter() : null;

  public RawJson {
    Objects.requireNonNull(json, "json");
  }

  /** A Moshi with {@link #ADAPTER}. */
  public static Moshi moshi() {
    return new Moshi.Builder().add(ADAPTER).build();
  }

  private static final class Adapter extends JsonAdapter<RawJson> {
    @Override
    public RawJson fromJson(JsonReader reader) {
      throw new UnsupportedOperationException("RawJson is written, never read");
    }

    @Override
    public void toJson(JsonWriter writer, RawJson value) throws IOException {
      if (value == null) {
        writer.nullValue();
        return;
      }
      try (BufferedSink sink = writer.valueSink()) {
        sink.writeUtf8(value.json());
      }
    }
  }
}
