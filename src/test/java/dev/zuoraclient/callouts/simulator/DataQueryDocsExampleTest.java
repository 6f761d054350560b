package dev.zuoraclient.callouts.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Data Query example of docs/testing.md, run (DocsTest checks the document shows it). */
class DataQueryDocsExampleTest {

  @Test
  void theDocumentedSetup_failsOneJob_thenFindsTheSupersededFailure() {
    Instant t = DataQueryHttp.FROM.plusSeconds(3600);
    // snippet: simulator-data-query
    ZuoraSimulator zuora =
        ZuoraSimulator.builder()
            .acceptToken("test-token")
            .calloutHistory(
                CalloutRecord.failed("a1", t, 500).withNotification("n1").withObject("inv-1"),
                CalloutRecord.succeeded("a2", t.plusSeconds(60))
                    .withNotification("n1")
                    .withObject("inv-1"))
            .queryJobDelay(Duration.ofMillis(20)) // accepted, in_progress, completed
            .start();
    zuora.failNextQueryJob("Query exceeded the maximum time limit of 3600.00s");
    // end snippet
    try (zuora) {
      String failed = DataQueryHttp.submitted(zuora, DataQueryHttp.sql(), "GZIP");
      String next = DataQueryHttp.submitted(zuora, DataQueryHttp.sql(), "GZIP");

      assertThat(DataQueryHttp.ended(zuora, failed).path("queryStatus").asText())
          .isEqualTo("failed");
      JsonNode row =
          DataQueryHttp.rows(
                  DataQueryHttp.download(DataQueryHttp.ended(zuora, next).path("dataFile").asText())
                      .body(),
                  true)
              .get(0);
      assertThat(row.path("id").asText()).isEqualTo("a1");
      assertThat(row.path("succeeded_later_at").asText()).isEqualTo("2026-12-01T01:01:00.000Z");
    }
  }
}
