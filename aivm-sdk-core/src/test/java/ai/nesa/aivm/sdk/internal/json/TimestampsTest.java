package ai.nesa.aivm.sdk.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.squareup.moshi.JsonDataException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written date-time reader agrees with the JDK's on every RFC 3339 form. */
class TimestampsTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "2026-10-15T08:30:00Z", "2026-10-15T08:30:00.2Z", "2026-10-15T08:30:00.250Z", "2026-10-15T08:30:00.123456789Z",
      "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "2024-02-29T12:00:00Z", "9999-12-31T23:59:59Z",
      "0001-01-01T00:00:00Z"})
  void theGatewaysFormReadsAsTheJdkReadsIt(String text) {
    assertEquals(Instant.parse(text), Timestamps.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-10-15T10:30:00+02:00", "2026-10-15t08:30:00z", "2026-10-15T08:30:00.5-01:30"})
  void otherRfc3339FormsGoThroughTheJdk(String text) {
    assertEquals(OffsetDateTime.parse(text.toUpperCase()).toInstant(), Timestamps.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-10-15T24:00:00Z", "2026-10-15T08:60:00Z",
      "2026-10-15 08:30:00Z", "2026-10-15T08:30:00", "2026-10-15T08:30:00.1234567890Z",
      "20261015T083000Z", "yesterday", "2026-1a-15T08:30:00Z"})
  void anythingElseIsAJsonDataExceptionQuotingIt(String text) {
    JsonDataException e = assertThrows(JsonDataException.class, () -> Timestamps.parse(text));
    assertEquals("'" + text + "' is not an RFC 3339 date-time", e.getMessage());
  }
}
