package ai.nesa.aivm.sdk.internal.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.sdk.inference.Deployment;
import ai.nesa.aivm.sdk.inference.DeploymentStatus;
import ai.nesa.aivm.sdk.inference.InferenceState;
import ai.nesa.aivm.sdk.inference.InferenceStatus;
import ai.nesa.aivm.sdk.kernels.Consensus;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** What a newer or a broken gateway may send about deployments and inferences. */
class DeploymentJsonTest {

  private static JsonReader reader(String json) {
    return JsonReader.of(new Buffer().writeUtf8(json));
  }

  @Test
  void aNewerGatewaysFieldsAndStatusesAreTolerated() throws IOException {
    Deployment d = DeploymentJson.readDeployment(reader("{\"id\":\"dep-9\",\"model\":\"acme/x\",\"version\":\"1.0.0\","
        + "\"status\":\"migrating\",\"nodes\":[],\"consensus\":{\"policy\":\"k_of_n\",\"k\":2,\"n\":3,\"quorum\":1},"
        + "\"timeouts\":{\"totalMs\":5000,\"queueMs\":9},\"pricing\":{\"lockAmount\":\"10.5\"},"
        + "\"createdAt\":\"2026-11-25T12:00:00Z\",\"region\":\"eu\",\"readyAt\":null}"));
    assertEquals(DeploymentStatus.UNKNOWN, d.status());
    assertEquals(Consensus.kOfN(2, 3), d.consensus());
    assertEquals(Duration.ofSeconds(5), d.totalTimeout().orElseThrow());
    assertEquals(new BigDecimal("10.5"), d.lockAmount().orElseThrow());
    assertTrue(d.readyAt().isEmpty());
    assertTrue(d.receiptsRequired(), "receipts are required unless the deployment says otherwise");

    InferenceState s = DeploymentJson.readState(reader("{\"id\":\"inf-1\",\"deployment\":\"dep-9\",\"model\":\"acme/x\","
        + "\"version\":\"1.0.0\",\"status\":\"paused\",\"startedAt\":\"2026-11-25T12:00:00Z\"}"));
    assertEquals(InferenceStatus.UNKNOWN, s.status());
  }

  @Test
  void aBrokenDeploymentNamesTheFieldThatIsWrong() {
    JsonDataException missing = assertThrows(JsonDataException.class, () -> DeploymentJson.readDeployment(reader(
        "{\"id\":\"dep-9\",\"model\":\"acme/x\",\"version\":\"1.0.0\",\"status\":\"ready\",\"nodes\":[],"
            + "\"consensus\":{\"policy\":\"none\"}}")));
    assertTrue(missing.getMessage().contains("createdAt"), missing.getMessage());
    JsonDataException amount = assertThrows(JsonDataException.class, () -> DeploymentJson.readDeployment(reader(
        "{\"id\":\"dep-9\",\"pricing\":{\"lockAmount\":\"1e9\"}}")));
    assertTrue(amount.getMessage().contains("$.pricing.lockAmount"), amount.getMessage());
  }
}
