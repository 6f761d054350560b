package dev.zuoraclient.callouts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zuoraclient.callouts.ResendFailure;
import dev.zuoraclient.callouts.ResendResult;
import dev.zuoraclient.callouts.exception.ZuoraConnectionException;
import dev.zuoraclient.callouts.exception.ZuoraException;
import dev.zuoraclient.callouts.exception.ZuoraOutcomeUnknownException;
import dev.zuoraclient.callouts.exception.ZuoraRateLimitException;
import dev.zuoraclient.callouts.exception.ZuoraServerException;
import dev.zuoraclient.callouts.exception.ZuoraServiceException;
import dev.zuoraclient.callouts.internal.generated.model.ResendFailureBody;
import dev.zuoraclient.callouts.testing.ManualClock;
import feign.Request;
import feign.Response;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Zuora's answers as the library's outcomes, one rule per test, without a server: the three
 * documented outcomes are results, every other answer one exception (the same answers over a real
 * server are {@code CalloutResendClientTest}'s and {@code HostileAnswersTest}'s).
 */
@Timeout(5)
class OutcomeMapperTest {
  static final List<String> IDS = List.of("a1", "a2", "a3");
  static final ResendCall CALL = new ResendCall(IDS, "track-1", "key-1", null, null, false);

  final ManualClock clock = new ManualClock();
  final OutcomeMapper mapper = new OutcomeMapper(WireSettings.objectMapper(), clock, s -> s);

