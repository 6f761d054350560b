package dev.zuoraclient.callouts.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.ResendFailure;
import dev.zuoraclient.callouts.testing.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ZuoraSimulatorTest {
  private static final String TOKEN = "test-token";
  private static final String KNOWN_1 = "a02ea6d76931475bb73fcd339b5f6ht8g";
  private static final String KNOWN_2 = "a02ea6d76931475bb73fcd339b5f6ht9h";
  private static final String UNKNOWN = "a00000000000000000000000000000000";
  private static final String WORKFLOW = "w0000000000000000000000000000001";
  private static final String WORKFLOW_MESSAGE = "Callouts created by Workflow cannot be resent.";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private ZuoraSimulator zuora;

  @BeforeEach
  void startSimulator() {
    zuora =
        ZuoraSimulator.builder()
            .client("client-1", "secret-1")
            .acceptToken(TOKEN)
            .knownIds(KNOWN_1, KNOWN_2)
            .failingId(WORKFLOW, "InvalidValue", WORKFLOW_MESSAGE)
            .start();
  }

  @AfterEach
  void closeSimulator() {
    zuora.close();
  }

  // ---- the three documented outcomes ----

  @Test
  void resend_whenAllIdsKnown_returns202WithEmptyBodyAndZuoraHeaders() {
    HttpResponse<byte[]> first = send(resend(ids(KNOWN_1, KNOWN_2), "Zuora-Track-Id", "trace-1"));
    HttpResponse<byte[]> second = send(resend(ids(KNOWN_1)));

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(first.body()).isEmpty();
    assertThat(first.headers().firstValue("Content-Length")).contains("0");
    assertThat(first.headers().firstValue("Content-Type")).isEmpty();
    String requestId = first.headers().firstValue("Zuora-Request-Id").orElseThrow();
    assertThat(requestId).hasSize(36);
    assertThat(UUID.fromString(requestId)).hasToString(requestId);
    assertThat(first.headers().firstValue("Zuora-Track-Id")).contains("trace-1");
    assertThat(first.headers().firstValue("RateLimit-Limit")).contains("50000;w=60");
    assertThat(Long.parseLong(first.headers().firstValue("RateLimit-Reset").orElseThrow()))
        .isBetween(1L, 60L);
    assertThat(remaining(second)).isLessThan(remaining(first));
    assertThat(second.headers().firstValue("Zuora-Track-Id")).isEmpty();
    assertThat(second.headers().firstValue("Zuora-Request-Id"))
        .isNotEqualTo(Optional.of(requestId));
    assertThat(zuora.resendCount(KNOWN_1)).isEqualTo(2);
    assertThat(zuora.resendCount(KNOWN_2)).isEqualTo(1);
    assertThat(zuora.totalResends()).isEqualTo(3);
  }

  @Test
  void resend_whenSomeIdsUnknown_returns202WithTheirFailures() {
    HttpResponse<byte[]> response = send(resend(ids(KNOWN_1, UNKNOWN, WORKFLOW)));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.headers().firstValue("Zuora-Request-Id").orElseThrow()).hasSize(36);
    assertThat(response.headers().firstValue("RateLimit-Remaining")).isPresent();
    assertThat(text(response))
        .isEqualTo(
            "{\""
                + UNKNOWN
                + "\":{\"code\":\"ObjectNotFound\",\"message\":\"Callout history does not"
                + " exist.\"},\""
                + WORKFLOW
                + "\":{\"code\":\"InvalidValue\",\"message\":\""
                + WORKFLOW_MESSAGE
                + "\"}}");
    assertThat(zuora.resendCount(KNOWN_1)).isEqualTo(1);
    assertThat(zuora.resendCount(UNKNOWN)).isZero();
    assertThat(zuora.resendCount(WORKFLOW)).isZero();
  }

  @Test
  void resend_whenEveryIdFails_returns400WithAFailureForEachId() {
    HttpResponse<byte[]> response = send(resend(ids(UNKNOWN, WORKFLOW), "Zuora-Track-Id", "t-2"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.headers().firstValue("Zuora-Request-Id").orElseThrow()).hasSize(36);
    assertThat(response.headers().firstValue("Zuora-Track-Id")).contains("t-2");
    assertThat(response.headers().firstValue("RateLimit-Limit")).isPresent();
    JsonNode body = json(response);
    assertThat(body.size()).isEqualTo(2);
    assertThat(body.path(UNKNOWN).path("code").asText()).isEqualTo("ObjectNotFound");
    assertThat(body.path(WORKFLOW).path("message").asText()).isEqualTo(WORKFLOW_MESSAGE);
    assertThat(body.has("success")).isFalse();
    assertThat(zuora.totalResends()).isZero();
  }

  @Test
  void resend_whenIdsRepeat_treatsEachIdOnce() {
    HttpResponse<byte[]> response = send(resend(ids(KNOWN_1, KNOWN_1, UNKNOWN, UNKNOWN)));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(json(response).size()).isEqualTo(1);
    assertThat(zuora.resendCount(KNOWN_1)).isEqualTo(1);
    assertThat(zuora.requests().get(0).ids()).containsExactly(KNOWN_1, KNOWN_1, UNKNOWN, UNKNOWN);
  }

  @Test
  void resend_afterIdsSeededAtRuntime_followsTheLatestSeed() {
    zuora.addKnownIds(List.of(UNKNOWN));
    zuora.addFailingId(KNOWN_2, "InvalidValue", WORKFLOW_MESSAGE);

    HttpResponse<byte[]> response = send(resend(ids(UNKNOWN, KNOWN_2)));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(json(response).path(KNOWN_2).path("code").asText()).isEqualTo("InvalidValue");
    assertThat(zuora.resendCount(UNKNOWN)).isEqualTo(1);
  }

  // ---- authentication ----

  @Test
  void resend_withoutToken_returns401WithBearerChallenge() {
    HttpResponse<byte[]> response =
        send(
            HttpRequest.newBuilder(resendUri())
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(ids(KNOWN_1)))
                .build());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(text(response)).isEqualTo("{\"message\":\"Authentication error\"}");
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(
            v -> assertThat(v).startsWith("Bearer realm=").contains("invalid_token"));
    assertThat(zuora.totalResends()).isZero();
  }

  @Test
  void resend_withUnknownToken_returns401() {
    HttpResponse<byte[]> response =
        send(resend(ids(KNOWN_1), "Authorization", "Bearer not-a-token"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).path("message").asText()).isEqualTo("Authentication error");
  }

  @Test
  void resend_afterRevokeTokens_returns401UntilATokenIsAcceptedAgain() {
    zuora.revokeTokens();
    assertThat(send(resend(ids(KNOWN_1))).statusCode()).isEqualTo(401);

    zuora.acceptToken(TOKEN);
    assertThat(send(resend(ids(KNOWN_1))).statusCode()).isEqualTo(202);
  }

  @Test
  void token_withValidCredentials_issuesATokenTheResendEndpointAccepts() {
    HttpResponse<byte[]> token =
        send(
            tokenRequest(
                "client_id=client-1&client_secret=secret-1&grant_type=client_credentials"));

    assertThat(token.statusCode()).isEqualTo(200);
    assertThat(token.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode body = json(token);
    String accessToken = body.path("access_token").asText();
    assertThat(accessToken).isNotBlank().isNotEqualTo(TOKEN);
    assertThat(body.path("token_type").asText()).isEqualTo("bearer");
    assertThat(body.path("expires_in").asLong()).isEqualTo(3599);
    assertThat(body.path("scope").asText()).isNotBlank();
    assertThat(body.path("jti").asText()).isNotBlank();
    assertThat(zuora.tokenRequestCount()).isEqualTo(1);

    HttpResponse<byte[]> resend =
        send(resend(ids(KNOWN_1), "Authorization", "Bearer " + accessToken));
    assertThat(resend.statusCode()).isEqualTo(202);
  }

  @Test
  void token_withWrongSecretOrUnknownClient_returns401() {
    HttpResponse<byte[]> wrongSecret =
        send(tokenRequest("client_id=client-1&client_secret=nope&grant_type=client_credentials"));
    HttpResponse<byte[]> unknownClient =
        send(tokenRequest("client_id=other&client_secret=secret-1&grant_type=client_credentials"));

    assertThat(wrongSecret.statusCode()).isEqualTo(401);
    assertThat(json(wrongSecret).path("message").asText()).isNotBlank();
    assertThat(unknownClient.statusCode()).isEqualTo(401);
    assertThat(zuora.tokenRequestCount()).isEqualTo(2);
  }

  @Test
  void token_forAClientAddedWhileRunning_isIssued() {
    String form = "client_id=late&client_secret=late-secret&grant_type=client_credentials";
    assertThat(send(tokenRequest(form)).statusCode()).isEqualTo(401);

    zuora.addClient("late", "late-secret");

    assertThat(send(tokenRequest(form)).statusCode()).isEqualTo(200);
  }

  @Test
  void token_withMissingFieldOrOtherGrantType_returns400() {
    HttpResponse<byte[]> missing =
        send(tokenRequest("client_id=client-1&grant_type=client_credentials"));
    HttpResponse<byte[]> password =
        send(tokenRequest("client_id=client-1&client_secret=secret-1&grant_type=password"));

    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(json(missing).path("message").asText()).contains("client_secret");
    assertThat(password.statusCode()).isEqualTo(400);
    assertThat(json(password).path("message").asText()).contains("grant_type");
  }

  @Test
  void rateLimitReset_inTheLastSecondOfAWindow_isStillWholeSeconds_asZuoraWritesIt() {
    ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:59.824Z"));
    try (ZuoraSimulator sim =
        ZuoraSimulator.builder().acceptToken(TOKEN).knownIds(KNOWN_1).clock(clock).start()) {
      HttpResponse<byte[]> answer = send(resend(sim, ids(KNOWN_1)));

      assertThat(answer.statusCode()).isEqualTo(202);
      assertThat(answer.headers().firstValue("RateLimit-Reset")).contains("1");
    }
  }

  @Test
  void token_whenItsLifetimeHasPassed_isRejected() {
    ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:10Z"));
    try (ZuoraSimulator sim =
        ZuoraSimulator.builder()
            .client("c", "s")
            .knownIds(KNOWN_1)
            .tokenLifetime(Duration.ofSeconds(60))
            .clock(clock)
            .start()) {
      HttpResponse<byte[]> token =
          send(tokenRequest(sim, "client_id=c&client_secret=s&grant_type=client_credentials"));
      assertThat(json(token).path("expires_in").asLong()).isEqualTo(60);
      String bearer = "Bearer " + json(token).path("access_token").asText();

      clock.advance(Duration.ofSeconds(59));
      assertThat(send(resend(sim, ids(KNOWN_1), "Authorization", bearer)).statusCode())
          .isEqualTo(202);
      clock.advance(Duration.ofSeconds(1));
      assertThat(send(resend(sim, ids(KNOWN_1), "Authorization", bearer)).statusCode())
          .isEqualTo(401);
    }
  }

  // ---- request validation ----

  @Test
  void resend_withMoreThanMaxItemsIds_returns400InZuorasGenericShape() {
    String[] many = new String[SpecLimits.MAX_IDS + 1];
    for (int i = 0; i < many.length; i++) {
      many[i] = KNOWN_1;
    }

    HttpResponse<byte[]> response = send(resend(ids(many)));

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = json(response);
    assertThat(body.path("success").asBoolean(true)).isFalse();
    assertThat(body.path("reasons").get(0).path("code").asText()).isEqualTo("InvalidValue");
    assertThat(body.path("reasons").get(0).path("message").asText())
        .contains(String.valueOf(SpecLimits.MAX_IDS));
    assertThat(zuora.totalResends()).isZero();
  }

  @Test
  void resend_withMalformedOrEmptyBody_returns400InZuorasGenericShape() {
    for (String body : List.of("[\"a\",", "{\"ids\":[]}", "[1,2]", "[]", "", "[\"a\"] x")) {
      HttpResponse<byte[]> response = send(resend(body));

      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(json(response).path("reasons").get(0).path("code").asText())
          .as(body)
          .isEqualTo("InvalidValue");
    }
    assertThat(zuora.totalResends()).isZero();
  }

  @Test
  void resend_withJsonCharsetParameter_isAccepted() {
    HttpResponse<byte[]> response =
        send(resend(ids(KNOWN_1), "Content-Type", "application/json; charset=UTF-8"));

    assertThat(response.statusCode()).isEqualTo(202);
  }

  @Test
  void resend_withOtherContentType_returns415() {
    HttpResponse<byte[]> response = send(resend(ids(KNOWN_1), "Content-Type", "text/plain"));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(zuora.totalResends()).isZero();
  }

  @Test
  void otherPathsAndMethods_return404And405() {
    HttpResponse<byte[]> notFound =
        send(HttpRequest.newBuilder(zuora.baseUri().resolve("/v1/other")).GET().build());
    HttpResponse<byte[]> wrongMethod =
        send(
            HttpRequest.newBuilder(resendUri()).header("Authorization", "Bearer " + TOKEN).build());

    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).contains("POST");
  }

  // ---- compression ----

  @Test
  void resend_withGzippedBody_decodesItAndRecordsBothForms() {
    byte[] gzipped = gzip(ids(KNOWN_1, UNKNOWN).getBytes(UTF_8));

    HttpResponse<byte[]> response = send(resend(gzipped, "Content-Encoding", "gzip"));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(zuora.resendCount(KNOWN_1)).isEqualTo(1);
    RecordedRequest recorded = zuora.requests().get(0);
    assertThat(recorded.body()).isEqualTo(gzipped);
    assertThat(recorded.bodyText()).isEqualTo(ids(KNOWN_1, UNKNOWN));
    assertThat(recorded.ids()).containsExactly(KNOWN_1, UNKNOWN);
  }

  @Test
  void resend_withBrokenGzipBody_returns400() {
    HttpResponse<byte[]> response =
        send(resend("not gzip".getBytes(UTF_8), "Content-Encoding", "gzip"));

    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  void resend_whenGzipAcceptedAndBodyOver1000Bytes_gzipsTheResponse() {
    String[] unknown = new String[30];
    for (int i = 0; i < unknown.length; i++) {
      unknown[i] = "b" + i + UNKNOWN.substring(2);
    }
    String[] withKnown = new String[31];
    System.arraycopy(unknown, 0, withKnown, 0, 30);
    withKnown[30] = KNOWN_1;

    HttpResponse<byte[]> gzipped = send(resend(ids(withKnown), "Accept-Encoding", "gzip"));
    HttpResponse<byte[]> plain = send(resend(ids(withKnown)));
    HttpResponse<byte[]> small = send(resend(ids(KNOWN_1, UNKNOWN), "Accept-Encoding", "gzip"));

    assertThat(gzipped.statusCode()).isEqualTo(202);
    assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
    byte[] inflated = gunzip(gzipped.body());
    assertThat(inflated.length).isGreaterThan(1000);
    assertThat(inflated).isEqualTo(plain.body());
    assertThat(readTree(inflated).size()).isEqualTo(30);
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(small.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(json(small).has(UNKNOWN)).isTrue();
  }

  // ---- idempotency ----

  @Test
  void resend_withSameIdempotencyKey_replaysTheStoredAnswerWithoutResending() {
    String body = ids(KNOWN_1, UNKNOWN);

    HttpResponse<byte[]> first = send(resend(body, "Idempotency-Key", "key-1"));
    HttpResponse<byte[]> replay = send(resend(body, "Idempotency-Key", "key-1"));

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(replay.statusCode()).isEqualTo(202);
    assertThat(replay.body()).isEqualTo(first.body());
    assertThat(replay.headers().firstValue("Zuora-Request-Id"))
        .isEqualTo(first.headers().firstValue("Zuora-Request-Id"));
    assertThat(zuora.resendCount(KNOWN_1)).isEqualTo(1);
  }

  @Test
  void resend_withSameKeyAfter24Hours_isProcessedAgain() {
    ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:10Z"));
    try (ZuoraSimulator sim =
        ZuoraSimulator.builder().acceptToken(TOKEN).knownIds(KNOWN_1).clock(clock).start()) {
      send(resend(sim, ids(KNOWN_1), "Idempotency-Key", "key-1"));
      clock.advance(Duration.ofHours(24).minusSeconds(1));
      send(resend(sim, ids(KNOWN_1), "Idempotency-Key", "key-1"));
      assertThat(sim.resendCount(KNOWN_1)).isEqualTo(1);

      clock.advance(Duration.ofSeconds(1));
      send(resend(sim, ids(KNOWN_1), "Idempotency-Key", "key-1"));
      assertThat(sim.resendCount(KNOWN_1)).isEqualTo(2);
    }
  }

  @Test
  void resend_withSameKeyWhileTheFirstIsInProgress_returns409() throws Exception {
    zuora.delayNext(1, Duration.ofSeconds(1));
    CompletableFuture<HttpResponse<byte[]>> first =
        HTTP.sendAsync(
            resend(ids(KNOWN_1), "Idempotency-Key", "key-1"), BodyHandlers.ofByteArray());
    awaitRecorded(1);

    HttpResponse<byte[]> second = send(resend(ids(KNOWN_1), "Idempotency-Key", "key-1"));

    assertThat(second.statusCode()).isEqualTo(409);
    JsonNode body = json(second);
    assertThat(body.path("success").asBoolean(true)).isFalse();
    assertThat(body.path("reasons").get(0).path("code").asText()).isEqualTo("Conflict");
    assertThat(first.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
    assertThat(send(resend(ids(KNOWN_1), "Idempotency-Key", "key-1")).statusCode()).isEqualTo(202);
    assertThat(zuora.resendCount(KNOWN_1)).isEqualTo(1);
  }

  @Test
  void resend_withSameKeyButDifferentBody_returns422() {
    send(resend(ids(KNOWN_1), "Idempotency-Key", "key-1"));

    HttpResponse<byte[]> response = send(resend(ids(KNOWN_2), "Idempotency-Key", "key-1"));

    assertThat(response.statusCode()).isEqualTo(422);
    JsonNode body = json(response);
    assertThat(body.path("success").asBoolean(true)).isFalse();
    assertThat(body.path("reasons").get(0).path("message").asText()).contains("Idempotency-Key");
    assertThat(zuora.resendCount(KNOWN_2)).isZero();
  }

  @Test
  void resend_retriedWithSameKeyAfterInjectedFailure_isProcessed() {
    zuora.failNext(1, 503);

    HttpResponse<byte[]> failed = send(resend(ids(KNOWN_1), "Idempotency-Key", "key-1"));
    HttpResponse<byte[]> retried = send(resend(ids(KNOWN_1), "Idempotency-Key", "key-1"));

    assertThat(failed.statusCode()).isEqualTo(503);
    assertThat(retried.statusCode()).isEqualTo(202);
    assertThat(zuora.resendCount(KNOWN_1)).isEqualTo(1);
  }

  // ---- fault injection ----

  @Test
  void failNextWith429_answersWithRetryAfterThenServesNormally() {
    zuora.failNextWith(1, 429, Duration.ofSeconds(2));

    HttpResponse<byte[]> limited = send(resend(ids(KNOWN_1)));
    HttpResponse<byte[]> next = send(resend(ids(KNOWN_1)));

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).contains("2");
    assertThat(limited.headers().firstValue("RateLimit-Limit")).contains("50000;w=60");
    assertThat(limited.headers().firstValue("RateLimit-Remaining")).contains("0");
    assertThat(limited.headers().firstValue("RateLimit-Reset")).contains("2");
    assertThat(limited.headers().firstValue("Zuora-Request-Id").orElseThrow()).hasSize(36);
    assertThat(text(limited)).isEqualTo("{\"message\":\"Too many requests\"}");
    assertThat(next.statusCode()).isEqualTo(202);
    assertThat(zuora.resendCount(KNOWN_1)).isEqualTo(1);
  }

  @Test
  void failNext503Twice_thenSucceeds() {
    zuora.failNext(2, 503);

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      HttpResponse<byte[]> response = send(resend(ids(KNOWN_1)));
      statuses.add(response.statusCode());
      if (response.statusCode() == 503) {
        assertThat(json(response).path("message").asText()).isEqualTo("Service Unavailable");
      }
    }

    assertThat(statuses).containsExactly(503, 503, 202);
    assertThat(zuora.resendCount(KNOWN_1)).isEqualTo(1);
  }

  @Test
  void failNext_batchesQueueInOrder() {
    zuora.failNext(1, 500);
    zuora.failNext(1, 502);

    assertThat(send(resend(ids(KNOWN_1))).statusCode()).isEqualTo(500);
    assertThat(send(resend(ids(KNOWN_1))).statusCode()).isEqualTo(502);
    assertThat(send(resend(ids(KNOWN_1))).statusCode()).isEqualTo(202);
  }

  @Test
  void failNext_withStatusOutside4xxOr5xx_isRejected() {
    assertThatThrownBy(() -> zuora.failNext(1, 200))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("status");
    assertThatThrownBy(() -> zuora.failNext(0, 503))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("n must be at least 1");
  }

  @Test
  void delayNext_holdsTheAnswerForTheGivenTime() {
    zuora.delayNext(1, Duration.ofMillis(300));

    long start = System.nanoTime();
    HttpResponse<byte[]> delayed = send(resend(ids(KNOWN_1)));
    long delayedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(delayed.statusCode()).isEqualTo(202);
    assertThat(delayedMillis).isGreaterThanOrEqualTo(300);
  }

  @Test
  void rateLimit_whenExhausted_answers429UntilTheWindowResets() {
    ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:10Z"));
    try (ZuoraSimulator sim =
        ZuoraSimulator.builder()
            .acceptToken(TOKEN)
            .knownIds(KNOWN_1)
            .rateLimitPerMinute(2)
            .clock(clock)
            .start()) {
      HttpResponse<byte[]> first = send(resend(sim, ids(KNOWN_1)));
      HttpResponse<byte[]> second = send(resend(sim, ids(KNOWN_1)));
      HttpResponse<byte[]> third = send(resend(sim, ids(KNOWN_1)));

      assertThat(first.headers().firstValue("RateLimit-Remaining")).contains("1");
      assertThat(second.headers().firstValue("RateLimit-Remaining")).contains("0");
      assertThat(third.statusCode()).isEqualTo(429);
      assertThat(third.headers().firstValue("Retry-After")).contains("50");
      assertThat(sim.resendCount(KNOWN_1)).isEqualTo(2);

      clock.advance(Duration.ofSeconds(50));
      assertThat(send(resend(sim, ids(KNOWN_1))).statusCode()).isEqualTo(202);
    }
  }

  // ---- recording and state ----

  @Test
  void requests_recordMethodPathHeadersAndDecodedBody() {
    send(resend(ids(KNOWN_1, UNKNOWN), "Zuora-Track-Id", "trace-7", "Idempotency-Key", "k-7"));
    send(tokenRequest("client_id=client-1&client_secret=secret-1&grant_type=client_credentials"));

    List<RecordedRequest> requests = zuora.requests();

    assertThat(requests).hasSize(2);
    RecordedRequest resend = requests.get(0);
    assertThat(resend.method()).isEqualTo("POST");
    assertThat(resend.path()).isEqualTo(ZuoraSimulator.RESEND_PATH);
    assertThat(resend.isResend()).isTrue();
    assertThat(resend.header("zuora-track-id")).contains("trace-7");
    assertThat(resend.header("IDEMPOTENCY-KEY")).contains("k-7");
    assertThat(resend.headers().get("content-type")).containsExactly("application/json");
    assertThat(resend.header("Authorization")).contains("Bearer " + TOKEN);
    assertThat(resend.bodyText()).isEqualTo(ids(KNOWN_1, UNKNOWN));
    assertThat(resend.ids()).containsExactly(KNOWN_1, UNKNOWN);
    assertThat(resend.receivedAt()).isNotNull();
    assertThat(resend.toString()).contains("trace-7").doesNotContain(TOKEN);

    RecordedRequest token = requests.get(1);
    assertThat(token.isResend()).isFalse();
    assertThat(token.path()).isEqualTo(ZuoraSimulator.TOKEN_PATH);
    assertThat(token.ids()).isEmpty();
    assertThat(token.bodyText()).contains("client_secret=secret-1");
    assertThat(token.toString()).doesNotContain("secret-1");
    assertThatThrownBy(() -> requests.add(token)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void clearRequestsAndReset_forgetWhatHappenedButKeepTokens() {
    zuora.addKnownIds(UNKNOWN);
    send(resend(ids(KNOWN_1, UNKNOWN), "Idempotency-Key", "key-1"));
    zuora.failNext(5, 503);

    zuora.clearRequests();
    assertThat(zuora.requests()).isEmpty();
    assertThat(zuora.resendCount(KNOWN_1)).isEqualTo(1);

    zuora.reset();
    assertThat(zuora.resendCount(KNOWN_1)).isZero();
    assertThat(zuora.totalResends()).isZero();
    HttpResponse<byte[]> afterReset =
        send(resend(ids(KNOWN_1, UNKNOWN), "Idempotency-Key", "key-1"));
    assertThat(afterReset.statusCode()).isEqualTo(202);
    assertThat(json(afterReset).has(UNKNOWN)).isTrue();
    assertThat(zuora.resendCount(KNOWN_1)).isEqualTo(1);
  }

  // ---- lifecycle and load ----

  @Test
  void startAndClose_takeWellUnderASecond() {
    long start = System.nanoTime();
    ZuoraSimulator sim = ZuoraSimulator.builder().acceptToken(TOKEN).knownIds(KNOWN_1).start();
    long startMillis = (System.nanoTime() - start) / 1_000_000;
    int status = send(resend(sim, ids(KNOWN_1))).statusCode();
    long close = System.nanoTime();
    sim.close();
    long closeMillis = (System.nanoTime() - close) / 1_000_000;

    assertThat(sim.baseUri().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
    assertThat(status).isEqualTo(202);
    assertThat(startMillis + closeMillis).isLessThan(1000);
    assertThatThrownBy(() -> HTTP.send(resend(sim, ids(KNOWN_1)), BodyHandlers.ofByteArray()))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void close_withADelayedRequestInFlight_returnsQuickly() {
    ZuoraSimulator sim = ZuoraSimulator.builder().acceptToken(TOKEN).knownIds(KNOWN_1).start();
    sim.delayNext(1, Duration.ofSeconds(30));
    CompletableFuture<HttpResponse<byte[]>> pending =
        HTTP.sendAsync(resend(sim, ids(KNOWN_1)), BodyHandlers.ofByteArray());
    awaitRecorded(sim, 1);

    long start = System.nanoTime();
    sim.close();
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(millis).isLessThan(1000);
    assertThat(sim.resendCount(KNOWN_1)).isZero();
    pending.cancel(true);
  }

  @Test
  void resend_from64ThreadsAt200CallsEach_answersEveryCall() throws Exception {
    int threads = 64;
    int calls = 200;
    // HttpURLConnection: the lightest blocking client in the JDK, so the test measures the
    // simulator rather than the client's thread hand-offs.
    URL url = zuora.baseUri().resolve(ZuoraSimulator.RESEND_PATH).toURL();
    byte[] body = ids(KNOWN_1, KNOWN_2).getBytes(UTF_8);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  List<String> answers = new ArrayList<>(calls);
                  for (int i = 0; i < calls; i++) {
                    HttpURLConnection c = (HttpURLConnection) url.openConnection();
                    c.setRequestMethod("POST");
                    c.setDoOutput(true);
                    c.setRequestProperty("Content-Type", "application/json");
                    c.setRequestProperty("Authorization", "Bearer " + TOKEN);
                    c.setRequestProperty("Idempotency-Key", thread + "-" + i);
                    try (OutputStream out = c.getOutputStream()) {
                      out.write(body);
                    }
                    int status = c.getResponseCode();
                    try (InputStream in = c.getInputStream()) {
                      answers.add(status + " with " + in.readAllBytes().length + " bytes");
                    }
                  }
                  return answers;
                }));
      }
      for (Future<List<String>> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS))
            .hasSize(calls)
            .containsOnly("202 with 0 bytes");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(zuora.resendCount(KNOWN_1)).isEqualTo(threads * calls);
    assertThat(zuora.totalResends()).isEqualTo(2L * threads * calls);
    // More arrived than the simulator keeps by default: it dropped the oldest.
    assertThat(zuora.requests().size())
        .isEqualTo(ZuoraSimulator.Builder.DEFAULT_MAX_RECORDED_REQUESTS);
  }

  // ---- helpers ----

  private HttpRequest resend(String json, String... headers) {
    return resend(zuora, json.getBytes(UTF_8), headers);
  }

  private HttpRequest resend(byte[] body, String... headers) {
    return resend(zuora, body, headers);
  }

  private static HttpRequest resend(ZuoraSimulator sim, String json, String... headers) {
    return resend(sim, json.getBytes(UTF_8), headers);
  }

  /** A resend request with a JSON content type and the test token; headers override both. */
  private static HttpRequest resend(ZuoraSimulator sim, byte[] body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(sim.baseUri().resolve(ZuoraSimulator.RESEND_PATH))
            .timeout(Duration.ofSeconds(10))
            .POST(BodyPublishers.ofByteArray(body));
    List<String> overridden = new ArrayList<>();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
      overridden.add(headers[i].toLowerCase());
    }
    if (!overridden.contains("content-type")) {
      request.header("Content-Type", "application/json");
    }
    if (!overridden.contains("authorization")) {
      request.header("Authorization", "Bearer " + TOKEN);
    }
    return request.build();
  }

  private URI resendUri() {
    return zuora.baseUri().resolve(ZuoraSimulator.RESEND_PATH);
  }

  private HttpRequest tokenRequest(String form) {
    return tokenRequest(zuora, form);
  }

  private static HttpRequest tokenRequest(ZuoraSimulator sim, String form) {
    return HttpRequest.newBuilder(sim.baseUri().resolve(ZuoraSimulator.TOKEN_PATH))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(BodyPublishers.ofString(form))
        .build();
  }

  private static HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return HTTP.send(request, BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitRecorded(int count) {
    awaitRecorded(zuora, count);
  }

  private static void awaitRecorded(ZuoraSimulator sim, int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (sim.requests().size() < count) {
      assertThat(System.nanoTime()).as("waiting for a recorded request").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  private static String ids(String... ids) {
    try {
      return MAPPER.writeValueAsString(ids);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long remaining(HttpResponse<?> response) {
    return Long.parseLong(response.headers().firstValue("RateLimit-Remaining").orElseThrow());
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), UTF_8);
  }

  private static JsonNode json(HttpResponse<byte[]> response) {
    return readTree(response.body());
  }

  private static JsonNode readTree(byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] bytes) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void oneSeedingRule_everyIdButUnknownOnes_unlessTheKnownIdsAreListed() {
    try (ZuoraSimulator byName = ZuoraSimulator.builder().acceptToken("t-123456").start();
        ZuoraSimulator byList =
            ZuoraSimulator.builder().acceptToken("t-123456").knownIds("a1").start();
        ZuoraSimulator both =
            ZuoraSimulator.builder()
                .acceptToken("t-123456")
                .knownIds("a1")
                .unknownIdPrefix("gone")
                .start()) {
      assertThat(failedIds(byName, "a1", "b2", "unknown-1")).containsExactly("unknown-1");
      assertThat(failedIds(byList, "a1", "b2", "unknown-1")).containsExactly("b2", "unknown-1");
      assertThat(failedIds(both, "a1", "b2", "gone-1")).containsExactly("gone-1");
    }
  }

  private static List<String> failedIds(ZuoraSimulator zuora, String... ids) {
    return CalloutResendClient.builder()
        .baseUri(zuora.baseUri())
        .accessToken("t-123456")
        .build()
        .resend(List.of(ids))
        .failures()
        .stream()
        .map(ResendFailure::id)
        .toList();
  }
}
