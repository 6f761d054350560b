package dev.zuoraclient.callouts;

import static dev.zuoraclient.callouts.testing.HostileServer.cutBody;
import static dev.zuoraclient.callouts.testing.HostileServer.cutChunked;
import static dev.zuoraclient.callouts.testing.HostileServer.drip;
import static dev.zuoraclient.callouts.testing.HostileServer.dripHead;
import static dev.zuoraclient.callouts.testing.HostileServer.interim;
import static dev.zuoraclient.callouts.testing.HostileServer.large;
import static dev.zuoraclient.callouts.testing.HostileServer.raw;
import static dev.zuoraclient.callouts.testing.HostileServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import dev.zuoraclient.callouts.auth.ClientCredentialsTokenProvider;
import dev.zuoraclient.callouts.exception.ZuoraAuthenticationException;
import dev.zuoraclient.callouts.exception.ZuoraException;
import dev.zuoraclient.callouts.exception.ZuoraOutcomeUnknownException;
import dev.zuoraclient.callouts.exception.ZuoraOutcomeUnknownException.Reason;
import dev.zuoraclient.callouts.exception.ZuoraRateLimitException;
import dev.zuoraclient.callouts.exception.ZuoraServerException;
import dev.zuoraclient.callouts.exception.ZuoraServiceException;
import dev.zuoraclient.callouts.exception.ZuoraTokenException;
import dev.zuoraclient.callouts.testing.HostileServer;
import dev.zuoraclient.callouts.testing.ManualClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The outcome is never misreported, whatever a server or the network does: each case is a raw
 * socket server misbehaving the way a broken proxy, an unlucky network or an attacker would.
 */
class HostileAnswersTest {
  static final String PATH = "/notifications/callout-histories/resend";
  static final List<String> IDS = List.of("h1", "h2");
  static final String PARTIAL = "{\"h2\":{\"code\":\"ObjectNotFound\",\"message\":\"gone\"}}";
  static final String TOKEN = "tok-0123456789abcdef";

  final HostileServer server = HostileServer.start();

  final List<Handler> handlers = new ArrayList<>();

  @AfterEach
  void stop() {
    server.close();
    handlers.forEach(HTTP_LOG::removeHandler);
  }

  CalloutResendClient.Builder builder() {
    return CalloutResendClient.builder()
        .baseUri(server.baseUrl())
        .accessToken(TOKEN)
        .retryPolicy(fastRetries(3));
  }

  static RetryPolicy fastRetries(int attempts) {
    return RetryPolicy.builder()
        .maxAttempts(attempts)
        .initialBackoff(Duration.ofMillis(5))
        .maxBackoff(Duration.ofMillis(10))
        .build();
  }

  CalloutResendClient once() {
    return builder().retryPolicy(RetryPolicy.none()).build();
  }

  // ---- wrong outcomes ----

  @Test
  void a202CutBeforeItsAnnouncedBody_isAnUnknownOutcome_neverAllAccepted() {
    server.answering(cutBody(202, 1082, ""));

    ZuoraOutcomeUnknownException e =
        catchThrowableOfType(ZuoraOutcomeUnknownException.class, () -> once().resend(IDS));

    assertThat(e.reason()).isEqualTo(Reason.IO_FAILURE);
    assertThat(e.ids()).isEqualTo(IDS);
    assertThat(e.idempotencyKey()).isPresent();
    assertThat(e.statusCode()).hasValue(202);
  }

  @Test
  void a202CutInTheMiddleOfItsBody_orOfItsChunks_orOfItsHead_isAnUnknownOutcome() {
    server.answering(cutBody(202, PARTIAL.length(), PARTIAL.substring(0, 20)));
    assertThat(catchThrowableOfType(ZuoraOutcomeUnknownException.class, () -> once().resend(IDS)))
        .isNotNull();

    server.answering(cutChunked(202, PARTIAL.substring(0, 20)));
    assertThat(catchThrowableOfType(ZuoraOutcomeUnknownException.class, () -> once().resend(IDS)))
        .isNotNull();

    server.answering(raw("HTTP/1.1 202 Acc"));
    assertThat(catchThrowableOfType(ZuoraOutcomeUnknownException.class, () -> once().resend(IDS)))
        .isNotNull();
  }

