package dev.zuoraclient.callouts.simulator;

import static dev.zuoraclient.callouts.simulator.DataQueryHttp.FROM;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.body;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.delete;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.get;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.json;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.sql;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.submit;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.submitted;
import static dev.zuoraclient.callouts.simulator.DataQueryHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zuoraclient.callouts.testing.ManualClock;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Data Query job's life by the simulator's clock, moved by hand: no test waits. */
class DataQueryLifecycleTest {
  private final ManualClock clock = new ManualClock(FROM.plus(Duration.ofDays(2)));
  private ZuoraSimulator sim;

  @BeforeEach
  void start() {
    sim =
        ZuoraSimulator.builder()
            .acceptToken(DataQueryHttp.TOKEN)
            .clock(clock)
            .queryJobDelay(Duration.ofSeconds(10))
            .calloutHistory(CalloutRecord.failed("a1", FROM.plusSeconds(60), 500))
            .start();
  }

  @AfterEach
  void close() {
    sim.close();
  }

  @Test
  void aJob_isAccepted_thenInProgress_thenCompleted_byTheSimulatorsClock() {
    HttpResponse<byte[]> answer = submit(sim, body(sql(), "GZIP"));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Zuora-Request-Id")).isPresent();
    JsonNode job = json(answer).path("data");
    String id = job.path("id").asText();
    assertThat(UUID.fromString(id)).hasToString(id);
    assertThat(job.path("queryStatus").asText()).isEqualTo("accepted");
    assertThat(job.path("query").asText()).isEqualTo(sql());
    assertThat(job.path("sourceData").asText()).isEqualTo("LIVE");
    assertThat(job.path("createdBy").asText()).isNotEmpty();
    assertThat(job.path("remainingRetries").isInt()).isTrue();
    assertThat(job.path("useIndexJoin").asBoolean(true)).isFalse();
    assertThat(job.path("updatedOn").asText()).isEqualTo(ResultRows.ISO.format(clock.instant()));
    assertThat(job.has("dataFile")).isFalse();

    assertThat(status(id)).isEqualTo("accepted");
    clock.advance(Duration.ofSeconds(5));
    assertThat(status(id)).isEqualTo("in_progress");
    clock.advance(Duration.ofSeconds(5));
    JsonNode done = json(get(sim, id)).path("data");

    assertThat(done.path("queryStatus").asText()).isEqualTo("completed");
    assertThat(done.path("outputRows").asLong()).isEqualTo(1);
    assertThat(done.path("processingTime").asLong()).isEqualTo(10_000);
    assertThat(done.path("dataFile").asText())
        .startsWith(sim.storageBaseUri().toString() + "/")
        .contains("X-Amz-Algorithm=", "X-Amz-Date=", "X-Amz-Expires=", "X-Amz-Signature=");
    assertThat(sim.queryJobsSubmitted()).isEqualTo(1);
  }

  @Test
  void theRequestLog_holdsTheDataQueryCalls() {
    String id = submitted(sim, sql(), "GZIP");
    get(sim, id);
    delete(sim, id);

    assertThat(sim.requests())
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly(
            "POST " + ZuoraSimulator.QUERY_JOBS_PATH,
            "GET " + ZuoraSimulator.QUERY_JOBS_PATH + "/" + id,
            "DELETE " + ZuoraSimulator.QUERY_JOBS_PATH + "/" + id);
    assertThat(sim.requests().get(0).bodyText()).contains("notificationhistorycallout");
  }

  @Test
  void delete_whileInProgress_cancelsTheJob_andCountsIt() {
    String id = submitted(sim, sql(), "GZIP");
    clock.advance(Duration.ofSeconds(6));

    HttpResponse<byte[]> cancelled = delete(sim, id);

    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertThat(json(cancelled).path("data").path("queryStatus").asText()).isEqualTo("cancelled");
    clock.advance(Duration.ofSeconds(60));
    assertThat(status(id)).isEqualTo("cancelled");
    assertThat(json(get(sim, id)).path("data").has("dataFile")).isFalse();
    assertThat(sim.queryJobsCancelled()).isEqualTo(1);
  }

