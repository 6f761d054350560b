package dev.zuoraclient.callouts.simulator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of one query over one snapshot of the history, in the query's order: counted for the
 * job's {@code outputRows}, then written as JSON Lines for the download, each pass reading the
 * history afresh so that no row is ever held (generated rows are made one at a time).
 */
final class ResultRows {
  /** Trino's {@code to_iso8601} of a UTC timestamp with milliseconds. */
  static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** The result file's columns, in the order the query names them. */
  static final List<String> COLUMNS =
      List.of(
          "id",
          "create_time",
          "response_code",
          "event_category",
          "notification_id",
          "object_id",
          "account_id",
          "succeeded_later_at");

  private interface Sink {
    void row(CalloutRecord r) throws IOException;
  }

  private final CalloutHistory.Snapshot history;
  private final ParsedQuery query;

  ResultRows(CalloutHistory.Snapshot history, ParsedQuery query) {
    this.history = history;
    this.query = query;
  }

  long count() {
    long[] n = {0};
    try {
      forEach(r -> n[0]++);
    } catch (IOException e) {
      throw new IllegalStateException("counting writes nothing", e);
    }
    return n[0];
  }

  /** Writes every row, one JSON object a line; leaves {@code out} open. */
  void writeJsonLines(OutputStream out) throws IOException {
    Map<String, Instant> lastSuccess = lastSuccesses();
    try (JsonGenerator json =
        SimExchange.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.setRootValueSeparator(null);
      forEach(
          r -> {
            Instant success = lastSuccess.get(key(r));
            json.writeStartObject();
            json.writeStringField(COLUMNS.get(0), r.id());
            json.writeStringField(COLUMNS.get(1), ISO.format(r.createTime()));
            json.writeNumberField(COLUMNS.get(2), r.responseCode());
            json.writeStringField(COLUMNS.get(3), r.eventCategory());
            json.writeStringField(COLUMNS.get(4), r.notificationId());
            json.writeStringField(COLUMNS.get(5), r.objectId());
            json.writeStringField(COLUMNS.get(6), r.accountId());
            if (success != null && success.isAfter(r.createTime())) {
              json.writeStringField(COLUMNS.get(7), ISO.format(success));
            } else {
              json.writeNullField(COLUMNS.get(7));
            }
            json.writeEndObject();
            json.writeRaw('\n');
          });
    }
  }

  /**
   * The latest success from {@code successesFrom} on of each notification and object, as the
   * query's join computes it; generated records are all failures, so only seeded ones count.
   */
  private Map<String, Instant> lastSuccesses() {
    Map<String, Instant> last = new HashMap<>();
    for (CalloutRecord r : history.records()) {
      String key = key(r);
      if (r.isSuccess() && key != null && !r.createTime().isBefore(query.successesFrom())) {
        last.merge(key, r.createTime(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    return last;
  }

  /** Null when either part is null: SQL's join never matches a null. */
  private static String key(CalloutRecord r) {
    return r.notificationId() == null || r.objectId() == null
        ? null
        : r.notificationId() + '\u0000' + r.objectId();
  }

  /** The matching rows of the seeded and the generated records, merged in the query's order. */
  private void forEach(Sink sink) throws IOException {
    List<CalloutRecord> seeded = history.records();
    GeneratedFailures generated = history.generated();
    int s = 0;
    int g = generated == null ? 0 : generated.firstAtOrAfter(query.from());
    int gEnd = generated == null ? 0 : generated.firstAtOrAfter(query.to());
    CalloutRecord next = g < gEnd ? generated.row(g) : null;
    while (true) {
      while (s < seeded.size() && !query.matches(seeded.get(s))) {
        s++;
      }
      while (next != null && !query.matches(next)) {
        next = ++g < gEnd ? generated.row(g) : null;
      }
      CalloutRecord a = s < seeded.size() ? seeded.get(s) : null;
      if (a == null && next == null) {
        return;
      }
      if (next == null || (a != null && CalloutHistory.QUERY_ORDER.compare(a, next) <= 0)) {
        sink.row(a);
        s++;
      } else {
        sink.row(next);
        next = ++g < gEnd ? generated.row(g) : null;
      }
    }
  }
}
