package dev.zuoraclient.callouts.simulator;

import static dev.zuoraclient.callouts.simulator.DataQueryHttp.FROM;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.TO;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.download;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.ended;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.ids;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.rows;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.sql;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.submitted;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zuoraclient.callouts.internal.FailedCalloutSql;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rows of a result file: the client's query, evaluated with the meaning of its SQL. */
class DataQueryRowsTest {
  private static final Instant T = FROM.plus(Duration.ofHours(1));
  private static final List<CalloutRecord> HISTORY =
      List.of(
          failed("r1", T, 500, "InvoicePosted", "n1", "inv-1", "acc-1"),
          failed("a0", T, 503, "InvoicePosted", "n1", "inv-0", "acc-1"),
          failed("r2", T.plusSeconds(60), 503, "PaymentProcessed", "n2", "pay-1", "O'Brien"),
          CalloutRecord.succeeded("s1", T.plusSeconds(120))
              .withNotification("n1")
              .withObject("inv-1"),
          failed("r4", T.plusSeconds(180), -1, "InvoicePosted", "n1", "inv-2", "acc-2"),
          // a success before the failure it would match supersedes nothing
          CalloutRecord.succeeded("s2", FROM.plusSeconds(600))
              .withNotification("n2")
              .withObject("pay-1"),
          // a success after the window still supersedes a failure in it
          CalloutRecord.succeeded("s3", TO.plusSeconds(3600))
              .withNotification("n1")
              .withObject("inv-2"),
          // outside [FROM, TO)
          failed("early", FROM.minusMillis(1), 500, "InvoicePosted", "n1", "inv-9", "acc-1"),
          failed("late", TO, 500, "InvoicePosted", "n1", "inv-9", "acc-1"),
          // a failure with no notification is never superseded
          CalloutRecord.failed("r5", T.plusSeconds(240), 404).withObject("inv-1"));

  private ZuoraSimulator sim;

  @BeforeEach
  void start() {
    sim =
        ZuoraSimulator.builder()
            .acceptToken(DataQueryHttp.TOKEN)
            .queryJobDelay(Duration.ZERO)
            .calloutHistory(HISTORY)
            .start();
  }

  @AfterEach
  void close() {
    sim.close();
  }

  @Test
  void everyFailureInTheWindow_inTimeThenIdOrder_withTheColumnsOfTheQuery() {
    JsonNode job = ended(sim, submitted(sim, sql(), "GZIP"));
    HttpResponse<byte[]> file = download(job.path("dataFile").asText());
    List<JsonNode> rows = rows(file.body(), true);

    assertThat(rows)
        .extracting(r -> r.path("id").asText())
        .containsExactly("a0", "r1", "r2", "r4", "r5");
    assertThat(job.path("outputRows").asLong()).isEqualTo(5);
    assertThat(rows)
        .allSatisfy(
            r ->
                assertThat(r.fieldNames())
                    .toIterable()
                    .containsExactlyElementsOf(FailedCalloutSql.COLUMNS));
    JsonNode r1 = rows.get(1);
    assertThat(r1.path("create_time").asText()).isEqualTo("2026-12-01T01:00:00.000Z");
    assertThat(r1.path("response_code").isInt()).isTrue();
    assertThat(r1.path("response_code").asInt()).isEqualTo(500);
    assertThat(r1.path("event_category").asText()).isEqualTo("InvoicePosted");
    assertThat(r1.path("notification_id").asText()).isEqualTo("n1");
    assertThat(r1.path("object_id").asText()).isEqualTo("inv-1");
    assertThat(r1.path("account_id").asText()).isEqualTo("acc-1");
    assertThat(rows.get(3).path("response_code").asInt()).isEqualTo(-1);
    assertThat(rows.get(4).path("event_category").isNull()).isTrue();
  }

