package ai.nesa.aivm.sdk.internal.http;

import com.squareup.moshi.JsonReader;
import java.io.IOException;

/** Turns a successful JSON answer into a value. */
@FunctionalInterface
public interface ResponseDecoder<T> {
  T decode(JsonReader reader) throws IOException;
}
