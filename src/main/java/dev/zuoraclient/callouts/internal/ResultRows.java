package dev.zuoraclient.callouts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zuoraclient.callouts.history.FailedCallout;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * One row of the failed-callout query's result file ({@link FailedCalloutSql#COLUMNS}) as a {@link
 * FailedCallout}. Keys are matched without regard to case (Data Query keeps an alias's case; an
 * older tenant may lower it). A row that is not what the query asks for is a malformed file, never
 * a row to skip: {@link Malformed} names the row and the column.
 */
final class ResultRows {
  private ResultRows() {}

  /** A row that contradicts the query: the whole file is refused. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(long row, String what) {
      super("row " + row + " " + what);
    }
  }

  /** The row's ID, unchecked (the ID rules are the caller's, which reports, not refuses). */
  static String id(JsonNode row, long number) throws Malformed {
    JsonNode id = field(row, "id");
    if (id == null || !id.isTextual()) {
      throw new Malformed(number, "has no text id");
    }
    return id.textValue();
  }

  /** The row as a failed callout. */
  static FailedCallout callout(JsonNode row, long number, String id) throws Malformed {
    Instant created = time(row, number, "create_time", true);
    JsonNode code = field(row, "response_code");
    int responseCode;
    if (code != null && code.canConvertToInt() && code.isIntegralNumber()) {
      responseCode = code.intValue();
    } else if (code != null && code.isTextual() && code.textValue().matches("-?[0-9]{1,4}")) {
      responseCode = Integer.parseInt(code.textValue());
    } else {
      throw new Malformed(number, "has no integer response_code");
    }
    if (responseCode >= 200 && responseCode <= 299) {
      throw new Malformed(number, "is a success (" + responseCode + "), which the query excludes");
    }
    return new FailedCallout(
        id,
        created,
        responseCode,
        text(row, number, "event_category"),
        text(row, number, "notification_id"),
        text(row, number, "object_id"),
        text(row, number, "account_id"),
        time(row, number, "succeeded_later_at", false));
  }

  /**
   * {@code uuuu-MM-ddTHH:mm:ss.SSSZ}, the form Trino's {@code to_iso8601} writes in UTC, read
   * without a formatter (a million rows: the formatter took most of the row's time); null for any
   * other form, which the formatter then reads.
   */
  static Instant utcMillis(String t) {
    if (t.length() != 24
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':'
        || t.charAt(19) != '.'
        || t.charAt(23) != 'Z') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    int second = digits(t, 17, 19);
    int millis = digits(t, 20, 23);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || millis < 0) {
      return null;
    }
    if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return null;
    }
    long days = java.time.LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(
        days * 86_400 + hour * 3_600L + minute * 60L + second, millis * 1_000_000L);
  }

  private static int digits(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  private static JsonNode field(JsonNode row, String name) {
    JsonNode exact = row.get(name);
    if (exact != null) {
      return exact;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().toLowerCase(Locale.ROOT).equals(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static String text(JsonNode row, long number, String name) throws Malformed {
    JsonNode v = field(row, name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new Malformed(number, "has a " + name + " that is not text");
    }
    return v.textValue();
  }

  private static Instant time(JsonNode row, long number, String name, boolean required)
      throws Malformed {
    JsonNode v = field(row, name);
    if (v == null || v.isNull()) {
      if (required) {
        throw new Malformed(number, "has no " + name);
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new Malformed(number, "has a " + name + " that is not text");
    }
    Instant fast = utcMillis(v.textValue());
    if (fast != null) {
      return fast;
    }
    try {
      return OffsetDateTime.parse(v.textValue()).toInstant();
    } catch (DateTimeParseException e) {
      throw new Malformed(
          number, "has a " + name + " that is no ISO-8601 time with an offset: " + v.textValue());
    }
  }
}