  @Test
  void aFailureWithALaterSuccessOfTheSameNotificationAndObject_isMarkedSuperseded() {
    JsonNode job = ended(sim, submitted(sim, sql(), "NONE"));
    List<JsonNode> rows = rows(download(job.path("dataFile").asText()).body(), false);

    assertThat(rows)
        .extracting(r -> r.path("id").asText() + "=" + r.path("succeeded_later_at").asText("null"))
        .containsExactly(
            "a0=null",
            "r1=2026-12-01T01:02:00.000Z",
            "r2=null",
            "r4=2026-12-02T01:00:00.000Z",
            "r5=null");
    assertThat(rows.get(0).path("succeeded_later_at").isNull()).isTrue();
  }

  @Test
  void eachFilter_narrowsTheRows() {
    assertThat(ids(sim, sql(q -> q.eventCategories(List.of("PaymentProcessed")))))
        .containsExactly("r2");
    assertThat(ids(sim, sql(q -> q.notificationIds(List.of("n1")))))
        .containsExactly("a0", "r1", "r4");
    assertThat(ids(sim, sql(q -> q.objectIds(List.of("inv-1", "inv-2")))))
        .containsExactly("r1", "r4", "r5");
    assertThat(ids(sim, sql(q -> q.accountIds(List.of("acc-2"))))).containsExactly("r4");
    assertThat(ids(sim, sql(q -> q.responseCodes(List.of(503, -1)))))
        .containsExactly("a0", "r2", "r4");
    assertThat(
            ids(
                sim,
                sql(
                    q ->
                        q.eventCategories(List.of("InvoicePosted"))
                            .accountIds(List.of("acc-1"))
                            .responseCodes(List.of(500)))))
        .containsExactly("r1");
  }

  @Test
  void aFilterValueWithAQuote_matchesThatValue() {
    assertThat(sql(q -> q.accountIds(List.of("O'Brien")))).contains("'O''Brien'");

    assertThat(ids(sim, sql(q -> q.accountIds(List.of("O'Brien"))))).containsExactly("r2");
    assertThat(ids(sim, sql(q -> q.accountIds(List.of("O''Brien"))))).isEmpty();
  }

  @Test
  void aPlainFile_hasItsContentLength_andNoContentEncoding() {
    JsonNode job = ended(sim, submitted(sim, sql(), "NONE"));
    HttpResponse<byte[]> file = download(job.path("dataFile").asText());

    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.headers().firstValueAsLong("Content-Length")).hasValue(file.body().length);
    assertThat(file.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(new String(file.body(), java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("{\"id\":\"a0\",")
        .endsWith("}\n");
  }

  @Test
  void aGzipFile_isGzipBytes_notAContentEncoding() {
    JsonNode job = ended(sim, submitted(sim, sql(), "GZIP"));
    HttpResponse<byte[]> file = download(job.path("dataFile").asText());

    assertThat(file.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(file.body()).startsWith((byte) 0x1f, (byte) 0x8b);
    assertThat(rows(file.body(), true)).hasSize(5);
  }

  @Test
  void theDownload_carriesNoZuoraHeaderNorCredential() {
    ids(sim, sql());

    assertThat(sim.resultFileRequests()).hasSize(1);
    Set<String> headers =
        sim.resultFileRequests().get(0).headers().keySet().stream()
            .map(String::toLowerCase)
            .collect(Collectors.toSet());
    assertThat(headers).noneMatch(h -> h.startsWith("zuora-")).doesNotContain("authorization");
  }

  @Test
  void aJob_readsTheHistoryAsItWasWhenSubmitted() {
    String before = submitted(sim, sql(), "GZIP");
    sim.addCalloutHistory(CalloutRecord.failed("new", T.plusSeconds(1), 500));

    assertThat(ended(sim, before).path("outputRows").asLong()).isEqualTo(5);
    assertThat(ids(sim, sql())).contains("new").hasSize(6);
  }

  @Test
  void clearCalloutHistory_leavesNoRows_andResetBringsTheSeededOnesBack() {
    sim.clearCalloutHistory();
    assertThat(ids(sim, sql())).isEmpty();

    sim.reset();

    assertThat(ids(sim, sql())).hasSize(5);
  }

  private static CalloutRecord failed(
      String id,
      Instant t,
      int code,
      String category,
      String notification,
      String object,
      String account) {
    return new CalloutRecord(id, t, code, category, notification, object, account);
  }
}
