package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.devnet.internal.AcceptHeader;
import org.junit.jupiter.api.Test;

/** When an inference answers with its event stream: when Accept prefers it to JSON. */
class AcceptHeaderTest {
  @Test
  void theEventStreamIsChosenWhenPreferredOrTied() {
    assertTrue(AcceptHeader.prefersEventStream("text/event-stream"));
    assertTrue(AcceptHeader.prefersEventStream("text/event-stream, */*"));
    assertTrue(AcceptHeader.prefersEventStream("application/json;q=0.5, Text/Event-Stream"));
  }

  @Test
  void jsonIsChosenOtherwise() {
    assertFalse(AcceptHeader.prefersEventStream(null));
    assertFalse(AcceptHeader.prefersEventStream("*/*"));
    assertFalse(AcceptHeader.prefersEventStream("application/json, text/event-stream;q=0.5"));
    assertFalse(AcceptHeader.prefersEventStream("text/event-stream;q=0"));
  }
}
