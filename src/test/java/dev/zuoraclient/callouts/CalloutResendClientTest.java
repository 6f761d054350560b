package dev.zuoraclient.callouts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.zuoraclient.callouts.ResendResult.Outcome;
import dev.zuoraclient.callouts.exception.ZuoraAuthenticationException;
import dev.zuoraclient.callouts.exception.ZuoraConnectionException;
import dev.zuoraclient.callouts.exception.ZuoraOutcomeUnknownException;
import dev.zuoraclient.callouts.exception.ZuoraOutcomeUnknownException.Reason;
import dev.zuoraclient.callouts.exception.ZuoraPermissionException;
import dev.zuoraclient.callouts.exception.ZuoraRateLimitException;
import dev.zuoraclient.callouts.exception.ZuoraServerException;
import dev.zuoraclient.callouts.exception.ZuoraServiceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One attempt per call (retries have their own tests): how each answer is typed. */
class CalloutResendClientTest {
  static final String PATH = "/notifications/callout-histories/resend";
  static final String TOKEN = "tok-3f9a8c2e51d04b7e";
  static final String REQUEST_ID = "6c0f4fd8-3ad5-4b1e-9a8c-0a1b2c3d4e5f";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().gzipDisabled(true))
          .build();

  private CalloutResendClient client() {
    return CalloutResendClient.builder()
        .baseUri(wm.baseUrl())
        .accessToken(TOKEN)
        .readTimeout(Duration.ofSeconds(5))
        .retryPolicy(RetryPolicy.none())
        .build();
  }

  private static void answer(ResponseDefinitionBuilder response) {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(response));
  }

  private static ResponseDefinitionBuilder zuora(int status) {
    return aResponse()
        .withStatus(status)
        .withHeader("Zuora-Request-Id", REQUEST_ID)
        .withHeader("RateLimit-Limit", "50000;w=60")
        .withHeader("RateLimit-Remaining", "49998")
        .withHeader("RateLimit-Reset", "42");
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return zuora(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  private static LoggedRequest onlyRequest() {
    List<LoggedRequest> all = wm.findAll(anyRequestedFor(anyUrl()));
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @Test
  void resend_whenZuoraAnswers202Blank_returnsAllAcceptedAndSendsTheContract() {
    answer(zuora(202).withHeader("Zuora-Track-Id", "track-1"));

    ResendResult result =
        client()
            .resend(
                List.of("h1", "h2"),
                ResendOptions.builder()
                    .trackId("track-1")
                    .idempotencyKey("key-1")
                    .entityId("ent-9")
                    .orgIds(List.of("org-a", "org-b"))
                    .build());

    assertThat(result.outcome()).isEqualTo(Outcome.ALL_ACCEPTED);
    assertThat(result.isAllAccepted()).isTrue();
    assertThat(result.isPartial()).isFalse();
    assertThat(result.accepted()).containsExactly("h1", "h2");
    assertThat(result.failures()).isEmpty();
    assertThat(result.statusCode()).isEqualTo(202);
    assertThat(result.requestId()).contains(REQUEST_ID);
    assertThat(result.trackId()).contains("track-1");
    assertThat(result.idempotencyKey()).contains("key-1");
    assertThat(result.rateLimit())
        .get()
        .satisfies(
            rl -> {
              assertThat(rl.limit()).contains("50000;w=60");
              assertThat(rl.remaining()).hasValue(49998);
              assertThat(rl.reset()).contains(Duration.ofSeconds(42));
            });

    LoggedRequest sent = onlyRequest();
    assertThat(sent.getMethod().getName()).isEqualTo("POST");
    assertThat(sent.getUrl()).isEqualTo(PATH);
    assertThat(sent.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(sent.getHeader("Accept-Encoding")).isEqualTo("gzip");
    assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(sent.getHeader("Zuora-Track-Id")).isEqualTo("track-1");
    assertThat(sent.getHeader("Idempotency-Key")).isEqualTo("key-1");
    assertThat(sent.getHeader("Zuora-Entity-Ids")).isEqualTo("ent-9");
    assertThat(sent.getHeader("Zuora-Org-Ids")).isEqualTo("org-a,org-b");
    assertThat(sent.containsHeader("Content-Encoding")).isFalse();
    assertThat(sent.getBodyAsString()).isEqualTo("[\"h1\",\"h2\"]");
  }

  @Test
  void resend_withoutOptions_sendsAGeneratedIdempotencyKeyAndNoOptionalHeaders() {
    answer(zuora(202));

    ResendResult result = client().resend(List.of("h1"));

    LoggedRequest sent = onlyRequest();
    assertThat(sent.getHeader("Idempotency-Key"))
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(result.idempotencyKey()).contains(sent.getHeader("Idempotency-Key"));
    for (String absent :
        List.of("Zuora-Track-Id", "Zuora-Entity-Ids", "Zuora-Org-Ids", "Content-Encoding")) {
      assertThat(sent.containsHeader(absent)).as(absent).isFalse();
    }
    assertThat(result.trackId()).isEmpty();
  }

  @Test
  void resend_usesClientDefaultsForEntityAndOrgs_andOptionsOverrideThem() {
    answer(zuora(202));
    CalloutResendClient client =
        CalloutResendClient.builder()
            .baseUri(wm.baseUrl())
            .accessToken(TOKEN)
            .defaultEntityId("ent-default")
            .defaultOrgIds(List.of("org-default"))
            .build();

    client.resend(List.of("h1"));
    client.resend(
        List.of("h1"),
        ResendOptions.builder().entityId("ent-x").orgIds(List.of("o1", "o2")).build());

    List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlEqualTo(PATH)));
    assertThat(sent.get(0).getHeader("Zuora-Entity-Ids")).isEqualTo("ent-default");
    assertThat(sent.get(0).getHeader("Zuora-Org-Ids")).isEqualTo("org-default");
    assertThat(sent.get(1).getHeader("Zuora-Entity-Ids")).isEqualTo("ent-x");
    assertThat(sent.get(1).getHeader("Zuora-Org-Ids")).isEqualTo("o1,o2");
  }

  @Test
  void resend_whenSomeIdsFail_returnsTheirErrorsInRequestOrder() {
    answer(
        json(
            202,
            "{\"h3\":{\"code\":\"ObjectNotFound\",\"message\":\"Callout history does not exist.\"},"
                + "\"h1\":{\"code\":\"InvalidValue\",\"message\":\"Callouts created by Workflow cannot be resent.\"}}"));

    ResendResult result = client().resend(List.of("h1", "h2", "h3", "h4"));

    assertThat(result.outcome()).isEqualTo(Outcome.PARTIALLY_ACCEPTED);
    assertThat(result.isPartial()).isTrue();
    assertThat(result.isAllAccepted()).isFalse();
    assertThat(result.accepted()).containsExactly("h2", "h4");
    assertThat(result.failures())
        .containsExactly(
            new ResendFailure(
                "h1", "InvalidValue", "Callouts created by Workflow cannot be resent."),
            new ResendFailure("h3", "ObjectNotFound", "Callout history does not exist."));
    assertThat(result.requestedCount()).isEqualTo(4);
    assertThat(result.requestId()).contains(REQUEST_ID);
  }

  @Test
  void resend_whenAllFailWith400Map_returnsAllRejectedResult() {
    answer(
        json(
            400,
            "{\"h1\":{\"code\":\"ObjectNotFound\",\"message\":\"Callout history does not exist.\"},"
                + "\"h2\":{\"code\":\"ObjectNotFound\",\"message\":\"Callout history does not exist.\"}}"));

    ResendResult result = client().resend(List.of("h1", "h2"));

    assertThat(result.outcome()).isEqualTo(Outcome.ALL_REJECTED);
    assertThat(result.isAllRejected()).isTrue();
    assertThat(result.statusCode()).isEqualTo(400);
    assertThat(result.accepted()).isEmpty();
    assertThat(result.failures()).extracting(ResendFailure::id).containsExactly("h1", "h2");
    assertThat(result.failures()).extracting(ResendFailure::code).containsOnly("ObjectNotFound");
    assertThat(result.requestId()).contains(REQUEST_ID);
  }

  @Test
  void resend_when400MapLeavesOutAnId_reportsOutcomeUnknownRatherThanGuessing() {
    answer(json(400, "{\"h1\":{\"code\":\"ObjectNotFound\",\"message\":\"nope\"}}"));

    ZuoraOutcomeUnknownException e =
        catchThrowableOfType(
            ZuoraOutcomeUnknownException.class, () -> client().resend(List.of("h1", "h2")));

    assertThat(e.reason()).isEqualTo(Reason.UNEXPECTED_RESPONSE);
    assertThat(e.ids()).containsExactly("h1", "h2");
    assertThat(e.statusCode()).hasValue(400);
  }

  @Test
  void resend_when202NamesAnIdThatWasNotSent_reportsOutcomeUnknown() {
    answer(json(202, "{\"zz\":{\"code\":\"ObjectNotFound\",\"message\":\"nope\"}}"));

    ZuoraOutcomeUnknownException e =
        catchThrowableOfType(
            ZuoraOutcomeUnknownException.class, () -> client().resend(List.of("h1")));

    assertThat(e.reason()).isEqualTo(Reason.UNEXPECTED_RESPONSE);
    assertThat(e.requestId()).contains(REQUEST_ID);
    assertThat(e.getMessage())
        .contains("not in the request")
        .endsWith("(status=202, requestId=" + REQUEST_ID + ")");
  }

  @Test
  void resend_when400HasAnotherBody_throwsServiceExceptionWithZuorasCode() {
    answer(
        json(
                400,
                "{\"success\":false,\"reasons\":[{\"code\":53100020,\"message\":\"Invalid request body\"}]}")
            .withHeader("Zuora-Track-Id", "t-400"));

    ZuoraServiceException e =
        catchThrowableOfType(
            ZuoraServiceException.class,
            () -> client().resend(List.of("h1"), ResendOptions.builder().trackId("t-400").build()));

    assertThat(e.getClass()).isEqualTo(ZuoraServiceException.class);
    assertThat(e.statusCode()).hasValue(400);
    assertThat(e.errorCode()).contains("53100020");
    assertThat(e.zuoraMessage()).contains("Invalid request body");
    assertThat(e.requestId()).contains(REQUEST_ID);
    assertThat(e.trackId()).contains("t-400");
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage())
        .endsWith("(status=400, requestId=" + REQUEST_ID + ", trackId=t-400)");
  }

  @Test
  void resend_when401_throwsAuthenticationExceptionWithChallenge() {
    answer(
        json(401, "{\"message\":\"Authentication error\"}")
            .withHeader("WWW-Authenticate", "Bearer realm=\"Zuora\", error=\"invalid_token\""));

    ZuoraAuthenticationException e =
        catchThrowableOfType(
            ZuoraAuthenticationException.class, () -> client().resend(List.of("h1")));

    assertThat(e.statusCode()).hasValue(401);
    assertThat(e.challenge()).contains("Bearer realm=\"Zuora\", error=\"invalid_token\"");
    assertThat(e.zuoraMessage()).contains("Authentication error");
    assertThat(e.requestId()).contains(REQUEST_ID);
    assertThat(e.ids()).containsExactly("h1");
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).doesNotContain(TOKEN);
  }

  @Test
  void resend_when403_throwsPermissionExceptionWithZuorasCode() {
    answer(json(403, "{\"code\":90000011,\"message\":\"this resource is protected\"}"));

    ZuoraPermissionException e =
        catchThrowableOfType(ZuoraPermissionException.class, () -> client().resend(List.of("h1")));

    assertThat(e.statusCode()).hasValue(403);
    assertThat(e.errorCode()).contains("90000011");
    assertThat(e.zuoraMessage()).contains("this resource is protected");
    assertThat(e.requestId()).contains(REQUEST_ID);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"code\": 123, \"message\": 4.5}",
        "{\"code\": \"Denied\", \"message\": true}",
        "{\"code\": 1.5, \"message\": \"looks like words\"}",
        "{\"code\": {\"a\": 1}, \"message\": \"looks like words\"}",
        "{\"reasons\": [{\"code\": 123, \"message\": [\"x\"]}]}"
      })
  void resend_whenAnErrorBodysCodeOrMessageIsOfTheWrongKind_takesNeitherAsZuoras(String body) {
    answer(json(403, body));

    ZuoraPermissionException e =
        catchThrowableOfType(ZuoraPermissionException.class, () -> client().resend(List.of("h1")));

    assertThat(e.errorCode()).isEmpty();
    assertThat(e.zuoraMessage()).isEmpty();
    assertThat(e.getMessage()).startsWith("Zuora denied permission to resend (403)");
  }

  @Test
  void resend_when429_throwsRateLimitExceptionWithRetryAfterAndReset() {
    answer(json(429, "{\"message\":\"Too many requests\"}").withHeader("Retry-After", "7"));

    ZuoraRateLimitException e =
        catchThrowableOfType(
            ZuoraRateLimitException.class,
            () -> client().resend(List.of("h1"), ResendOptions.builder().trackId("t-429").build()));

    assertThat(e.statusCode()).hasValue(429);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(e.rateLimitReset()).contains(Duration.ofSeconds(42));
    assertThat(e.rateLimitLimit()).contains("50000;w=60");
    assertThat(e.rateLimitRemaining()).hasValue(49998);
    assertThat(e.trackId()).contains("t-429");
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void resend_when500Or503_throwsServerException() {
    for (int status : new int[] {500, 503}) {
      wm.resetAll();
      answer(zuora(status).withHeader("Content-Type", "text/html").withBody("<html>down</html>"));

      ZuoraServerException e =
          catchThrowableOfType(ZuoraServerException.class, () -> client().resend(List.of("h1")));

      assertThat(e.statusCode()).hasValue(status);
      assertThat(e.requestId()).contains(REQUEST_ID);
      assertThat(e.errorCode()).isEmpty();
      assertThat(e.isRetryable()).isTrue();
    }
  }

  @Test
  void resend_whenOtherStatus_throwsPlainServiceException() {
    answer(
        json(
            422,
            "{\"success\":false,\"reasons\":[{\"code\":\"IdempotencyKeyReused\",\"message\":\"key reused\"}]}"));

    ZuoraServiceException e =
        catchThrowableOfType(ZuoraServiceException.class, () -> client().resend(List.of("h1")));

    assertThat(e.getClass()).isEqualTo(ZuoraServiceException.class);
    assertThat(e.statusCode()).hasValue(422);
    assertThat(e.errorCode()).contains("IdempotencyKeyReused");
  }

  @Test
  void resend_when202BodyIsMalformed_reportsOutcomeUnknownWithRequestId() {
    answer(json(202, "{\"h1\": {\"code\": "));

    ZuoraOutcomeUnknownException e =
        catchThrowableOfType(
            ZuoraOutcomeUnknownException.class, () -> client().resend(List.of("h1", "h2")));

    assertThat(e.reason()).isEqualTo(Reason.UNDECODABLE_RESPONSE);
    assertThat(e.statusCode()).hasValue(202);
    assertThat(e.requestId()).contains(REQUEST_ID);
    assertThat(e.ids()).containsExactly("h1", "h2");
    assertThat(e.getCause()).isNotNull();
    assertThat(e.getMessage()).startsWith("Outcome of 2 callout notification(s) unknown");
  }

  @Test
  void resend_whenConnectionRefused_reportsNotSent() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CalloutResendClient client =
        CalloutResendClient.builder()
            .baseUri("http://127.0.0.1:" + port)
            .accessToken(TOKEN)
            .retryPolicy(RetryPolicy.none())
            .build();

    ZuoraConnectionException e =
        catchThrowableOfType(
            ZuoraConnectionException.class,
            () ->
                client.resend(
                    List.of("h1"),
                    ResendOptions.builder().trackId("t-io").idempotencyKey("k-io").build()));

    assertThat(e.reason()).isEqualTo(ZuoraConnectionException.Reason.REFUSED);
    assertThat(e.host()).isEqualTo("127.0.0.1:" + port);
    assertThat(e.statusCode()).isEmpty();
    assertThat(e.requestId()).isEmpty();
    assertThat(e.trackId()).contains("t-io");
    assertThat(e.idempotencyKey()).contains("k-io");
    assertThat(e.getCause()).isInstanceOf(java.net.ConnectException.class);
    assertThat(e.getMessage())
        .isEqualTo(
            "1 callout notification(s) not sent: could not connect to 127.0.0.1:"
                + port
                + " (connection refused) (status=none, requestId=none, trackId=t-io)");
  }

  @Test
  void resend_whenAnswerIsSlowerThanReadTimeout_reportsTimeoutWithinBound() {
    answer(zuora(202).withFixedDelay(3_000));
    CalloutResendClient client =
        CalloutResendClient.builder()
            .baseUri(wm.baseUrl())
            .accessToken(TOKEN)
            .readTimeout(Duration.ofMillis(200))
            .retryPolicy(RetryPolicy.none())
            .build();

    long start = System.nanoTime();
    ZuoraOutcomeUnknownException e =
        catchThrowableOfType(
            ZuoraOutcomeUnknownException.class, () -> client.resend(List.of("h1")));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
    assertThat(e.getCause()).isInstanceOf(java.net.SocketTimeoutException.class);
    assertThat(took).isLessThan(Duration.ofMillis(2_500));
  }

  @Test
  void resend_whenConnectionIsReset_reportsOutcomeUnknown() {
    answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    ZuoraOutcomeUnknownException e =
        catchThrowableOfType(
            ZuoraOutcomeUnknownException.class, () -> client().resend(List.of("h1")));

    assertThat(e.reason()).isEqualTo(Reason.IO_FAILURE);
  }

  @Test
  void resend_whenResponseIsGzipped_decodesIt() throws IOException {
    StringBuilder body = new StringBuilder("{");
    List<String> ids = IntStream.range(0, 50).mapToObj(i -> "id-" + i).collect(Collectors.toList());
    for (int i = 0; i < 25; i++) {
      body.append(i == 0 ? "" : ",")
          .append("\"id-")
          .append(i)
          .append(
              "\":{\"code\":\"ObjectNotFound\",\"message\":\"Callout history does not exist.\"}");
    }
    body.append('}');
    answer(
        zuora(202)
            .withHeader("Content-Type", "application/json")
            .withHeader("Content-Encoding", "gzip")
            .withBody(gzip(body.toString().getBytes(StandardCharsets.UTF_8))));

    ResendResult result = client().resend(ids);

    assertThat(result.failures()).hasSize(25);
    assertThat(result.accepted()).containsExactlyElementsOf(ids.subList(25, 50));
  }

  @Test
  void resend_whenResponseBodyIsHuge_readsABoundedAmountAndReportsUndecodable() {
    byte[] huge = new byte[3 << 20];
    java.util.Arrays.fill(huge, (byte) ' ');
    huge[0] = '{';
    answer(zuora(202).withHeader("Content-Type", "application/json").withBody(huge));

    ZuoraOutcomeUnknownException e =
        catchThrowableOfType(
            ZuoraOutcomeUnknownException.class, () -> client().resend(List.of("h1")));

    assertThat(e.reason()).isEqualTo(Reason.UNDECODABLE_RESPONSE);
    assertThat(e.getMessage()).contains("exceeds");
  }

  @Test
  void resend_acceptsMaxItemsIds_inOneRequest() {
    answer(zuora(202));
    int max = CalloutResendClient.MAX_IDS_PER_REQUEST;
    List<String> ids =
        IntStream.range(0, max).mapToObj(i -> "id-" + i).collect(Collectors.toList());

    ResendResult result = client().resend(ids);

    assertThat(result.accepted()).hasSize(max);
    assertThat(onlyRequest().getBodyAsString())
        .startsWith("[\"id-0\",")
        .endsWith("\"id-" + (max - 1) + "\"]");
  }

  @Test
  void resultsAndExceptions_areImmutable() {
    answer(zuora(202));
    List<String> ids = new ArrayList<>(List.of("h1"));

    ResendResult result = client().resend(ids);
    ids.add("h2");

    assertThat(result.accepted()).containsExactly("h1");
    assertThatThrownBy(() -> result.accepted().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> result.failures().add(new ResendFailure("x", "c", "m")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> result.headers().put("X", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(raw);
    }
    return bytes.toByteArray();
  }
}
