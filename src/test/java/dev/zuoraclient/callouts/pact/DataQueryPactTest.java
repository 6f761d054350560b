package dev.zuoraclient.callouts.pact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.DslPart;
import au.com.dius.pact.consumer.dsl.LambdaDsl;
import au.com.dius.pact.consumer.dsl.LambdaDslObject;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithPath;
import au.com.dius.pact.consumer.dsl.PactDslResponse;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.consumer.model.MockServerImplementation;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.RetryPolicy;
import dev.zuoraclient.callouts.exception.ZuoraPermissionException;
import dev.zuoraclient.callouts.history.FailedCalloutQuery;
import dev.zuoraclient.callouts.history.QueryJobException;
import dev.zuoraclient.callouts.history.QueryJobException.Reason;
import dev.zuoraclient.callouts.history.QueryJobListener;
import dev.zuoraclient.callouts.internal.FailedCalloutSql;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What {@code findFailedCallouts} needs from Zuora's Data Query on the API host: the submission of
 * its query, then each state a poll can find the job in, and the cancel the client sends when it
 * gives up on a job. Each test drives the real client against Pact's mock server through one path
 * (a mock server answers the same request the same way every time) and checks the typed outcome.
 *
 * <p>The result file is on another host, a provider of its own: {@link QueryResultFilePactTest}.
 * Here the completed job's {@code dataFile} points at a host that cannot resolve, so that the pact
 * holds no port of a test's server; the client reaches the download and fails it.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(
    providerName = PactParticipants.DATA_QUERY_PROVIDER,
    pactVersion = PactSpecVersion.V4,
    mockServerImplementation = MockServerImplementation.JavaHttpServer)
class DataQueryPactTest {
  static final String JOBS_PATH = "/query/jobs";
  static final String JOB = "c8a8a6a4-8a3e-4a43-9d0e-1f1f6a9b2b51";
  static final String TOKEN = "7f7fe1b5b2a24e1c8d0b6f2c1e9d3a44";
  static final String REQUEST_ID = "3e1f6c2a-8b4d-4f0e-9a7c-5d2b1e0f3a6c";
  static final String FAILED_MESSAGE = "Query exceeded the maximum time limit of 3600.00s";

  static final Instant FROM = Instant.parse("2026-12-01T02:00:00Z");
  static final Instant TO = Instant.parse("2026-12-01T06:00:00Z");

  static final String JSON_TYPE = "application/json(;\\s*charset=(UTF|utf)-8)?";
  static final String BEARER = "Bearer \\S+";
  static final String REQUEST_ID_RULE = "[!-~]{36}";
  // The spec's job ID, which the client puts in a path.
  static final String JOB_ID_RULE = "[A-Za-z0-9-]{1,64}";
  // What the client sends is its own failed-callout query over the callout history table.
  static final String QUERY_RULE = "(?s)SELECT\\s.+\\sFROM notificationhistorycallout\\s.+";
  // The client downloads over https, or plain http from a loopback host (the simulator's).
  static final String DATA_FILE_RULE =
      "https://[^/\\s]+/\\S+|http://(127\\.0\\.0\\.1|localhost)(:\\d+)?/\\S+";
  // An example that never reaches a server: .invalid never resolves (RFC 2606).
  static final String DATA_FILE =
      "https://query-results.invalid/query-results/"
          + JOB
          + ".jsonl.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261201T060500Z"
          + "&X-Amz-SignedHeaders=host&X-Amz-Expires=3600"
          + "&X-Amz-Credential=EXAMPLE%2F20261201%2Fus-west-2%2Fs3%2Faws4_request"
          + "&X-Amz-Signature=8f1d6c0b2a4e7f3d5c9b1a0e2f4d6c8b0a1e3f5d7c9b2a4e6f8d0c1b3a5e7f9d";

  /** The query every test finds with; its SQL is the submission's example. */
  static FailedCalloutQuery query(Duration timeout) {
    return FailedCalloutQuery.builder().from(FROM).to(TO).timeout(timeout).build();
  }

  // ---- the interactions ----

  @Pact(consumer = PactParticipants.CONSUMER)
  V4Pact jobStillRunning(PactDslWithProvider builder) {
    PactDslResponse submitted = submission(builder);
    PactDslResponse polled =
        jobAnswer(
            poll(submitted, "a query job is in progress", job(), "that is in progress"),
            "in_progress",
            o -> {});
    return jobAnswer(
            cancel(polled, "a query job is in progress", job(), "that is in progress"),
            "cancelled",
            o -> {})
        .toPact(V4Pact.class);
  }

