package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DevnetMainTest {
  @Test
  void itPrintsAUrlAClientCanUse() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (LocalAivmNetwork network = DevnetMain.start(new String[] {"nodes=2"}, new PrintStream(out, true, StandardCharsets.UTF_8))) {
      String printed = out.toString(StandardCharsets.UTF_8);
      String url = printed.lines().findFirst().orElseThrow().replace("AIVM devnet at ", "");
      assertEquals(network.gateway().toString(), url);
      assertEquals(2, printed.lines().filter(l -> l.startsWith("  node ")).count(), printed);
      HttpResponse<String> domain = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(url + "/v1/ledger/domain")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, domain.statusCode());
      assertTrue(domain.body().contains("\"chainId\":31337"), domain.body());
    }
  }

  @Test
  void aBadArgumentIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DevnetMain.start(new String[] {"colour=red"}, System.out));
    assertTrue(e.getMessage().contains("colour=red"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DevnetMain.start(new String[] {"nodes=12"}, System.out));
  }
}
