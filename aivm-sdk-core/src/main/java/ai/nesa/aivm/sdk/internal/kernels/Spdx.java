package ai.nesa.aivm.sdk.internal.kernels;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SPDX licence identifiers {@code aivm.json} accepts: the bundled list of common ids, and
 * {@code LicenseRef-<idstring>} for any other licence.
 */
public final class Spdx {
  /** Where the list is on the classpath: one id a line, {@code #} comments. */
  public static final String RESOURCE = "ai/nesa/aivm/sdk/kernels/spdx-licenses.txt";

  private static final Pattern LICENSE_REF = Pattern.compile("LicenseRef-[A-Za-z0-9.-]{1,64}");
  private static final Set<String> IDS = load();

  private Spdx() {}

  /** The bundled ids, in the list's order. */
  public static Set<String> ids() {
    return IDS;
  }

  static boolean isValid(String id) {
    return IDS.contains(id) || LICENSE_REF.matcher(id).matches();
  }

  /** The listed id that differs from {@code id} only in case, such as {@code MIT} for {@code mit}. */
  static Optional<String> caseInsensitiveMatch(String id) {
    String lower = id.toLowerCase(Locale.ROOT);
    return IDS.stream().filter(s -> s.toLowerCase(Locale.ROOT).equals(lower)).findFirst();
  }

  private static Set<String> load() {
    Set<String> ids = new LinkedHashSet<>();
    try (InputStream in = Spdx.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = reader.readLine()) != null; ) {
        line = line.strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          ids.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return java.util.Collections.unmodifiableSet(ids);
  }
}
