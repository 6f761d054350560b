package dev.zuoraclient.callouts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zuoraclient.callouts.exception.ZuoraConnectionException;
import dev.zuoraclient.callouts.exception.ZuoraException;
import dev.zuoraclient.callouts.exception.ZuoraOutcomeUnknownException;
import dev.zuoraclient.callouts.exception.ZuoraRateLimitException;
import dev.zuoraclient.callouts.exception.ZuoraServerException;
import dev.zuoraclient.callouts.exception.ZuoraServiceException;
import dev.zuoraclient.callouts.exception.ZuoraTokenException;
import dev.zuoraclient.callouts.internal.ErrorRules;
import dev.zuoraclient.callouts.internal.StatusRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * What every failure means, as one table: each status from 400 to 599 and each other kind of
 * failure, with whether it is retried, whether Zuora may have resent its notifications, whether it
 * stops a batch run, and the words the report gives it. The expectations are written here, not
 * computed by the code under test; the executor, the batch runner, {@link BatchError}, the
 * exceptions and the command line all read {@link ErrorRules}.
 */
class ErrorRulesTest {
  static final Set<Integer> NEVER_RETRIED_5XX = Set.of(501, 505);
  static final Set<Integer> REFUSED_BEFORE_WORK_5XX = Set.of(501, 503, 505);

  record Row(
      String kind,
      RuntimeException error,
      boolean retried,
      boolean maybe,
      boolean stops,
      String reason) {}

  static ZuoraException.Context context(int status) {
    return ZuoraException.Context.of(status, "req", null, "key", List.of("a"));
  }

  static List<Row> table() {
    List<Row> rows = new ArrayList<>();
    IntStream.rangeClosed(400, 599)
        .forEach(
            status -> {
              boolean fiveXx = status >= 500;
              boolean retried =
                  status == 409 || status == 429 || (fiveXx && !NEVER_RETRIED_5XX.contains(status));
              boolean maybe =
                  status == 409 || (fiveXx && !REFUSED_BEFORE_WORK_5XX.contains(status));
              ZuoraServiceException e =
                  status == 429
                      ? new ZuoraRateLimitException(
                          "x", null, null, null, null, -1, context(status))
                      : fiveXx
                          ? new ZuoraServerException("x", null, null, context(status))
                          : new ZuoraServiceException("x", null, null, context(status));
              rows.add(
                  new Row(
                      "status " + status,
                      e,
                      retried,
                      maybe,
                      !retried,
                      (maybe ? "outcome unknown: Zuora answered " : "not resent: Zuora answered ")
                          + status));
            });
    for (ZuoraOutcomeUnknownException.Reason r : ZuoraOutcomeUnknownException.Reason.values()) {
      boolean transientFailure =
          r == ZuoraOutcomeUnknownException.Reason.IO_FAILURE
              || r == ZuoraOutcomeUnknownException.Reason.TIMEOUT;
      rows.add(
          new Row(
              "unknown outcome " + r,
              new ZuoraOutcomeUnknownException("x", r, context(0), null),
              transientFailure,
              true,
              false,
              "outcome unknown: no usable answer"));
    }
    // Nothing was sent: retried (a restarting server, a failing name server), and it stops a run.
    rows.add(
        notConnected(
            ZuoraConnectionException.Reason.REFUSED,
            null,
            null,
            "not sent: could not connect to rest.zuora.com (connection refused)"));
    rows.add(
        notConnected(
            ZuoraConnectionException.Reason.NO_SUCH_HOST,
            null,
            null,
            "not sent: could not connect to rest.zuora.com (no such host)"));
    rows.add(
        notConnected(
            ZuoraConnectionException.Reason.CONNECT_TIMEOUT,
            null,
            null,
            "not sent: could not connect to rest.zuora.com (connect timed out)"));
    rows.add(
        notConnected(
            ZuoraConnectionException.Reason.TLS_HANDSHAKE,
            null,
            new SSLHandshakeException("PKIX path building failed"),
            "not sent: could not connect to rest.zuora.com"
                + " (TLS handshake failed: PKIX path building failed)"));
    rows.add(
        notConnected(
            ZuoraConnectionException.Reason.TLS_HANDSHAKE,
            null,
            null,
            "not sent: could not connect to rest.zuora.com (TLS handshake failed)"));
    rows.add(
        notConnected(
            ZuoraConnectionException.Reason.REFUSED,
            "proxy.example:3128",
            null,
            "not sent: could not connect to rest.zuora.com through proxy proxy.example:3128"
                + " (connection refused)"));
    for (int status : List.of(0, 400, 401, 429, 500, 503)) {
      rows.add(
          new Row(
              "token failure " + status,
              new ZuoraTokenException("x", context(status), null),
              status == 0 || status == 429 || status >= 500,
              false,
              true,
              "not sent: no access token"));
    }
    rows.add(
        new Row(
            "not started",
            new BatchNotSentException(BatchNotSentException.Reason.INTERRUPTED, "x", null),
            false,
            false,
            true,
            "not started: the run was interrupted"));
    rows.add(
        new Row(
            "stopped by an error",
            new BatchNotSentException(BatchNotSentException.Reason.STOPPED_BY_ERROR, "x", null),
            false,
            false,
            true,
            "not sent: an earlier error stopped the run"));
    rows.add(
        new Row(
            "rate limited too long",
            new BatchNotSentException(BatchNotSentException.Reason.RATE_LIMITED, "x", null),
            false,
            false,
            true,
            "not sent: Zuora's rate limit stopped the run"));
    rows.add(
        new Row(
            "journal failed",
            new BatchNotSentException(BatchNotSentException.Reason.JOURNAL_FAILED, "x", null),
            false,
            false,
            true,
            "not sent: the journal could not be written"));
    rows.add(
        new Row(
            "time limit passed",
            new BatchNotSentException(BatchNotSentException.Reason.TIMED_OUT, "x", null),
            false,
            false,
            true,
            "not sent: the run's time limit passed"));
    rows.add(
        new Row(
            "anything else",
            new IllegalStateException("x"),
            false,
            true,
            true,
            "outcome unknown: IllegalStateException"));
    return rows;
  }

