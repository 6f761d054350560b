package dev.zuoraclient.callouts.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.ResendResult;
import dev.zuoraclient.callouts.RetryPolicy;
import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import dev.zuoraclient.callouts.exception.ZuoraAuthenticationException;
import dev.zuoraclient.callouts.exception.ZuoraException;
import dev.zuoraclient.callouts.exception.ZuoraOutcomeUnknownException;
import dev.zuoraclient.callouts.exception.ZuoraRateLimitException;
import dev.zuoraclient.callouts.exception.ZuoraServerException;
import dev.zuoraclient.callouts.exception.ZuoraServiceException;
import dev.zuoraclient.callouts.testing.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Retries, observed from the server: what was sent, how often, with which key, after which wait.
 */
class RetryTest {
  static final String PATH = "/notifications/callout-histories/resend";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  /** Records waits instead of sleeping, and moves the clock by them. */
  final List<Duration> waits = new CopyOnWriteArrayList<>();

  static final HttpSettings HTTP =
      new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));

  final ManualClock clock = new ManualClock();
  final Sleeper sleeper =
      d -> {
        waits.add(d);
        clock.advance(d);
      };

  ResendExecutor executor(RetryPolicy policy, AccessTokenProvider tokens, Duration readTimeout) {
    HttpSettings http = new HttpSettings(Duration.ofSeconds(2), readTimeout, readTimeout);
    return new ResendExecutor(
        URI.create(wm.baseUrl()),
        tokens,
        http,
        HttpLogLevel.NONE,
        policy,
        sleeper,
        clock,
        http.transport(),
        Telemetry.NONE);
  }

  ResendExecutor executor(RetryPolicy policy) {
    return executor(policy, AccessTokenProvider.fixed("tok"), Duration.ofSeconds(5));
  }

  static ResendCall call(String key, String... ids) {
    return new ResendCall(List.of(ids), "track-r", key, null, null, false);
  }

  /** Answers in turn, then keeps answering the last one. */
  static void answerInTurn(ResponseDefinitionBuilder... answers) {
    for (int i = 0; i < answers.length; i++) {
      String state = i == 0 ? Scenario.STARTED : "step-" + i;
      String next = i == answers.length - 1 ? state : "step-" + (i + 1);
      wm.stubFor(
          post(urlEqualTo(PATH))
              .inScenario("sequence")
              .whenScenarioStateIs(state)
              .willReturn(answers[i])
              .willSetStateTo(next));
    }
  }

  static List<LoggedRequest> sent() {
    return wm.findAll(postRequestedFor(urlEqualTo(PATH)));
  }

  static ResponseDefinitionBuilder status(int status) {
    return aResponse()
        .withStatus(status)
        .withHeader("Zuora-Request-Id", "req-" + status + "-000000000000000000000000000")
        .withHeader("Content-Type", "application/json")
        .withBody(status == 202 ? "" : "{\"message\":\"status " + status + "\"}");
  }

  @Test
  void resend_retries503ThenSucceeds_withTheSameIdempotencyKeyOnEveryAttempt() {
    answerInTurn(status(503), status(503), status(202));

    ResendResult result = executor(RetryPolicy.defaults()).resend(call("key-1", "h1", "h2"));

    assertThat(result.isAllAccepted()).isTrue();
    assertThat(sent()).hasSize(3);
    assertThat(sent()).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly("key-1");
    assertThat(sent()).extracting(LoggedRequest::getBodyAsString).containsOnly("[\"h1\",\"h2\"]");
    assertThat(waits).hasSize(2);
  }

  @Test
  void backoff_growsExponentiallyWithJitter_andIsCapped() {
    answerInTurn(status(500));
    RetryPolicy policy =
        RetryPolicy.builder()
            .maxAttempts(6)
            .initialBackoff(Duration.ofMillis(400))
            .maxBackoff(Duration.ofMillis(2000))
            .deadline(Duration.ofHours(1))
            .build();

    ZuoraServerException e =
        catchThrowableOfType(
            ZuoraServerException.class, () -> executor(policy).resend(call("k", "h1")));

    assertThat(e.attempts()).isEqualTo(6);
    assertThat(e.getMessage()).contains("attempts=6");
    assertThat(sent()).hasSize(6);
    long[] expected = {400, 800, 1600, 2000, 2000};
    assertThat(waits).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(waits.get(i).toMillis()).as("wait %d", i).isBetween(expected[i] / 2, expected[i]);
    }
  }

  @Test
  void resend_on429_waitsExactlyWhatRetryAfterAsks() {
    answerInTurn(status(429).withHeader("Retry-After", "7"), status(202));

    executor(RetryPolicy.defaults()).resend(call("k", "h1"));

    assertThat(waits)
        .singleElement()
        .satisfies(w -> assertThat(w).isBetween(Duration.ofSeconds(7), Duration.ofMillis(7_700)));
    assertThat(sent()).hasSize(2);
  }

  @Test
  void resend_on429WithoutRetryAfter_waitsForRateLimitReset() {
    answerInTurn(status(429).withHeader("RateLimit-Reset", "3"), status(202));

    executor(RetryPolicy.defaults()).resend(call("k", "h1"));

    assertThat(waits)
        .singleElement()
        .satisfies(w -> assertThat(w).isBetween(Duration.ofSeconds(3), Duration.ofMillis(3_300)));
  }

  @Test
  void resend_on429WithHttpDateRetryAfter_waitsUntilThatDate() {
    String inFiveSeconds =
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
            clock.instant().plusSeconds(5).atZone(ZoneOffset.UTC));
    answerInTurn(status(429).withHeader("Retry-After", inFiveSeconds), status(202));

    executor(RetryPolicy.defaults()).resend(call("k", "h1"));

    assertThat(waits)
        .singleElement()
        .satisfies(w -> assertThat(w).isBetween(Duration.ofSeconds(5), Duration.ofMillis(5_500)));
  }

  @Test
  void resend_on503WithRetryAfter_waitsWhatItAsks() {
    answerInTurn(status(503).withHeader("Retry-After", "4"), status(202));

    executor(RetryPolicy.defaults()).resend(call("k", "h1"));

    assertThat(waits)
        .singleElement()
        .satisfies(w -> assertThat(w).isBetween(Duration.ofSeconds(4), Duration.ofMillis(4_400)));
  }

  @Test
  void resend_whenAnEarlierAttemptTimedOut_andTheLastIsRefused_reportsAnUnknownOutcome() {
    answerInTurn(status(202).withFixedDelay(1_500), status(429).withHeader("Retry-After", "600"));

    ZuoraOutcomeUnknownException e =
        catchThrowableOfType(
            ZuoraOutcomeUnknownException.class,
            () ->
                executor(
                        RetryPolicy.defaults(),
                        AccessTokenProvider.fixed("tok"),
                        Duration.ofMillis(300))
                    .resend(call("k", "h1")));

    assertThat(e.reason()).isEqualTo(ZuoraOutcomeUnknownException.Reason.INCONCLUSIVE_RETRIES);
    assertThat(e.getCause()).isInstanceOf(ZuoraRateLimitException.class);
    assertThat(e.statusCode()).hasValue(429);
    assertThat(e.attempts()).isEqualTo(2);
  }

  @Test
  void resend_whenRetriesEndIn409_saysTheNotificationsMayHaveBeenResent() {
    answerInTurn(status(409));

    ZuoraServiceException e =
        catchThrowableOfType(
            ZuoraServiceException.class,
            () -> executor(RetryPolicy.defaults()).resend(call("k", "h1")));

    assertThat(e.statusCode()).hasValue(409);
    assertThat(e.mayHaveBeenResent()).isTrue();
    assertThat(e.attempts()).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 201, 204})
  void resend_whenTheAnswerIsA2xxOtherThan202_reportsAnUnknownOutcome(int status) {
    answerInTurn(aResponse().withStatus(status));

    ZuoraOutcomeUnknownException e =
        catchThrowableOfType(
            ZuoraOutcomeUnknownException.class,
            () -> executor(RetryPolicy.defaults()).resend(call("k", "h1")));

    assertThat(e.reason()).isEqualTo(ZuoraOutcomeUnknownException.Reason.UNEXPECTED_RESPONSE);
    assertThat(e.statusCode()).hasValue(status);
    assertThat(sent()).hasSize(1);
  }

  @Test
  void resend_whenRetryAfterWouldPassTheDeadline_givesUpAtOnce() {
    answerInTurn(status(429).withHeader("Retry-After", "600"), status(202));

    ZuoraRateLimitException e =
        catchThrowableOfType(
            ZuoraRateLimitException.class,
            () -> executor(RetryPolicy.defaults()).resend(call("k", "h1")));

    assertThat(e.attempts()).isEqualTo(1);
    assertThat(waits).isEmpty();
    assertThat(sent()).hasSize(1);
  }

  @Test
  void resend_stopsAtTheDeadline_evenWithAttemptsLeft() {
    answerInTurn(status(503));
    RetryPolicy policy =
        RetryPolicy.builder()
            .maxAttempts(10)
            .initialBackoff(Duration.ofSeconds(4))
            .maxBackoff(Duration.ofSeconds(4))
            .deadline(Duration.ofSeconds(10))
            .build();

    ZuoraServerException e =
        catchThrowableOfType(
            ZuoraServerException.class, () -> executor(policy).resend(call("k", "h1")));

    long waited = waits.stream().mapToLong(Duration::toMillis).sum();
    assertThat(waited).isLessThanOrEqualTo(10_000);
    assertThat(e.attempts()).isEqualTo(sent().size()).isBetween(3, 6);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 403, 404, 422, 501})
  void resend_neverRetriesStatusesThatWouldFailAgain(int status) {
    answerInTurn(status(status), status(202));

    ZuoraServiceException e =
        catchThrowableOfType(
            ZuoraServiceException.class,
            () -> executor(RetryPolicy.defaults()).resend(call("k", "h1")));

    assertThat(e.statusCode()).hasValue(status);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(sent()).hasSize(1);
    assertThat(waits).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {409, 500, 502, 504})
  void resend_retriesTransientStatuses(int status) {
    answerInTurn(status(status), status(202));

    executor(RetryPolicy.defaults()).resend(call("k", "h1"));

    assertThat(sent()).hasSize(2);
  }

  @Test
  void resend_retriesAConnectionReset_andReportsUnknownWhenExhausted() {
    answerInTurn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    ZuoraOutcomeUnknownException e =
        catchThrowableOfType(
            ZuoraOutcomeUnknownException.class,
            () -> executor(RetryPolicy.defaults()).resend(call("k", "h1", "h2")));

    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e.ids()).containsExactly("h1", "h2");
    assertThat(e.idempotencyKey()).contains("k");
    assertThat(sent()).hasSize(3);
  }

  @Test
  void resend_retriesAReadTimeout() {
    answerInTurn(status(202).withFixedDelay(1_500), status(202));

    ResendResult result =
        executor(RetryPolicy.defaults(), AccessTokenProvider.fixed("tok"), Duration.ofMillis(300))
            .resend(call("k", "h1"));

    assertThat(result.isAllAccepted()).isTrue();
    assertThat(sent()).hasSize(2);
    assertThat(sent()).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly("k");
  }

  @Test
  void resend_doesNotRetryAMalformedBody_sinceAReplayWouldRepeatIt() {
    answerInTurn(status(202).withBody("{not json"), status(202));

    ZuoraOutcomeUnknownException e =
        catchThrowableOfType(
            ZuoraOutcomeUnknownException.class,
            () -> executor(RetryPolicy.defaults()).resend(call("k", "h1")));

    assertThat(e.reason()).isEqualTo(ZuoraOutcomeUnknownException.Reason.UNDECODABLE_RESPONSE);
    assertThat(sent()).hasSize(1);
  }

  @Test
  void resend_on401_refreshesTheTokenOnceAndRetriesOnce() {
    answerInTurn(status(401), status(202));
    AtomicInteger issued = new AtomicInteger();
    List<String> invalidated = new CopyOnWriteArrayList<>();
    AccessTokenProvider refreshing =
        new AccessTokenProvider() {
          volatile String current = "token-" + issued.incrementAndGet();

          @Override
          public String accessToken() {
            return current;
          }

          @Override
          public boolean invalidate(String rejected) {
            invalidated.add(rejected);
            current = "token-" + issued.incrementAndGet();
            return true;
          }
        };

    ResendResult result =
        executor(RetryPolicy.none(), refreshing, Duration.ofSeconds(5)).resend(call("k", "h1"));

    assertThat(result.isAllAccepted()).isTrue();
    assertThat(invalidated).containsExactly("token-1");
    assertThat(sent())
        .extracting(r -> r.getHeader("Authorization"))
        .containsExactly("Bearer token-1", "Bearer token-2");
    assertThat(sent()).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly("k");
  }

  @Test
  void resend_on401Twice_givesUpAfterOneRefresh() {
    answerInTurn(status(401));
    AccessTokenProvider refreshing =
        new AccessTokenProvider() {
          @Override
          public String accessToken() {
            return "tok";
          }

          @Override
          public boolean invalidate(String rejected) {
            return true;
          }
        };

    catchThrowableOfType(
        ZuoraAuthenticationException.class,
        () ->
            executor(RetryPolicy.defaults(), refreshing, Duration.ofSeconds(5))
                .resend(call("k", "h1")));

    assertThat(sent()).hasSize(2);
  }

  @Test
  void resend_on401WithAFixedToken_doesNotRetry() {
    answerInTurn(status(401), status(202));

    catchThrowableOfType(
        ZuoraAuthenticationException.class,
        () -> executor(RetryPolicy.defaults()).resend(call("k", "h1")));

    assertThat(sent()).hasSize(1);
  }

  @Test
  void resend_whenInterruptedWhileWaiting_stopsWithTheLastErrorAndKeepsTheInterrupt() {
    answerInTurn(status(503), status(202));
    ResendExecutor interrupting =
        new ResendExecutor(
            URI.create(wm.baseUrl()),
            AccessTokenProvider.fixed("tok"),
            HTTP,
            HttpLogLevel.NONE,
            RetryPolicy.defaults(),
            d -> {
              throw new InterruptedException();
            },
            clock,
            HTTP.transport(),
            Telemetry.NONE);

    try {
      ZuoraException e =
          catchThrowableOfType(
              ZuoraServerException.class, () -> interrupting.resend(call("k", "h1")));
      assertThat(e.statusCode()).hasValue(503);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(sent()).hasSize(1);
  }

  @Test
  void everyAttemptOfOneCall_carriesTheSameHeaders() {
    answerInTurn(status(502), status(503), status(202));

    executor(RetryPolicy.defaults()).resend(call("same-key", "h1"));

    List<String> signatures =
        sent().stream()
            .map(
                r ->
                    r.getHeader("Idempotency-Key")
                        + "|"
                        + r.getHeader("Zuora-Track-Id")
                        + "|"
                        + r.getBodyAsString())
            .distinct()
            .collect(Collectors.toList());
    assertThat(signatures).containsExactly("same-key|track-r|[\"h1\"]");
  }
}
