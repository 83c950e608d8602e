package ai.nesa.aivm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** ProtectWeights runs the crypto module end to end and says what it did. */
class ProtectWeightsTest {

  @Test
  void encryptsGrantsDecryptsASliceSignsAndKeepsTheKey() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = ProtectWeights.run(new String[0], new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text + err.toString(StandardCharsets.UTF_8));
    // 56 header bytes, and a 16-byte tag on each of 64 full chunks and the empty final one.
    assertTrue(text.contains("encrypted 1,048,576 bytes to 1,049,672 bytes"), text);
    assertTrue(text.contains(": 129 bytes"), text);
    assertTrue(text.contains("match the weights"), text);
    assertTrue(text.contains("rebuild the key: true"), text);
    assertTrue(text.contains("verified"), text);
    assertTrue(text.contains("keystore reopened: same address"), text);
    assertTrue(text.contains("SecretBytes[32 bytes, redacted]"), text);
  }
}
