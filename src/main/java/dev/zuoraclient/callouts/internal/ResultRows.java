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
    try {
      return OffsetDateTime.parse(v.textValue()).toInstant();
    } catch (DateTimeParseException e) {
      throw new Malformed(
          number, "has a " + name + " that is no ISO-8601 time with an offset: " + v.textValue());
    }
  }
}
