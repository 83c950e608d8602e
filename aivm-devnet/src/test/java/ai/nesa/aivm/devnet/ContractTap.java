package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.devnet.internal.GatewayTap;
import ai.nesa.aivm.sdk.contract.GatewayContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The contract test of every answer a test class's devnet gives, whoever asked (the SDK's client
 * included), and of every event of its streamed answers: each is held to the gateway document, and
 * the class fails if one breaks it.
 * {@code @ExtendWith(ContractTap.class)}.
 */
final class ContractTap implements BeforeAllCallback, AfterAllCallback {
  private final List<String> violations = new ArrayList<>();
  private int answers;
  private AutoCloseable listening;

  @Override
  public void beforeAll(ExtensionContext context) {
    listening = GatewayTap.listen(new GatewayTap.Listener() {
      @Override
      public void answered(String method, String template, int status, String body) {
        List<String> found = template == null ? GatewayContract.get().schemaViolations("ErrorResponse", body)
            : GatewayContract.get().responseViolations(method, template, status, body);
        record(method + " " + template + " " + status, found);
      }

      @Override
      public void streamed(String method, String template, String event, String data) {
        record(method + " " + template + " event " + event,
            GatewayContract.get().schemaViolations(template.equals("/v1/metrics/events") ? metricsSchema(event)
                : schema(event), data));
      }
    });
  }

  /** The document's schema of a stream event's data. */
  static String schema(String event) {
    return switch (event) {
      case "ack" -> "InferenceAck";
      case "chunk" -> "InferenceChunk";
      case "done" -> "InferenceDone";
      case "error" -> "ErrorResponse";
      default -> throw new AssertionError("the document has no event '" + event + "'");
    };
  }

  /** The document's schema of a metrics stream event's data: a {@code MetricsGap} or a {@code MetricsEvent}. */
  static String metricsSchema(String event) {
    return event.equals("gap") ? "MetricsGap" : "MetricsEvent";
  }

  private synchronized void record(String what, List<String> found) {
    answers++;
    found.forEach(v -> violations.add(what + ": " + v));
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    listening.close();
    synchronized (this) {
      assertTrue(answers > 0, "the devnet gave no answer to check");
      assertEquals(List.of(), violations, answers + " answers checked");
    }
  }
}
