package dev.zuoraclient.callouts.simulator;

import static dev.zuoraclient.callouts.simulator.DataQueryHttp.FROM;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.delete;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.download;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.get;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.json;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.rows;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zuoraclient.callouts.testing.ManualClock;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seeding a provider's states need: a job under a given ID in a given state, and a pre-signed
 * URL the simulator did not make, taken as signed for that URL alone.
 */
class SeededQueryJobTest {
  private static final String JOB = "0f8fad5b-d9cb-469f-a165-70867728950e";
  // Shaped as S3's, signed by nobody: a pact's example.
  private static final String EXAMPLE_QUERY =
      "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261201T020000Z&X-Amz-SignedHeaders=host"
          + "&X-Amz-Expires=3600&X-Amz-Credential=EXAMPLE%2F20261201%2Fus-west-2%2Fs3%2Faws4_request"
          + "&X-Amz-Signature="
          + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final String PATH = "/query-results/" + JOB + ".jsonl.gz";

  private final ManualClock clock = new ManualClock(FROM.plus(Duration.ofDays(40)));
  private ZuoraSimulator sim;

  @BeforeEach
  void start() {
    sim =
        ZuoraSimulator.builder()
            .acceptToken(DataQueryHttp.TOKEN)
            .clock(clock)
            .calloutHistory(
                CalloutRecord.failed("a1", FROM.plusSeconds(1), 500),
                CalloutRecord.succeeded("s1", FROM.plusSeconds(2)),
                CalloutRecord.failed("a2", FROM.plusSeconds(3), -1))
            .start();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void addQueryJob_inProgress_staysSoUntilCancelled() {
    sim.addQueryJob(JOB, "in_progress");
    clock.advance(Duration.ofHours(2));

    assertThat(status(JOB)).isEqualTo("in_progress");
    HttpResponse<byte[]> cancel = delete(sim, JOB);

    assertThat(cancel.statusCode()).isEqualTo(200);
    assertThat(json(cancel).at("/data/queryStatus").asText()).isEqualTo("cancelled");
    assertThat(status(JOB)).isEqualTo("cancelled");
    assertThat(sim.queryJobsSubmitted()).isZero();
    assertThat(sim.queryJobsCancelled()).isEqualTo(1);
  }

  @Test
  void addQueryJob_completed_servesEveryFailedCalloutAtASignedUrl() {
    sim.addQueryJob(JOB, "completed");

    JsonNode job = json(get(sim, JOB)).path("data");

    assertThat(job.path("queryStatus").asText()).isEqualTo("completed");
    assertThat(job.path("outputRows").asLong()).isEqualTo(2);
    HttpResponse<byte[]> file = download(job.path("dataFile").asText());
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(rows(file.body(), true))
        .extracting(r -> r.path("id").asText())
        .containsExactly("a1", "a2");
  }

  @Test
  void addFailedQueryJob_answersFailedWithTheMessage_andCannotBeCancelled() {
    sim.addFailedQueryJob(JOB, "Query exceeded the maximum time limit of 3600.00s");

    JsonNode job = json(get(sim, JOB)).path("data");

    assertThat(job.path("queryStatus").asText()).isEqualTo("failed");
    assertThat(job.path("errorMessage").asText())
        .isEqualTo("Query exceeded the maximum time limit of 3600.00s");
    assertThat(delete(sim, JOB).statusCode()).isEqualTo(400);
  }

  @Test
  void addQueryJob_cancelled_answersCancelled_andReplacesAnEarlierJobOfThatId() {
    sim.addQueryJob(JOB, "accepted");
    sim.addQueryJob(JOB, "cancelled");

    assertThat(status(JOB)).isEqualTo("cancelled");
  }

  @Test
  void addQueryJob_refusesAFailedStateWithoutMessage_anUnknownState_andABadId() {
    assertThatThrownBy(() -> sim.addQueryJob(JOB, "failed"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("addFailedQueryJob");
    assertThatThrownBy(() -> sim.addQueryJob(JOB, "done"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(got 'done')");
    assertThatThrownBy(() -> sim.addQueryJob("a/b", "completed"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jobId");
  }

  @Test
  void aSeededJob_isForgottenByReset() {
    sim.addQueryJob(JOB, "in_progress");

    sim.reset();

    assertThat(get(sim, JOB).statusCode()).isEqualTo(404);
  }

  @Test
  void anUnsignedExampleUrl_isRefusedUntilAccepted_thenServedWhateverTheParametersOrder() {
    sim.addQueryJob(JOB, "completed");
    String url = sim.storageBaseUri() + PATH + "?" + EXAMPLE_QUERY;

    assertThat(text(download(url))).contains("<Code>SignatureDoesNotMatch</Code>");
    sim.acceptResultFileUrl(PATH + "?" + EXAMPLE_QUERY);

    HttpResponse<byte[]> file = download(url);
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(rows(file.body(), true)).hasSize(2);
    String reordered =
        EXAMPLE_QUERY.substring(EXAMPLE_QUERY.indexOf("&X-Amz-Credential") + 1)
            + "&"
            + EXAMPLE_QUERY.substring(0, EXAMPLE_QUERY.indexOf("&X-Amz-Credential"));
    assertThat(download(sim.storageBaseUri() + PATH + "?" + reordered).statusCode()).isEqualTo(200);
  }

  @Test
  void anAcceptedUrl_coversThatUrlAlone_andStillRefusesAnAuthorizationHeader() {
    sim.addQueryJob(JOB, "completed");
    sim.acceptResultFileUrl(PATH + "?" + EXAMPLE_QUERY);
    String other = EXAMPLE_QUERY.replace("X-Amz-Expires=3600", "X-Amz-Expires=7200");

    assertThat(text(download(sim.storageBaseUri() + PATH + "?" + other)))
        .contains("<Code>SignatureDoesNotMatch</Code>");
    assertThat(
            download(
                    sim.storageBaseUri() + PATH + "?" + EXAMPLE_QUERY,
                    "Authorization",
                    "Bearer " + DataQueryHttp.TOKEN)
                .statusCode())
        .isEqualTo(400);
    sim.reset();
    sim.addQueryJob(JOB, "completed");
    assertThat(text(download(sim.storageBaseUri() + PATH + "?" + EXAMPLE_QUERY)))
        .as("forgotten by reset()")
        .contains("<Code>SignatureDoesNotMatch</Code>");
  }

  @Test
  void acceptResultFileUrl_refusesAFullUrlOrOneWithoutQuery() {
    assertThatThrownBy(
            () -> sim.acceptResultFileUrl(URI.create("https://s3.example" + PATH).toString()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sim.acceptResultFileUrl(PATH))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private String status(String id) {
    return json(get(sim, id)).at("/data/queryStatus").asText();
  }
}
