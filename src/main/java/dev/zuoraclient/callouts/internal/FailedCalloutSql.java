package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.history.FailedCalloutQuery;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The Data Query SQL of a {@link FailedCalloutQuery}: one fixed shape, with the query's values as
 * literals. The shape is text of this class alone; a value reaches the query only through {@link
 * #literal} (a string: quotes doubled, so that nothing in it ends the literal), {@link #timestamp}
 * (an instant, formatted here) or as an {@code int}. Trino has no escape character in string
 * literals other than the doubled quote, so a value, whatever it holds (quotes, comments,
 * semicolons, look-alike characters), stays one literal.
 *
 * <p>Each row is one failed callout in {@code [from, to)}, with the time of the latest later
 * success of the same notification for the same object ({@code succeeded_later_at}, null when
 * none): the client leaves such superseded failures out unless asked to keep them. A success after
 * {@code to} counts too, which is why the success side is bounded below only.
 */
public final class FailedCalloutSql {
  /** The columns of each row, as the result file names them. */
  public static final List<String> COLUMNS =
      List.of(
          "id",
          "create_time",
          "response_code",
          "event_category",
          "notification_id",
          "object_id",
          "account_id",
          "succeeded_later_at");

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

  private FailedCalloutSql() {}

  /** The query's SQL. */
  public static String of(FailedCalloutQuery q) {
    String from = timestamp(q.from());
    StringBuilder sql =
        new StringBuilder(512)
            .append("SELECT f.Id AS id,")
            .append(" to_iso8601(f.CreateTime AT TIME ZONE 'UTC') AS create_time,")
            .append(" f.ResponseCode AS response_code,")
            .append(" f.EventCategory AS event_category,")
            .append(" f.NotificationId AS notification_id,")
            .append(" f.ObjectId AS object_id,")
            .append(" f.AccountId AS account_id,")
            .append(" to_iso8601(s.last_success AT TIME ZONE 'UTC') AS succeeded_later_at\n")
            .append("FROM notificationhistorycallout f\n")
            .append("LEFT JOIN (SELECT NotificationId, ObjectId, max(CreateTime) AS last_success")
            .append(" FROM notificationhistorycallout")
            .append(" WHERE ResponseCode BETWEEN 200 AND 299 AND CreateTime >= ")
            .append(from)
            .append(" GROUP BY NotificationId, ObjectId) s")
            .append(" ON s.NotificationId = f.NotificationId AND s.ObjectId = f.ObjectId")
            .append(" AND s.last_success > f.CreateTime\n")
            .append("WHERE f.CreateTime >= ")
            .append(from)
            .append(" AND f.CreateTime < ")
            .append(timestamp(q.to()))
            .append(" AND NOT (f.ResponseCode BETWEEN 200 AND 299)");
    in(sql, "f.EventCategory", q.eventCategories());
    in(sql, "f.NotificationId", q.notificationIds());
    in(sql, "f.ObjectId", q.objectIds());
    in(sql, "f.AccountId", q.accountIds());
    if (!q.responseCodes().isEmpty()) {
      StringJoiner codes = new StringJoiner(", ", " AND f.ResponseCode IN (", ")");
      for (int code : q.responseCodes()) {
        codes.add(Integer.toString(code));
      }
      sql.append(codes);
    }
    return sql.append("\nORDER BY f.CreateTime, f.Id").toString();
  }

  private static void in(StringBuilder sql, String column, List<String> values) {
    if (values.isEmpty()) {
      return;
    }
    StringJoiner list = new StringJoiner(", ", " AND " + column + " IN (", ")");
    for (String v : values) {
      list.add(literal(v));
    }
    sql.append(list);
  }

  /** {@code value} as a Trino string literal: in single quotes, each quote doubled. */
  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /** {@code instant} as a timestamp literal in UTC, to the millisecond. */
  static String timestamp(Instant instant) {
    return "TIMESTAMP '" + TIMESTAMP.format(instant) + " UTC'";
  }
}