  @Pact(consumer = PactParticipants.CONSUMER)
  V4Pact jobCompleted(PactDslWithProvider builder) {
    return jobAnswer(
            poll(submission(builder), "a query job has completed", job(), "that has completed"),
            "completed",
            o ->
                o.stringMatcher("dataFile", DATA_FILE_RULE, DATA_FILE).integerType("outputRows", 2))
        .toPact(V4Pact.class);
  }

  @Pact(consumer = PactParticipants.CONSUMER)
  V4Pact jobFailed(PactDslWithProvider builder) {
    Map<String, Object> params = job();
    params.put("errorMessage", FAILED_MESSAGE);
    return jobAnswer(
            poll(submission(builder), "a query job has failed", params, "that has failed"),
            "failed",
            o -> o.stringType("errorMessage", FAILED_MESSAGE))
        .toPact(V4Pact.class);
  }

  @Pact(consumer = PactParticipants.CONSUMER)
  V4Pact jobCancelledBySomeoneElse(PactDslWithProvider builder) {
    return jobAnswer(
            poll(submission(builder), "a query job was cancelled", job(), "that was cancelled"),
            "cancelled",
            o -> {})
        .toPact(V4Pact.class);
  }

  @Pact(consumer = PactParticipants.CONSUMER)
  V4Pact jobOfAnotherUser(PactDslWithProvider builder) {
    PactDslResponse polled =
        forbidden(
            poll(
                submission(builder),
                "a query job of another user exists",
                job(),
                "of another user"),
            "You are forbidden from viewing this job.");
    return forbidden(
            cancel(polled, "a query job of another user exists", job(), "of another user"),
            "You are forbidden from cancelling this job.")
        .toPact(V4Pact.class);
  }

  // ---- the client against each path ----

  @Test
  @PactTestFor(pactMethod = "jobStillRunning")
  void find_whenTheJobOutlastsTheTimeout_cancelsItAndThrowsTimedOut(MockServer zuora) {
    List<String> states = new CopyOnWriteArrayList<>();

    QueryJobException e = find(zuora, Duration.ofSeconds(1), states);

    assertThat(e.reason()).isEqualTo(Reason.TIMED_OUT);
    assertThat(e.jobId()).contains(JOB);
    assertThat(e.cancelled()).isTrue();
    assertThat(states).containsExactly("accepted", "in_progress");
  }

  @Test
  @PactTestFor(pactMethod = "jobCompleted")
  void find_whenTheJobCompleted_downloadsItsDataFile(MockServer zuora) {
    List<String> states = new CopyOnWriteArrayList<>();

    QueryJobException e = find(zuora, Duration.ofSeconds(30), states);

    // The example's host never resolves: reaching the download is what this pact shows.
    assertThat(states).containsExactly("accepted", "completed", "downloading");
    assertThat(e.reason()).isEqualTo(Reason.DOWNLOAD_FAILED);
    assertThat(e.jobId()).contains(JOB);
    assertThat(e.cancelled()).isFalse();
  }

  @Test
  @PactTestFor(pactMethod = "jobFailed")
  void find_whenTheJobFailed_throwsJobFailedWithZuorasMessage(MockServer zuora) {
    List<String> states = new CopyOnWriteArrayList<>();

    QueryJobException e = find(zuora, Duration.ofSeconds(30), states);

    assertThat(e.reason()).isEqualTo(Reason.JOB_FAILED);
    assertThat(e.zuoraMessage()).contains(FAILED_MESSAGE);
    assertThat(e.getMessage()).contains(FAILED_MESSAGE);
    assertThat(e.cancelled()).isFalse();
    assertThat(states).containsExactly("accepted", "failed");
  }

  @Test
  @PactTestFor(pactMethod = "jobCancelledBySomeoneElse")
  void find_whenSomeoneElseCancelledTheJob_throwsJobCancelled(MockServer zuora) {
    List<String> states = new CopyOnWriteArrayList<>();

    QueryJobException e = find(zuora, Duration.ofSeconds(30), states);

    assertThat(e.reason()).isEqualTo(Reason.JOB_CANCELLED);
    assertThat(e.jobId()).contains(JOB);
    assertThat(e.cancelled()).isFalse();
    assertThat(states).containsExactly("accepted", "cancelled");
  }

