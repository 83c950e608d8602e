package ai.nesa.aivm.sdk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The {@code User-Agent} the SDK sends: its version, Java's, the OS, and the caller's app. */
final class UserAgent {
  static final String SDK_VERSION = readVersion();

  private UserAgent() {}

  static String of(ClientConfig config) {
    String base = "aivm-java-sdk/" + SDK_VERSION + " (Java " + System.getProperty("java.version")
        + "; " + System.getProperty("os.name") + ")";
    return config.applicationName() == null ? base : base + " " + config.applicationName();
  }

  private static String readVersion() {
    try (InputStream in = UserAgent.class.getResourceAsStream("/ai/nesa/aivm/sdk/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