  @Test
  void aCutAnswer_isRetriedWithTheSameKey_andTheReplayIsUsed() {
    server.answering(cutBody(202, 1082, ""), status(202, PARTIAL));

    ResendResult r = builder().build().resend(IDS);

    assertThat(r.outcome()).isEqualTo(ResendResult.Outcome.PARTIALLY_ACCEPTED);
    assertThat(server.received(PATH)).hasSize(2);
    assertThat(server.received(PATH).get(1).headers().get("idempotency-key"))
        .isEqualTo(server.received(PATH).get(0).headers().get("idempotency-key"));
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 102, 103})
  void interimAnswers_areSkipped_andTheFinalAnswerIsUsed(int interim) {
    server.answering(interim(interim, status(202, PARTIAL)));
    long start = System.nanoTime();

    ResendResult r = once().resend(IDS);

    assertThat(r.outcome()).isEqualTo(ResendResult.Outcome.PARTIALLY_ACCEPTED);
    assertThat(r.accepted()).containsExactly("h1");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void afterAnAttemptThatMayHaveReachedZuora_aTokenFailure_isAnUnknownOutcome_withIdsAndKey() {
    ManualClock clock = new ManualClock();
    AtomicInteger tokenRequests = new AtomicInteger();
    HostileServer.Answer tokenOk = HostileServer.token(TOKEN, "3599");
    HostileServer.Answer tokenRefused = status(401, "{\"message\":\"Authentication error\"}");
    HostileServer.Answer resendStalls =
        (r, out) -> {
          clock.advance(Duration.ofHours(2)); // the token expires while Zuora works
          Thread.sleep(3_000);
          return false;
        };
    server.answering(
        (r, out) -> {
          if (r.path().equals("/oauth/token")) {
            return (tokenRequests.incrementAndGet() == 1 ? tokenOk : tokenRefused).write(r, out);
          }
          return resendStalls.write(r, out);
        });
    AccessTokenProvider tokens =
        ClientCredentialsTokenProvider.builder()
            .baseUri(server.baseUrl())
            .clientId("client")
            .clientSecret("secret-0123456789")
            .clock(clock)
            .build();
    CalloutResendClient client =
        builder().accessTokenProvider(tokens).attemptTimeout(Duration.ofMillis(500)).build();

    ZuoraOutcomeUnknownException e =
        catchThrowableOfType(ZuoraOutcomeUnknownException.class, () -> client.resend(IDS));

    assertThat(e.reason()).isEqualTo(Reason.INCONCLUSIVE_RETRIES);
    assertThat(e.getCause()).isInstanceOf(ZuoraTokenException.class);
    assertThat(e.ids()).isEqualTo(IDS);
    assertThat(e.idempotencyKey()).isPresent();
    assertThat(tokenRequests).hasValue(2);
    assertThat(server.received(PATH)).hasSize(1);
  }

  @Test
  void afterATimeout_aLaterRefusal_isAnUnknownOutcome() {
    server.answering(drip(202, PARTIAL, 200), status(403, "{\"code\":1,\"message\":\"no\"}"));

    ZuoraOutcomeUnknownException e =
        catchThrowableOfType(
            ZuoraOutcomeUnknownException.class,
            () -> builder().attemptTimeout(Duration.ofMillis(300)).build().resend(IDS));

    assertThat(e.reason()).isEqualTo(Reason.INCONCLUSIVE_RETRIES);
    assertThat(e.getCause()).isInstanceOf(ZuoraServiceException.class);
  }

  // ---- bounded ----

  @Test
  void aDrippingBody_isCutOffByTheAttemptTimeout() {
    server.answering(drip(202, PARTIAL, 200)); // 10 s for the whole body
    long start = System.nanoTime();

    ZuoraOutcomeUnknownException e =
        catchThrowableOfType(
            ZuoraOutcomeUnknownException.class,
            () -> builder().attemptTimeout(Duration.ofSeconds(1)).build().resend(IDS));

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(took).isBetween(Duration.ofMillis(2_900), Duration.ofSeconds(6));
  }

  @Test
  void aDrippingHead_isCutOffByTheAttemptTimeout_evenWithALongReadTimeout() {
    server.answering(dripHead(100));
    long start = System.nanoTime();

    ZuoraOutcomeUnknownException e =
        catchThrowableOfType(
            ZuoraOutcomeUnknownException.class,
            () ->
                builder()
                    .retryPolicy(RetryPolicy.none())
                    .readTimeout(Duration.ofMinutes(5))
                    .attemptTimeout(Duration.ofSeconds(1))
                    .build()
                    .resend(IDS));

    assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void aCutOffAttempt_neverLeavesTheCallingThreadInterrupted() {
    server.answering(drip(202, PARTIAL, 200));

    catchThrowableOfType(
        ZuoraOutcomeUnknownException.class,
        () -> builder().attemptTimeout(Duration.ofMillis(300)).build().resend(IDS));

    assertThat(Thread.interrupted()).isFalse();
  }

  @Test
  void aCallerInterruptedDuringAnAttempt_endsPromptly_andKeepsItsInterrupt() throws Exception {
    server.answering(drip(202, PARTIAL, 200));
    CalloutResendClient client = builder().build();
    java.util.concurrent.atomic.AtomicReference<Throwable> thrown =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean stillInterrupted =
        new java.util.concurrent.atomic.AtomicBoolean();
    Thread caller =
        new Thread(
            () -> {
              try {
                client.resend(IDS);
              } catch (RuntimeException e) {
                thrown.set(e);
              }
              stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
    caller.start();
    Thread.sleep(500);
    long start = System.nanoTime();
    caller.interrupt();
    caller.join(5_000);

    assertThat(caller.isAlive()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(thrown.get()).isInstanceOf(ZuoraOutcomeUnknownException.class);
    assertThat(stillInterrupted).isTrue();
  }

  @Test
  void theCallsDeadline_boundsTheAttemptInFlight() {
    server.answering(drip(202, PARTIAL, 200));
    long start = System.nanoTime();

    ZuoraOutcomeUnknownException e =
        catchThrowableOfType(
            ZuoraOutcomeUnknownException.class,
            () ->
                builder()
                    .attemptTimeout(Duration.ofMinutes(1))
                    .retryPolicy(
                        RetryPolicy.builder()
                            .maxAttempts(5)
                            .initialBackoff(Duration.ofMillis(5))
                            .maxBackoff(Duration.ofMillis(10))
                            .deadline(Duration.ofMillis(1500))
                            .build())
                    .build()
                    .resend(IDS));

    assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofMillis(1_400), Duration.ofSeconds(4));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void anOversized429Or503_keepsItsStatus_andIsRetried(boolean chunked) {
    server.answering(
        large(429, 2 << 20, chunked, "Zuora-Request-Id: req-429", "Retry-After: 0"),
        large(503, 2 << 20, chunked),
        status(202, ""));

    ResendResult r = builder().build().resend(IDS);

    assertThat(r.outcome()).isEqualTo(ResendResult.Outcome.ALL_ACCEPTED);
    assertThat(server.received(PATH)).hasSize(3);
  }

  @Test
  void anOversized429_keepsItsStatusAndRequestId() {
    server.answering(large(429, 2 << 20, false, "Zuora-Request-Id: req-429"));

    ZuoraRateLimitException e =
        catchThrowableOfType(ZuoraRateLimitException.class, () -> once().resend(IDS));

    assertThat(e.statusCode()).hasValue(429);
    assertThat(e.requestId()).hasValue("req-429");
  }

  @Test
  void anOversized401_refreshesTheToken() {
    server.answering(large(401, 2 << 20, false), status(202, ""));
    AtomicInteger issued = new AtomicInteger();
    AccessTokenProvider tokens =
        new AccessTokenProvider() {
          @Override
          public String accessToken() {
            return "token-number-" + issued.get();
          }

          @Override
          public boolean invalidate(String rejectedToken) {
            issued.incrementAndGet();
            return true;
          }
        };

    ResendResult r = builder().accessTokenProvider(tokens).build().resend(IDS);

    assertThat(r.outcome()).isEqualTo(ResendResult.Outcome.ALL_ACCEPTED);
    assertThat(server.received(PATH).get(1).headers().get("authorization"))
        .isEqualTo("Bearer token-number-1");
  }

  @Test
  void anOversized202Or400_isAnUnknownOutcome() {
    server.answering(large(202, 2 << 20, false));
    assertThat(
            catchThrowableOfType(ZuoraOutcomeUnknownException.class, () -> once().resend(IDS))
                .reason())
        .isEqualTo(Reason.UNDECODABLE_RESPONSE);

    server.answering(large(400, 2 << 20, true));
    assertThat(catchThrowableOfType(ZuoraOutcomeUnknownException.class, () -> once().resend(IDS)))
        .isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Retry-After: 1000000000", "Retry-After: 1e15", "RateLimit-Reset: 1e12"})
  void anAbsurdWait_isClamped_andEndsTheCallInsteadOfARetryAtOnce(String header) {
    server.answering(status(429, "{}", header), status(202, ""));

    ZuoraRateLimitException e =
        catchThrowableOfType(
            ZuoraRateLimitException.class,
            () -> builder().retryPolicy(RetryPolicy.defaults()).build().resend(IDS));

    assertThat(server.received(PATH)).hasSize(1);
    Duration asked =
        e.retryAfter().isPresent() ? e.retryAfter().get() : e.rateLimitReset().orElseThrow();
    assertThat(asked).isEqualTo(Duration.ofDays(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e17", "9223372036854775807", "100000000000000000000"})
  void anAbsurdTokenLifetime_neitherThrowsARawException_norRefetchesOnEveryCall(String expires) {
    server.answering(HostileServer.routing(HostileServer.token(TOKEN, expires), status(202, "")));
    AccessTokenProvider tokens =
        ClientCredentialsTokenProvider.builder()
            .baseUri(server.baseUrl())
            .clientId("client")
            .clientSecret("secret-0123456789")
            .build();
    CalloutResendClient client = builder().accessTokenProvider(tokens).build();

    try {
      client.resend(IDS);
      client.resend(IDS);
    } catch (ZuoraException e) {
      // a lifetime that cannot even be read is the token endpoint's fault, in the documented type
      assertThat(e).isInstanceOf(ZuoraTokenException.class);
      return;
    }
    assertThat(server.received("/oauth/token")).hasSize(1);
  }

  @Test
  void aThrowingTokenProvider_surfacesAsATokenError() {
    server.answering(status(202, ""));
    CalloutResendClient client =
        builder()
            .accessTokenProvider(
                () -> {
                  throw new IllegalStateException("vault sealed");
                })
            .build();

    assertThatThrownBy(() -> client.resend(IDS))
        .isInstanceOf(ZuoraTokenException.class)
        .hasMessageContaining("vault sealed");
    assertThat(server.received(PATH)).isEmpty();
  }

  // ---- input ----

  @Test
  void idsWithUnpairedSurrogates_orTooLong_areRefusedBeforeSending() {
    server.answering(status(202, ""));
    CalloutResendClient client = once();

    assertThatThrownBy(() -> client.resend(List.of("x\uD800")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ids[0] must be well-formed Unicode");
    assertThatThrownBy(() -> client.resendAll(List.of("ok", "x\uDC00")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ids[1] must be well-formed Unicode");
    assertThatThrownBy(() -> client.resend(List.of("a".repeat(256))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 255 characters");
    assertThat(server.received()).isEmpty();

    assertThat(client.resend(List.of("x\uD83D\uDE00", "a".repeat(255))).isAllAccepted()).isTrue();
  }

  // ---- secrets ----

  @Test
  void aServerEchoingTheToken_neverGetsItIntoMessagesResultsOrLogs() {
    HostileServer.Answer echo403 =
        (r, out) ->
            status(
                    403,
                    "{\"code\":50000040,\"message\":\"denied for "
                        + r.headers().get("authorization")
                        + "\"}")
                .write(r, out);
    HostileServer.Answer echo202 =
        (r, out) ->
            status(
                    202,
                    "{\"h2\":{\"code\":\"X\",\"message\":\"bad "
                        + r.headers().get("authorization")
                        + "\"}}",
                    "Zuora-Request-Id: " + TOKEN)
                .write(r, out);
    List<String> logged = captureHttpLog();
    CalloutResendClient client = builder().httpLogLevel(HttpLogLevel.FULL).build();

    server.answering(echo403);
    ZuoraServiceException e =
        catchThrowableOfType(ZuoraServiceException.class, () -> client.resend(IDS));
    server.answering(echo202);
    ResendResult r = client.resend(IDS);

    assertThat(e.getMessage()).contains("denied for Bearer ****").doesNotContain(TOKEN);
    assertThat(e.zuoraMessage().orElseThrow()).doesNotContain(TOKEN);
    assertThat(e.toString()).doesNotContain(TOKEN);
    assertThat(r.failures().get(0).message()).isEqualTo("bad Bearer ****");
    assertThat(r.toString()).doesNotContain(TOKEN);
    assertThat(r.requestId()).hasValue("****");
    assertThat(logged).isNotEmpty().noneMatch(line -> line.contains(TOKEN));
  }

  @Test
  void aTokenEndpointEchoingTheForm_neverGetsTheSecretIntoMessages() {
    String secret = "s3cr3t+value/0123456789";
    server.answering(
        (r, out) ->
            status(
                    401,
                    "{\"message\":\"bad client: " + r.bodyText() + " / raw " + secret + "\"}",
                    "X-Echo: " + r.bodyText())
                .write(r, out));
    List<String> logged = captureHttpLog();
    AccessTokenProvider tokens =
        ClientCredentialsTokenProvider.builder()
            .baseUri(server.baseUrl())
            .clientId("client")
            .clientSecret(secret)
            .httpLogLevel(HttpLogLevel.HEADERS)
            .build();

    ZuoraTokenException e = catchThrowableOfType(ZuoraTokenException.class, tokens::accessToken);

    assertThat(e.getMessage())
        .contains("bad client")
        .doesNotContain(secret)
        .doesNotContain("s3cr3t");
    assertThat(logged).isNotEmpty().noneMatch(line -> line.contains("s3cr3t"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"access_token\": abc-secret-123, \"token_type\": \"bearer\", \"expires_in\": 3599}",
        "{\"access_token\": \"abc-secret-123\", \"expires_in\": \"abc-secret-123\"}",
        "{\"access_token\": \"abc-secret-123\", \"expires_in\": 3599, abc-secret-123}",
        "{\"access_token\": \"abc-secret-123\", \"expires_in\": 3599} abc-secret-123",
        "{\"access_token\": [\"abc-secret-123\"], \"expires_in\": 3599}"
      })
  void aMalformedTokenAnswer_getsNoPartOfItsBodyIntoTheException(String body) {
    server.answering(status(200, body, "Content-Type: application/json"));
    AccessTokenProvider tokens =
        ClientCredentialsTokenProvider.builder()
            .baseUri(server.baseUrl())
            .clientId("client")
            .clientSecret("secret-0123456789")
            .build();

    ZuoraTokenException e = catchThrowableOfType(ZuoraTokenException.class, tokens::accessToken);

    assertThat(e).hasMessageContaining("Zuora's token answer could not be read");
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain("abc").doesNotContain("secret");
      assertThat(t.toString()).doesNotContain("abc").doesNotContain("secret");
      assertThat(t.getSuppressed()).isEmpty();
    }
    assertThat(trace.toString()).doesNotContain("abc").doesNotContain("secret");
  }

  // ---- strict reading ----

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"h2\":{\"code\":\"A\",\"message\":\"a\"},\"h2\":{\"code\":\"B\",\"message\":\"b\"}}",
        "{\"h2\":null}",
        "{\"h2\":{}}",
        "{\"h2\":\"gone\"}",
        "null"
      })
  void aFailureMapThatCannotBeTrusted_isAnUnknownOutcome(String body) {
    server.answering(status(202, body));

    ZuoraOutcomeUnknownException e =
        catchThrowableOfType(ZuoraOutcomeUnknownException.class, () -> once().resend(IDS));

    assertThat(e.reason()).isIn(Reason.UNDECODABLE_RESPONSE, Reason.UNEXPECTED_RESPONSE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"123", "-1", "1.5", "true", "{\"value\":\"X\"}", "[\"X\"]"})
  void aFailureWhoseCodeIsNotText_stillFailsItsId_withNoCodeMadeUp(String code) {
    server.answering(status(202, "{\"h2\":{\"code\":" + code + ",\"message\":\"gone\"}}"));

    ResendResult r = once().resend(IDS);

    assertThat(r.outcome()).isEqualTo(ResendResult.Outcome.PARTIALLY_ACCEPTED);
    assertThat(r.accepted()).containsExactly("h1");
    assertThat(r.failures()).containsExactly(new ResendFailure("h2", "", "gone"));
  }

  @Test
  void aFailureWhoseMessageIsNotText_stillFailsItsId_withNoMessageMadeUp() {
    server.answering(status(202, "{\"h2\":{\"code\":\"ObjectNotFound\",\"message\":42}}"));

    ResendResult r = once().resend(IDS);

    assertThat(r.accepted()).containsExactly("h1");
    assertThat(r.failures()).containsExactly(new ResendFailure("h2", "ObjectNotFound", ""));
  }

  @Test
  void a400WithANumericCode_rejectsEveryId_keepingTheCodesThatAreText() {
    server.answering(
        status(
            400,
            "{\"h1\":{\"code\":50000040,\"message\":\"a\"},"
                + "\"h2\":{\"code\":\"ObjectNotFound\",\"message\":\"b\"}}"));

    ResendResult r = once().resend(IDS);

    assertThat(r.outcome()).isEqualTo(ResendResult.Outcome.ALL_REJECTED);
    assertThat(r.accepted()).isEmpty();
    assertThat(r.failures())
        .containsExactly(
            new ResendFailure("h1", "", "a"), new ResendFailure("h2", "ObjectNotFound", "b"));
  }

  @Test
  void aFailureWithNeitherCodeNorMessageAsText_isAnUnknownOutcome_likeAnEmptyEntry() {
    server.answering(status(202, "{\"h2\":{\"code\":1,\"message\":2}}"));

    ZuoraOutcomeUnknownException e =
        catchThrowableOfType(ZuoraOutcomeUnknownException.class, () -> once().resend(IDS));

    assertThat(e.reason()).isEqualTo(Reason.UNEXPECTED_RESPONSE);
    assertThat(e.ids()).containsExactlyElementsOf(IDS);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 504, 520, 522, 524, 599})
  void serverStatusesWhereTheOriginMayHaveWorked_countAsPossiblyProcessed(int status) {
    server.answering(status(status, "oops"));

    ZuoraServerException e =
        catchThrowableOfType(ZuoraServerException.class, () -> once().resend(IDS));

    assertThat(e.mayHaveBeenResent()).isTrue();
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void a524InABatchRun_leavesItsIdsUnresolved_asPossiblyResent() {
    server.answering(status(524, "origin timeout"));

    BatchResendResult r = once().resendAll(IDS);

    assertThat(r.unresolved()).isEqualTo(IDS);
    assertThat(r.errors().get(0).error())
        .isInstanceOfSatisfying(
            ZuoraServiceException.class, s -> assertThat(s.mayHaveBeenResent()).isTrue());
  }

  @Test
  void a401AfterAnUncertainAttempt_isNotReportedAsNotSent() {
    server.answering(cutBody(202, 500, ""), status(401, "{\"message\":\"Authentication error\"}"));

    ZuoraOutcomeUnknownException e =
        catchThrowableOfType(
            ZuoraOutcomeUnknownException.class, () -> builder().build().resend(IDS));

    assertThat(e.getCause()).isInstanceOf(ZuoraAuthenticationException.class);
  }

  static final Logger HTTP_LOG = Logger.getLogger("dev.zuoraclient.callouts.http");

  /** The library's HTTP log lines, as the application's logging would see them. */
  List<String> captureHttpLog() {
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    HTTP_LOG.setLevel(Level.INFO);
    Handler h =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            lines.add(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    HTTP_LOG.addHandler(h);
    handlers.add(h);
    return lines;
  }
}
