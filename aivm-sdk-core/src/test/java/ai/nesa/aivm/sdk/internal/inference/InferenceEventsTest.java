package ai.nesa.aivm.sdk.internal.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.nesa.aivm.sdk.inference.InferenceEvent;
import ai.nesa.aivm.sdk.internal.http.EventStreamReader;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** The event-stream parsing rules of the WHATWG HTML standard, and the chunk fast path against the codec. */
class InferenceEventsTest {

  private static List<EventStreamReader.Event> events(String stream) throws IOException {
    EventStreamReader reader = new EventStreamReader(new Buffer().writeUtf8(stream));
    List<EventStreamReader.Event> out = new ArrayList<>();
    for (EventStreamReader.Event e = reader.next(); e != null; e = reader.next()) {
      out.add(e);
    }
    return out;
  }

  @Test
  void eventsAreReadAsTheStandardSays() throws IOException {
    assertEquals(List.of(
        new EventStreamReader.Event("ack", "{}"),
        new EventStreamReader.Event("message", "a\nb", "7"),
        new EventStreamReader.Event("chunk", " spaced"),
        new EventStreamReader.Event("done", ""),
        new EventStreamReader.Event("x", "crlf")),
        events(": keep-alive\n\n"
            + "event: ack\ndata: {}\n\n"
            + "data:a\ndata: b\nid: 7\nretry: 100\nunknown: field\n\n"
            + "event:chunk\ndata:  spaced\n\n"
            + "event: ignored-without-data\n\n"
            + "event: done\ndata\n\n"
            + "event: x\r\ndata: crlf\r\n\r\n"
            + "event: cut\ndata: never dispatched"));
  }

  @Test
  void anEmptyStreamHasNoEvents() throws IOException {
    assertNull(new EventStreamReader(new Buffer()).next());
  }

  @Test
  void anIdIsTheBlocksOwnAndUnknownFieldsAreToldWhileRetryAndCommentsAreNot() throws IOException {
    List<String> unknown = new ArrayList<>();
    EventStreamReader reader = new EventStreamReader(new Buffer().writeUtf8(
        "id: a-1\nevent: x\ndata: 1\n\n"
        + "data: 2\n\n"
        + "id\ndata: 3\n\n"
        + "id: with\u0000nul\ndata: 4\n\n"
        + "retry: 10\n: comment\nbogus line\nweird: field\ndata: 5\n\n"), unknown::add);
    assertEquals(new EventStreamReader.Event("x", "1", "a-1"), reader.next());
    assertEquals(new EventStreamReader.Event("message", "2", null), reader.next());
    assertEquals(new EventStreamReader.Event("message", "3", ""), reader.next());
    assertEquals(new EventStreamReader.Event("message", "4", null), reader.next());
    assertEquals(new EventStreamReader.Event("message", "5", null), reader.next());
    assertNull(reader.next());
    assertEquals(List.of("bogus line", "weird: field"), unknown);
  }

  @Test
  void theChunkFastPathAgreesWithTheCodecOrStepsAside() throws IOException {
    List<String> samples = new ArrayList<>(List.of(
        "{\"index\":0,\"text\":\"tok\"}",
        "{\"index\":42,\"text\":\"\"}",
        "{\"index\":7,\"text\":\"héllo 🌍\"}",
        "{\"index\":7,\"text\":\"a\\\"b\"}",
        "{\"index\":7,\"text\":\"a\\nb\"}",
        "{\"text\":\"tok\",\"index\":3}",
        "{\"index\": 3,\"text\":\"tok\"}",
        "{\"index\":3,\"text\":\"tok\",\"extra\":1}",
        "{\"index\":123456789012345678,\"text\":\"big\"}",
        "{\"index\":3}"));
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      StringBuilder text = new StringBuilder();
      for (int k = random.nextInt(6); k > 0; k--) {
        text.append((char) (0x20 + random.nextInt(0x5f)));
      }
      String escaped = text.toString().replace("\\", "\\\\").replace("\"", "\\\"");
      samples.add("{\"index\":" + random.nextInt(100_000) + ",\"text\":\"" + escaped + "\"}");
    }
    int fast = 0;
    for (String data : samples) {
      InferenceEvent.Chunk general = DeploymentJson.readChunk(JsonReader.of(new Buffer().writeUtf8(data)));
      InferenceEvent.Chunk quick = ChunkFastPath.read(data);
      if (quick != null) {
        fast++;
        assertEquals(general.index(), quick.index(), data);
        assertEquals(general.text(), quick.text(), data);
      }
    }
    assertEquals(null, ChunkFastPath.read("{\"index\":01,\"text\":\"x\"}"));
    assertEquals(null, ChunkFastPath.read("{\"index\":-1,\"text\":\"x\"}"));
    assertEquals(true, fast > 150, "the common form takes the fast path: " + fast);
  }
}
