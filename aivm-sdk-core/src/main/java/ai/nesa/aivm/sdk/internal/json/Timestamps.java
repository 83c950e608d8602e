package ai.nesa.aivm.sdk.internal.json;

import com.squareup.moshi.JsonDataException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Reads RFC 3339 date-times. The form every gateway writes, {@code 2026-10-15T08:30:00.250Z}, is
 * read by hand: {@link Instant#parse} costs a microsecond or so per value, which a catalog page of
 * a hundred models pays two hundred times. Any other RFC 3339 form (an offset, a lower-case
 * {@code t}) goes through the JDK's parser.
 */
public final class Timestamps {
  private Timestamps() {}

  public static Instant parse(String text) {
    Instant fast = parseUtc(text);
    if (fast != null) {
      return fast;
    }
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      throw new JsonDataException("'" + text + "' is not an RFC 3339 date-time");
    }
  }

  /** {@code YYYY-MM-DDTHH:MM:SS[.fraction]Z}, or {@code null} for any other form. */
  private static Instant parseUtc(String s) {
    int n = s.length();
    if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
        || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
      return null; // malformed here, or a leap second: the JDK parser decides
    }
    int nanos = 0;
    if (n > 20) {
      int fractionDigits = n - 21;
      if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
        return null;
      }
      nanos = digits(s, 20, fractionDigits);
      if (nanos < 0) {
        return null;
      }
      for (int i = fractionDigits; i < 9; i++) {
        nanos *= 10;
      }
    } else if (s.charAt(19) != 'Z') {
      return null;
    }
    try {
      long days = LocalDate.of(year, month, day).toEpochDay();
      return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    } catch (DateTimeException impossibleDate) {
      return null;
    }
  }

  /** The decimal number in {@code s[from, from + count)}, or -1 if any of it is not a digit. */
  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
