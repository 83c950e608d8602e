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
 * included): each is held to the gateway document, and the class fails if one breaks it.
 * {@code @ExtendWith(ContractTap.class)}.
 */
final class ContractTap implements BeforeAllCallback, AfterAllCallback {
  private final List<String> violations = new ArrayList<>();
  private int answers;
  private AutoCloseable listening;

  @Override
  public void beforeAll(ExtensionContext context) {
    listening = GatewayTap.listen((method, template, status, body) -> {
      List<String> found = template == null ? GatewayContract.get().schemaViolations("ErrorResponse", body)
          : GatewayContract.get().responseViolations(method, template, status, body);
      synchronized (this) {
        answers++;
        found.forEach(v -> violations.add(method + " " + template + " " + status + ": " + v));
      }
    });
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