  static Map<String, Collection<String>> headers(String... nameValues) {
    java.util.Map<String, Collection<String>> h =
        new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < nameValues.length; i += 2) {
      h.put(nameValues[i], List.of(nameValues[i + 1]));
    }
    return h;
  }

  static ResendFailureBody failure(String code, String message) {
    ResendFailureBody f = new ResendFailureBody();
    f.setCode(code);
    f.setMessage(message);
    return f;
  }

  static ResponseSignal signal(int status, String body, Map<String, Collection<String>> headers) {
    Request request =
        Request.create(
            Request.HttpMethod.POST,
            "http://127.0.0.1/notifications/callout-histories/resend",
            Map.of(),
            null,
            StandardCharsets.UTF_8,
            null);
    Response response = Response.builder().status(status).headers(headers).request(request).build();
    return ResponseSignal.errorStatus(
        response, body == null ? null : body.getBytes(StandardCharsets.UTF_8), null);
  }

  @Test
  void a202WithoutFailures_isAllAccepted_withTheRequestsHeaders() {
    ResendResult r = mapper.decoded(CALL, 202, headers("Zuora-Request-Id", "req-1"), null, 1);

    assertThat(r.outcome()).isEqualTo(ResendResult.Outcome.ALL_ACCEPTED);
    assertThat(r.accepted()).containsExactlyElementsOf(IDS);
    assertThat(r.requestId()).contains("req-1");
    assertThat(r.trackId()).contains("track-1");
    assertThat(r.idempotencyKey()).contains("key-1");
  }

  @Test
  void a202WithFailures_isPartial_inRequestOrder() {
    ResendResult r =
        mapper.decoded(
            CALL,
            202,
            headers(),
            Map.of(
                "a3", failure("ObjectNotFound", "gone"), "a1", failure("ObjectNotFound", "gone")),
            1);

    assertThat(r.outcome()).isEqualTo(ResendResult.Outcome.PARTIALLY_ACCEPTED);
    assertThat(r.accepted()).containsExactly("a2");
    assertThat(r.failures()).extracting(ResendFailure::id).containsExactly("a1", "a3");
  }

  @Test
  void aFailureNamingAnIdNotInTheRequest_isAnUnknownOutcome() {
    assertThatThrownBy(
            () ->
                mapper.decoded(
                    CALL, 202, headers(), Map.of("zz", failure("ObjectNotFound", "gone")), 1))
        .isInstanceOfSatisfying(
            ZuoraOutcomeUnknownException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo(ZuoraOutcomeUnknownException.Reason.UNEXPECTED_RESPONSE));
  }

  @Test
  void a2xxOtherThan202_saysNothingOfTheNotifications() {
    assertThatThrownBy(() -> mapper.decoded(CALL, 200, headers(), null, 1))
        .isInstanceOfSatisfying(
            ZuoraOutcomeUnknownException.class,
            e -> {
              assertThat(e.reason())
                  .isEqualTo(ZuoraOutcomeUnknownException.Reason.UNEXPECTED_RESPONSE);
              assertThat(e.getMessage()).contains("not Zuora's 202");
            });
  }

  @Test
  void a400NamingEveryId_isAllRejected_aResultNotAnException() {
    String body =
        "{\"a1\":{\"code\":\"X\",\"message\":\"m\"},\"a2\":{\"code\":\"X\",\"message\":\"m\"},"
            + "\"a3\":{\"code\":\"X\",\"message\":\"m\"}}";

    ResendResult r = mapper.fromSignal(CALL, signal(400, body, headers()), 1);

    assertThat(r.outcome()).isEqualTo(ResendResult.Outcome.ALL_REJECTED);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.failures()).hasSize(3);
  }

  @Test
  void a400NamingOnlySomeIds_isAnUnknownOutcome() {
    String body = "{\"a1\":{\"code\":\"X\",\"message\":\"m\"}}";

    assertThatThrownBy(() -> mapper.fromSignal(CALL, signal(400, body, headers()), 1))
        .isInstanceOf(ZuoraOutcomeUnknownException.class)
        .hasMessageContaining("named only 1 of the 3 IDs");
  }

  @Test
  void a400WithoutThePerIdMap_isAServiceException_thatResentNothing() {
    String body = "{\"success\":false,\"reasons\":[{\"code\":\"50000040\",\"message\":\"bad\"}]}";

    assertThatThrownBy(() -> mapper.fromSignal(CALL, signal(400, body, headers()), 1))
        .isExactlyInstanceOf(ZuoraServiceException.class)
        .satisfies(e -> assertThat(((ZuoraServiceException) e).mayHaveBeenResent()).isFalse());
  }

  @Test
  void a429_waitsWhatRetryAfterSays_countedOnTheClock() {
    String in30s =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            clock.instant().plusSeconds(30).atOffset(ZoneOffset.UTC));

    assertThatThrownBy(
            () -> mapper.fromSignal(CALL, signal(429, "", headers("Retry-After", in30s)), 1))
        .isInstanceOfSatisfying(
            ZuoraRateLimitException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(30)));
  }

  @Test
  void a502_isAServerException_thatMayHaveResent() {
    assertThatThrownBy(() -> mapper.fromSignal(CALL, signal(502, "", headers()), 1))
        .isInstanceOfSatisfying(
            ZuoraServerException.class, e -> assertThat(e.mayHaveBeenResent()).isTrue());
  }

  @Test
  void anUnreadable202_isAnUnknownOutcome() {
    Request request =
        Request.create(
            Request.HttpMethod.POST,
            "http://127.0.0.1/",
            Map.of(),
            null,
            StandardCharsets.UTF_8,
            null);
    Response response = Response.builder().status(202).headers(headers()).request(request).build();

    assertThatThrownBy(
            () ->
                mapper.fromSignal(
                    CALL,
                    ResponseSignal.undecodable(response, new IllegalStateException("bad json")),
                    1))
        .isInstanceOfSatisfying(
            ZuoraOutcomeUnknownException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo(ZuoraOutcomeUnknownException.Reason.UNDECODABLE_RESPONSE));
  }

  @Test
  void aTimeout_isAnUnknownOutcome_worthARetry() {
    ZuoraException e = mapper.ioFailure(CALL, new SocketTimeoutException("read timed out"), 0, 2);

    assertThat(e).isInstanceOf(ZuoraOutcomeUnknownException.class);
    assertThat(((ZuoraOutcomeUnknownException) e).reason())
        .isEqualTo(ZuoraOutcomeUnknownException.Reason.TIMEOUT);
    assertThat(e.attempts()).isEqualTo(2);
    assertThat(ErrorRules.retryable(e)).isTrue();
  }

  @Test
  void aConnectionNeverMade_isAConnectionException_thatSentNothing() {
    ZuoraException e =
        mapper.ioFailure(
            CALL,
            NotConnectedException.of(
                new java.net.ConnectException("Connection refused"),
                java.net.URI.create("http://127.0.0.1:9/"),
                false,
                java.net.http.HttpClient.newBuilder().build()),
            0,
            1);

    assertThat(e).isInstanceOf(ZuoraConnectionException.class);
    assertThat(ErrorRules.mayHaveBeenResent(e)).isFalse();
  }
}