  static final int NOT_CONNECTED_ROWS = 6;

  static Row notConnected(
      ZuoraConnectionException.Reason reason, String proxy, Throwable cause, String words) {
    return new Row(
        "not connected " + reason + (proxy == null ? "" : " through a proxy"),
        new ZuoraConnectionException("x", "rest.zuora.com", proxy, reason, context(0), cause),
        true,
        false,
        true,
        words);
  }

  @Test
  void everyFailure_meansWhatTheTableSays() {
    List<Row> table = table();
    assertThat(table)
        .hasSize(
            200
                + ZuoraOutcomeUnknownException.Reason.values().length
                + NOT_CONNECTED_ROWS
                + 6
                + BatchNotSentException.Reason.values().length
                + 1);
    for (Row row : table) {
      RuntimeException e = row.error();
      assertThat(ErrorRules.retryable(e)).as("%s: retried", row.kind()).isEqualTo(row.retried());
      assertThat(ErrorRules.mayHaveBeenResent(e))
          .as("%s: may have been processed", row.kind())
          .isEqualTo(row.maybe());
      assertThat(ErrorRules.stopsABatchRun(e))
          .as("%s: stops a run", row.kind())
          .isEqualTo(row.stops());
      assertThat(ErrorRules.reason(e)).as("%s: reason", row.kind()).isEqualTo(row.reason());
      // the public accessors say the same
      BatchError asBatch = new BatchError(1, List.of("a"), e);
      assertThat(asBatch.mayHaveBeenResent())
          .as("%s: BatchError", row.kind())
          .isEqualTo(row.maybe());
      assertThat(asBatch.reason()).isEqualTo(row.reason());
      if (e instanceof ZuoraServiceException s) {
        assertThat(s.isRetryable()).as("%s: isRetryable()", row.kind()).isEqualTo(row.retried());
        assertThat(s.mayHaveBeenResent()).isEqualTo(row.maybe());
        int status = s.statusCode().getAsInt();
        assertThat(ZuoraServiceException.isRetryable(status)).isEqualTo(row.retried());
        assertThat(ZuoraServiceException.mayHaveBeenResent(status)).isEqualTo(row.maybe());
      }
      if (e instanceof ZuoraTokenException t) {
        assertThat(t.isRetryable()).as("%s: isRetryable()", row.kind()).isEqualTo(row.retried());
      }
    }
  }

  @Test
  void everyReasonForNoConnection_hasARow() {
    assertThat(
            table().stream()
                .map(Row::error)
                .filter(ZuoraConnectionException.class::isInstance)
                .map(e -> ((ZuoraConnectionException) e).reason())
                .distinct())
        .containsExactlyInAnyOrder(ZuoraConnectionException.Reason.values());
  }

  @Test
  void whatMayHaveBeenProcessed_isAlwaysRetried_withTheSameKey() {
    for (Row row : table()) {
      if (row.maybe() && row.error() instanceof ZuoraServiceException) {
        assertThat(row.retried()).as(row.kind()).isTrue();
      }
    }
  }

  /** The words the command line's help and the docs use, against the table. */
  @Test
  void theRulesInWords_matchTheTable() {
    assertThat(StatusRules.RETRIED_STATUSES)
        .isEqualTo("409, 429 and every 5xx but " + words(NEVER_RETRIED_5XX));
    assertThat(StatusRules.MAYBE_RESENT_STATUSES)
        .isEqualTo("409 and every 5xx but " + words(REFUSED_BEFORE_WORK_5XX));
  }

  private static String words(Set<Integer> statuses) {
    List<String> sorted = statuses.stream().sorted().map(String::valueOf).toList();
    return String.join(", ", sorted.subList(0, sorted.size() - 1))
        + " and "
        + sorted.get(sorted.size() - 1);
  }
}
