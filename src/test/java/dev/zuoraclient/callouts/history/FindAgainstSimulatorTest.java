package dev.zuoraclient.callouts.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zuoraclient.callouts.BatchResendResult;
import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.simulator.CalloutRecord;
import dev.zuoraclient.callouts.simulator.RecordedRequest;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole path against the simulator: the client's SQL as the simulator reads it, the job's
 * lifecycle, the gzipped file from the separate storage host, and the resend of what was found.
 */
class FindAgainstSimulatorTest {
  private static final String TOKEN = "sim-token";
  private static final Instant T = Instant.parse("2026-12-01T02:00:00Z");

  private ZuoraSimulator zuora;
  private CalloutResendClient client;

  @BeforeEach
  void start() {
    zuora =
        ZuoraSimulator.builder()
            .acceptToken(TOKEN)
            .calloutHistory(
                CalloutRecord.failed("f1", T.plusSeconds(10), 500)
                    .withEventCategory("Invoice Posted")
                    .withNotification("n1")
                    .withObject("inv-1"),
                CalloutRecord.failed("f2", T.plusSeconds(20), 503)
                    .withEventCategory("O'Brien's \"quoted\" -- category; DROP")
                    .withNotification("n1")
                    .withObject("inv-2"),
                CalloutRecord.succeeded("s2", T.plusSeconds(900))
                    .withNotification("n1")
                    .withObject("inv-2"),
                CalloutRecord.failed("f3", T.plusSeconds(30), -1)
                    .withEventCategory("Payment Processed")
                    .withNotification("n2")
                    .withObject("pay-1"),
                CalloutRecord.failed("outside", T.minusSeconds(1), 500))
            .queryJobDelay(Duration.ofMillis(40))
            .start();
    client = CalloutResendClient.builder().baseUri(zuora.baseUri()).accessToken(TOKEN).build();
  }

  @AfterEach
  void stop() {
    client.close();
    zuora.close();
  }

  private static FailedCalloutQuery.Builder window() {
    return FailedCalloutQuery.builder().from(T).to(T.plus(Duration.ofHours(1)));
  }

  @Test
  void findsTheWindowsFailures_leavesOutTheSuperseded_andResendsThem() {
    try (FailedCallouts found = client.findFailedCallouts(window().build())) {
      assertThat(found.ids()).containsExactly("f1", "f3");
      assertThat(found.summary().superseded()).isEqualTo(1);
      assertThat(found.summary().rows()).isEqualTo(3);
      BatchResendResult result = client.resendAll(found.ids());
      assertThat(result.accepted()).containsExactly("f1", "f3");
    }
    assertThat(zuora.resendCount("f1")).isEqualTo(1);
    assertThat(zuora.resendCount("f2")).isZero();
    List<RecordedRequest> downloads = zuora.resultFileRequests();
    assertThat(downloads).hasSize(1);
    assertThat(downloads.get(0).headers().keySet())
        .noneMatch(
            h -> h.equalsIgnoreCase("Authorization") || h.toLowerCase().startsWith("zuora-"));
  }

  @Test
  void aHostileFilterValue_isALiteral_thatMatchesItsOwnCategory() {
    FailedCalloutQuery q =
        window()
            .eventCategories(List.of("O'Brien's \"quoted\" -- category; DROP"))
            .includeSuperseded(true)
            .build();
    try (FailedCallouts found = client.findFailedCallouts(q)) {
      assertThat(found.ids()).containsExactly("f2");
      assertThat(found.iterator().next().succeededLaterAt()).contains(T.plusSeconds(900));
    }
  }

  @Test
  void filtersNarrowTheFind() {
    try (FailedCallouts found =
        client.findFailedCallouts(window().responseCodes(List.of(-1)).build())) {
      assertThat(found.ids()).containsExactly("f3");
    }
    try (FailedCallouts found =
        client.findFailedCallouts(window().objectIds(List.of("inv-1", "pay-1")).build())) {
      assertThat(found.ids()).containsExactly("f1", "f3");
    }
  }

  @Test
  void aFailedJob_aCancelledJob_aCutFile_andAnExpiredLink_eachSaySo() {
    zuora.failNextQueryJob("Query exceeded the maximum time limit of 3600.00s");
    assertThatThrownBy(() -> client.findFailedCallouts(window().build()))
        .isInstanceOfSatisfying(
            QueryJobException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(QueryJobException.Reason.JOB_FAILED);
              assertThat(e.zuoraMessage())
                  .contains("Query exceeded the maximum time limit of 3600.00s");
            });
    zuora.cancelNextQueryJob();
    assertThatThrownBy(() -> client.findFailedCallouts(window().build()))
        .isInstanceOfSatisfying(
            QueryJobException.class,
            e -> assertThat(e.reason()).isEqualTo(QueryJobException.Reason.JOB_CANCELLED));
    zuora.truncateNextResultFile(20);
    assertThatThrownBy(() -> client.findFailedCallouts(window().build()))
        .isInstanceOfSatisfying(
            QueryJobException.class,
            e -> assertThat(e.reason()).isEqualTo(QueryJobException.Reason.DOWNLOAD_FAILED));
    zuora.expireNextResultUrl();
    assertThatThrownBy(() -> client.findFailedCallouts(window().build()))
        .isInstanceOfSatisfying(
            QueryJobException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(QueryJobException.Reason.DOWNLOAD_FAILED);
              assertThat(e.getMessage()).contains("403").contains("expired");
            });
    try (FailedCallouts found = client.findFailedCallouts(window().build())) {
      assertThat(found.ids()).as("the faults were one-shot").containsExactly("f1", "f3");
    }
  }

  @Test
  void aTimeout_cancelsTheJob_onTheSimulator() {
    zuora.queryJobDelay(Duration.ofSeconds(30));
    FailedCalloutQuery q = window().timeout(Duration.ofMillis(600)).build();
    assertThatThrownBy(() -> client.findFailedCallouts(q))
        .isInstanceOfSatisfying(
            QueryJobException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(QueryJobException.Reason.TIMED_OUT);
              assertThat(e.cancelled()).isTrue();
            });
    assertThat(zuora.queryJobsCancelled()).isEqualTo(1);
  }

  @Test
  void twoHundredThousandFailures_areFound_andIterated() {
    try (ZuoraSimulator big =
            ZuoraSimulator.builder()
                .acceptToken(TOKEN)
                .generatedFailures(200_000, T, T.plus(Duration.ofHours(1)))
                .queryJobDelay(Duration.ofMillis(10))
                .maxRecordedRequests(0)
                .start();
        CalloutResendClient c =
            CalloutResendClient.builder().baseUri(big.baseUri()).accessToken(TOKEN).build();
        FailedCallouts found =
            c.findFailedCallouts(
                FailedCalloutQuery.builder().from(T).to(T.plus(Duration.ofHours(1))).build())) {
      assertThat(found.size()).isEqualTo(200_000);
      long n = 0;
      for (String id : found.ids()) {
        assertThat(id).hasSize(32);
        n++;
      }
      assertThat(n).isEqualTo(200_000);
    }
  }
}