  @Test
  void delete_afterTheJobCompleted_is400_andCancelsNothing() {
    String id = submitted(sim, sql(), "GZIP");
    clock.advance(Duration.ofSeconds(10));

    HttpResponse<byte[]> refused = delete(sim, id);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(refused).path("code").asInt()).isEqualTo(400);
    assertThat(json(refused).path("message").asText()).contains("completed");
    assertThat(status(id)).isEqualTo("completed");
    assertThat(sim.queryJobsCancelled()).isZero();
  }

  @Test
  void failNextQueryJob_endsTheNextJobFailed_withItsMessage_andTheOneAfterCompletes() {
    sim.failNextQueryJob("Query exceeded the maximum time limit of 3600.00s");
    String failed = submitted(sim, sql(), "GZIP");
    String next = submitted(sim, sql(), "GZIP");
    clock.advance(Duration.ofSeconds(10));

    JsonNode job = json(get(sim, failed)).path("data");

    assertThat(job.path("queryStatus").asText()).isEqualTo("failed");
    assertThat(job.path("errorMessage").asText())
        .isEqualTo("Query exceeded the maximum time limit of 3600.00s");
    assertThat(job.has("dataFile")).isFalse();
    assertThat(status(next)).isEqualTo("completed");
  }

  @Test
  void cancelNextQueryJob_endsTheNextJobCancelled_asIfSomeoneElseDid() {
    sim.cancelNextQueryJob();
    String id = submitted(sim, sql(), "GZIP");
    clock.advance(Duration.ofSeconds(5));
    assertThat(status(id)).isEqualTo("in_progress");
    clock.advance(Duration.ofSeconds(5));

    assertThat(status(id)).isEqualTo("cancelled");
    assertThat(sim.queryJobsCancelled()).isZero();
  }

  @Test
  void aForeignJob_is403_toGetAndToDelete() {
    String id = UUID.randomUUID().toString();
    sim.addForeignQueryJob(id);

    HttpResponse<byte[]> seen = get(sim, id);
    HttpResponse<byte[]> cancelled = delete(sim, id);

    assertThat(seen.statusCode()).isEqualTo(403);
    assertThat(json(seen).path("code").asInt()).isEqualTo(403);
    assertThat(json(seen).path("message").asText()).isNotBlank();
    assertThat(cancelled.statusCode()).isEqualTo(403);
    assertThat(sim.queryJobsCancelled()).isZero();
  }

  @Test
  void anUnknownJob_is404() {
    HttpResponse<byte[]> answer = get(sim, UUID.randomUUID().toString());

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(json(answer).path("code").asInt()).isEqualTo(404);
    assertThat(delete(sim, "not_a-valid-id").statusCode()).isEqualTo(404);
  }

  @Test
  void aBadToken_is401_asOnTheResendEndpoint() {
    HttpResponse<byte[]> answer =
        DataQueryHttp.send(
            HttpRequest.newBuilder(sim.baseUri().resolve(ZuoraSimulator.QUERY_JOBS_PATH))
                .header("Authorization", "Bearer wrong")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body(sql(), "GZIP").toString())));

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(text(answer)).isEqualTo("{\"message\":\"Authentication error\"}");
    assertThat(sim.queryJobsSubmitted()).isZero();
  }

  @Test
  void aSubmissionThatIsNotJson_is415() {
    HttpResponse<byte[]> answer =
        DataQueryHttp.send(
            HttpRequest.newBuilder(sim.baseUri().resolve(ZuoraSimulator.QUERY_JOBS_PATH))
                .header("Authorization", "Bearer " + DataQueryHttp.TOKEN)
                .header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString(body(sql(), "GZIP").toString())));

    assertThat(answer.statusCode()).isEqualTo(415);
    assertThat(text(answer))
        .isEqualTo("{\"code\":415,\"message\":\"HTTP 415 Unsupported Media Type\"}");
  }

  @Test
  void anyOtherQuery_is400_invalidQuery() {
    HttpResponse<byte[]> answer =
        submit(sim, body("SELECT Id FROM notificationhistorycallout", "GZIP"));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(json(answer).path("code").asInt()).isEqualTo(400);
    assertThat(json(answer).path("message").asText()).startsWith("Invalid query: ");
    assertThat(sim.queryJobsSubmitted()).isZero();
  }

  @Test
  void otherFormatsAndZip_are400_saying_whatTheSimulatorWrites() {
    ObjectNode csv = body(sql(), "GZIP").put("outputFormat", "CSV");
    ObjectNode zip = body(sql(), "ZIP");
    ObjectNode noOutput = body(sql(), "GZIP");
    noOutput.remove("output");

    assertThat(json(submit(sim, csv)).path("message").asText()).contains("JSON only");
    assertThat(json(submit(sim, zip)).path("message").asText()).contains("NONE or GZIP");
    assertThat(submit(sim, noOutput).statusCode()).isEqualTo(400);
  }

  @Test
  void reset_forgetsJobsForeignJobsCountsAndFaults() {
    String id = submitted(sim, sql(), "GZIP");
    sim.addForeignQueryJob("foreign-1");
    sim.failNextQueryJob("boom");

    sim.reset();

    assertThat(get(sim, id).statusCode()).isEqualTo(404);
    assertThat(get(sim, "foreign-1").statusCode()).isEqualTo(404);
    assertThat(sim.queryJobsSubmitted()).isZero();
    String next = submitted(sim, sql(), "GZIP");
    clock.advance(Duration.ofSeconds(10));
    assertThat(status(next)).isEqualTo("completed");
  }

  private String status(String id) {
    return json(get(sim, id)).path("data").path("queryStatus").asText();
  }
}
