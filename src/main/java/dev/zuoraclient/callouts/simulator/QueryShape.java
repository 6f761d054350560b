package dev.zuoraclient.callouts.simulator;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the one query the simulator's Data Query answers: the failed-callout query of the library's
 * client, with its values. The simulator ships apart from the library, so it parses the shape
 * itself rather than asking the code that writes it: fixed text, three timestamp literals, and
 * optional {@code IN} lists of string literals (quotes doubled, Trino's only escape) or of
 * integers. Whitespace counts only as a separator and keywords ignore case, as in SQL; anything
 * else is refused with a message that says where the query left the shape.
 */
final class QueryShape {
  private static final String SELECT =
      "SELECT f.Id AS id, to_iso8601(f.CreateTime AT TIME ZONE 'UTC') AS create_time,"
          + " f.ResponseCode AS response_code, f.EventCategory AS event_category,"
          + " f.NotificationId AS notification_id, f.ObjectId AS object_id,"
          + " f.AccountId AS account_id,"
          + " to_iso8601(s.last_success AT TIME ZONE 'UTC') AS succeeded_later_at"
          + " FROM notificationhistorycallout f"
          + " LEFT JOIN (SELECT NotificationId, ObjectId, max(CreateTime) AS last_success"
          + " FROM notificationhistorycallout"
          + " WHERE ResponseCode BETWEEN 200 AND 299 AND CreateTime >= ";
  private static final String JOIN =
      " GROUP BY NotificationId, ObjectId) s"
          + " ON s.NotificationId = f.NotificationId AND s.ObjectId = f.ObjectId"
          + " AND s.last_success > f.CreateTime WHERE f.CreateTime >= ";
  private static final String BEFORE = " AND f.CreateTime < ";
  private static final String FAILED = " AND NOT (f.ResponseCode BETWEEN 200 AND 299)";
  private static final String ORDER = " ORDER BY f.CreateTime, f.Id";
  private static final String EVENT_CATEGORY = "f.EventCategory";
  private static final String NOTIFICATION_ID = "f.NotificationId";
  private static final String OBJECT_ID = "f.ObjectId";
  private static final String ACCOUNT_ID = "f.AccountId";
  private static final String CODE = "f.ResponseCode";
  private static final String PUNCTUATION = "(),=<>";
  private static final Pattern TIMESTAMP =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?) UTC");

  /** A query that is not of the shape; its message starts {@code Invalid query: }. */
  static final class InvalidQueryException extends Exception {
    InvalidQueryException(String message) {
      super("Invalid query: " + message, null, false, false);
    }
  }

  private final String text;
  private int pos;

  private QueryShape(String query) {
    this.text = normalize(query).strip();
  }

  /** The query's values, when {@code query} has the shape. */
  static ParsedQuery parse(String query) throws InvalidQueryException {
    return new QueryShape(query).read();
  }

  @SuppressWarnings("unchecked")
  private static Set<String> strings(Map<String, Set<?>> filters, String column) {
    return (Set<String>) filters.get(column);
  }

  @SuppressWarnings("unchecked")
  private static Set<Integer> codes(Map<String, Set<?>> filters) {
    return (Set<Integer>) filters.get(CODE);
  }

  private ParsedQuery read() throws InvalidQueryException {
    expect(SELECT);
    Instant successesFrom = timestamp();
    expect(JOIN);
    Instant from = timestamp();
    expect(BEFORE);
    Instant to = timestamp();
    expect(FAILED);
    Map<String, Set<?>> filters = new HashMap<>();
    while (at(" AND ")) {
      expect(" AND ");
      filter(filters);
    }
    expect(ORDER);
    if (pos != text.length()) {
      throw new InvalidQueryException("unexpected text after ORDER BY: " + found());
    }
    return new ParsedQuery(
        successesFrom,
        from,
        to,
        strings(filters, EVENT_CATEGORY),
        strings(filters, NOTIFICATION_ID),
        strings(filters, OBJECT_ID),
        strings(filters, ACCOUNT_ID),
        codes(filters));
  }

  private void filter(Map<String, Set<?>> filters) throws InvalidQueryException {
    for (String column : List.of(EVENT_CATEGORY, NOTIFICATION_ID, OBJECT_ID, ACCOUNT_ID, CODE)) {
      if (!at(column + " IN(")) {
        continue;
      }
      int start = pos;
      expect(column + " IN(");
      Set<Object> values = new LinkedHashSet<>();
      do {
        values.add(column.equals(CODE) ? integer() : stringLiteral());
      } while (comma());
      expect(")");
      if (filters.put(column, values) != null) {
        pos = start;
        throw new InvalidQueryException(column + " is filtered twice, at " + found());
      }
      return;
    }
    throw new InvalidQueryException(
        "expected an IN filter on f.EventCategory, f.NotificationId, f.ObjectId, f.AccountId or"
            + " f.ResponseCode at "
            + found());
  }

  private boolean comma() {
    if (pos < text.length() && text.charAt(pos) == ',') {
      pos++;
      return true;
    }
    return false;
  }

  private Instant timestamp() throws InvalidQueryException {
    expect("TIMESTAMP ");
    int start = pos;
    String literal = stringLiteral();
    Matcher m = TIMESTAMP.matcher(literal);
    if (!m.matches()) {
      pos = start;
      throw new InvalidQueryException(
          "expected a timestamp such as '2026-12-01 02:00:00.000 UTC' at " + found());
    }
    try {
      return LocalDateTime.parse(m.group(1) + "T" + m.group(2)).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      pos = start;
      throw new InvalidQueryException("not a valid timestamp at " + found());
    }
  }

  /** A Trino string literal: in single quotes, a doubled quote standing for one. */
  private String stringLiteral() throws InvalidQueryException {
    if (pos >= text.length() || text.charAt(pos) != '\'') {
      throw new InvalidQueryException("expected a string literal at " + found());
    }
    StringBuilder value = new StringBuilder();
    for (int i = pos + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\'') {
        value.append(c);
      } else if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
        value.append('\'');
        i++;
      } else {
        pos = i + 1;
        return value.toString();
      }
    }
    throw new InvalidQueryException("a string literal is not closed at " + found());
  }

  private int integer() throws InvalidQueryException {
    int start = pos;
    if (pos < text.length() && text.charAt(pos) == '-') {
      pos++;
    }
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    try {
      return Integer.parseInt(text.substring(start, pos));
    } catch (NumberFormatException e) {
      pos = start;
      throw new InvalidQueryException("expected an integer at " + found());
    }
  }

  private boolean at(String fixed) {
    String want = here(fixed);
    return text.regionMatches(true, pos, want, 0, want.length());
  }

  private void expect(String fixed) throws InvalidQueryException {
    String want = here(fixed);
    int same = 0;
    while (same < want.length()
        && pos + same < text.length()
        && Character.toUpperCase(text.charAt(pos + same))
            == Character.toUpperCase(want.charAt(same))) {
      same++;
    }
    if (same < want.length()) {
      pos += same;
      String rest = want.substring(same, Math.min(want.length(), same + 40)).strip();
      throw new InvalidQueryException(
          "the simulator answers only the failed-callout query of this library's client; expected"
              + " \""
              + rest
              + (same + 40 < want.length() ? "..." : "")
              + "\" at "
              + found());
    }
    pos += want.length();
  }

  /** {@code fixed} as normalised text reads it here: no space after punctuation. */
  private String here(String fixed) {
    String want = normalize(fixed);
    boolean afterPunctuation = pos == 0 || PUNCTUATION.indexOf(text.charAt(pos - 1)) >= 0;
    return afterPunctuation && want.startsWith(" ") ? want.substring(1) : want;
  }

  private String found() {
    if (pos >= text.length()) {
      return "the end of the query";
    }
    String rest = text.substring(pos, Math.min(text.length(), pos + 40));
    return "\"" + rest + (pos + 40 < text.length() ? "..." : "") + "\"";
  }

  /**
   * The text with each run of whitespace outside string literals made one space, and none next to
   * punctuation, so that layout does not matter; string literals are kept as they are.
   */
  static String normalize(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    boolean inLiteral = false;
    boolean pendingSpace = false;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (inLiteral) {
        out.append(c);
        inLiteral = c != '\'';
        continue;
      }
      if (Character.isWhitespace(c)) {
        pendingSpace = true;
        continue;
      }
      if (pendingSpace
          && PUNCTUATION.indexOf(c) < 0
          && (out.length() == 0 || PUNCTUATION.indexOf(out.charAt(out.length() - 1)) < 0)) {
        out.append(' ');
      }
      pendingSpace = false;
      out.append(c);
      inLiteral = c == '\'';
    }
    if (pendingSpace && out.length() > 0 && PUNCTUATION.indexOf(out.charAt(out.length() - 1)) < 0) {
      out.append(' ');
    }
    return out.toString();
  }
}