  @Test
  @PactTestFor(pactMethod = "jobOfAnotherUser")
  void find_whenThePollIsForbidden_throwsCallFailedAndReportsTheJobNotCancelled(MockServer zuora) {
    List<String> states = new CopyOnWriteArrayList<>();

    QueryJobException e = find(zuora, Duration.ofSeconds(30), states);

    assertThat(e.reason()).isEqualTo(Reason.CALL_FAILED);
    assertThat(e.cancelled()).isFalse();
    assertThat(e.getCause())
        .isInstanceOfSatisfying(
            ZuoraPermissionException.class,
            p -> {
              assertThat(p.statusCode()).hasValue(403);
              assertThat(p.zuoraMessage()).contains("You are forbidden from viewing this job.");
              assertThat(p.requestId()).contains(REQUEST_ID);
            });
    assertThat(states).containsExactly("accepted");
  }

  // ---- helpers ----

  private static QueryJobException find(MockServer zuora, Duration timeout, List<String> states) {
    QueryJobListener listener = (jobId, state, elapsed) -> states.add(state);
    try (CalloutResendClient client =
        CalloutResendClient.builder()
            .baseUri(zuora.getUrl())
            .accessToken(TOKEN)
            .retryPolicy(RetryPolicy.none())
            .readTimeout(Duration.ofSeconds(5))
            .build()) {
      QueryJobException e =
          catchThrowableOfType(
              QueryJobException.class, () -> client.findFailedCallouts(query(timeout), listener));
      assertThat(e).as("the find's exception").isNotNull();
      return e;
    }
  }

  /** The submission every find starts with, answered with a job that has not ended. */
  private static PactDslResponse submission(PactDslWithProvider builder) {
    DslPart body =
        LambdaDsl.newJsonBody(
                o ->
                    o.stringMatcher(
                            "query", QUERY_RULE, FailedCalloutSql.of(query(Duration.ofSeconds(1))))
                        .stringValue("outputFormat", "JSON")
                        .stringValue("compression", "GZIP")
                        .object("output", out -> out.stringValue("target", "S3"))
                        .stringValue("sourceData", "LIVE"))
            .build();
    return builder
        .given("the access token is valid", Map.of("token", TOKEN))
        .uponReceiving("a submission of the failed-callout query")
        .method("POST")
        .path(JOBS_PATH)
        .matchHeader("Content-Type", JSON_TYPE, "application/json")
        .matchHeader("Authorization", BEARER, "Bearer " + TOKEN)
        .body(body)
        .willRespondWith()
        .status(200)
        .matchHeader("Content-Type", JSON_TYPE, "application/json")
        .body(
            LambdaDsl.newJsonBody(
                    root ->
                        root.object(
                            "data",
                            d ->
                                d.stringMatcher("id", JOB_ID_RULE, JOB)
                                    // not ended: the client polls it
                                    .stringMatcher(
                                        "queryStatus",
                                        "submitted|accepted|in_progress",
                                        "accepted")))
                .build());
  }

  private static PactDslRequestWithPath poll(
      PactDslResponse previous, String state, Map<String, Object> params, String which) {
    return previous
        .given("the access token is valid", Map.of("token", TOKEN))
        .given(state, params)
        .uponReceiving("a poll of a query job " + which)
        .method("GET")
        .path(JOBS_PATH + "/" + JOB)
        .matchHeader("Authorization", BEARER, "Bearer " + TOKEN);
  }

  private static PactDslRequestWithPath cancel(
      PactDslResponse previous, String state, Map<String, Object> params, String which) {
    return previous
        .given("the access token is valid", Map.of("token", TOKEN))
        .given(state, params)
        .uponReceiving("a cancellation of a query job " + which)
        .method("DELETE")
        .path(JOBS_PATH + "/" + JOB)
        .matchHeader("Authorization", BEARER, "Bearer " + TOKEN);
  }

  private static PactDslResponse jobAnswer(
      PactDslRequestWithPath request, String status, Consumer<LambdaDslObject> more) {
    return request
        .willRespondWith()
        .status(200)
        .matchHeader("Content-Type", JSON_TYPE, "application/json")
        .body(
            LambdaDsl.newJsonBody(
                    root ->
                        root.object(
                            "data",
                            d -> {
                              d.stringMatcher("id", JOB_ID_RULE, JOB)
                                  .stringValue("queryStatus", status);
                              more.accept(d);
                            }))
                .build());
  }

  private static PactDslResponse forbidden(PactDslRequestWithPath request, String message) {
    return request
        .willRespondWith()
        .status(403)
        .matchHeader("Content-Type", JSON_TYPE, "application/json")
        .matchHeader("Zuora-Request-Id", REQUEST_ID_RULE, REQUEST_ID)
        .body(
            LambdaDsl.newJsonBody(o -> o.integerType("code", 403).stringType("message", message))
                .build());
  }

  private static Map<String, Object> job() {
    Map<String, Object> params = new TreeMap<>();
    params.put("jobId", JOB);
    return params;
  }
}
