package ai.nesa.aivm.benchmarks.inference;

import ai.nesa.aivm.sdk.internal.inference.DeploymentJson;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import okio.Buffer;

/**
 * The SDK's decoding of one stream event, done as {@code SseInferenceStream} does it (a JSON reader
 * over a buffer of the event's data, then {@code DeploymentJson}), for the information row that
 * separates the decoding's cost from the hand-over to the consumer thread.
 */
final class SdkDecoding {
  private SdkDecoding() {}

  static Object decode(String type, String data) {
    try (JsonReader r = JsonReader.of(new Buffer().writeUtf8(data))) {
      return switch (type) {
        case "ack" -> DeploymentJson.readAck(r);
        case "chunk" -> DeploymentJson.readChunk(r);
        case "done" -> DeploymentJson.readResult(r);
        default -> null;
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
