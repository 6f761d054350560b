package dev.zuoraclient.callouts.pact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.DslPart;
import au.com.dius.pact.consumer.dsl.LambdaDsl;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithPath;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.dsl.PactDslWithState;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.consumer.model.MockServerImplementation;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.ResendFailure;
import dev.zuoraclient.callouts.ResendOptions;
import dev.zuoraclient.callouts.ResendResult;
import dev.zuoraclient.callouts.ResendResult.Outcome;
import dev.zuoraclient.callouts.RetryPolicy;
import dev.zuoraclient.callouts.exception.ZuoraAuthenticationException;
import dev.zuoraclient.callouts.exception.ZuoraRateLimitException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What this client needs from Zuora's resend endpoint: one interaction per documented outcome, and
 * the two failures a caller handles differently (a rejected token, a rate limit). Each test drives
 * the real {@link CalloutResendClient} against Pact's mock server and checks the typed outcome.
 *
 * <p>The provider states carry the data each interaction needs as parameters (the IDs that exist or
 * not, the token to accept), so a provider seeds its test data from the pact alone.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(
    providerName = PactParticipants.RESEND_PROVIDER,
    pactVersion = PactSpecVersion.V4,
    mockServerImplementation = MockServerImplementation.JavaHttpServer)
class CalloutResendPactTest {
  static final String PATH = "/notifications/callout-histories/resend";

  static final String VALID_TOKEN = "7f7fe1b5b2a24e1c8d0b6f2c1e9d3a44";
  static final String REVOKED_TOKEN = "0d3c2b1a9f8e7d6c5b4a39281706f5e4";

  static final String EXISTING_1 = "2c92c0f8628a3a0e01628f4a6b2c4d10";
  static final String EXISTING_2 = "2c92c0f8628a3a0e01628f4a6b2c4d11";
  static final String MISSING_1 = "a00000000000000000000000000000000";
  static final String MISSING_2 = "2c92c0f8628a3a0e01628f4a6b2c4d99";

  static final String REQUEST_ID = "3e1f6c2a-8b4d-4f0e-9a7c-5d2b1e0f3a6c";
  static final String TRACK_ID = "outage-2024-11-27-replay";
  static final String IDEMPOTENCY_KEY = "resend-batch-0042";
  static final String NOT_FOUND = "ObjectNotFound";
  static final String NOT_FOUND_MESSAGE = "Callout history does not exist.";
  static final int RETRY_AFTER_SECONDS = 30;

  // Feign sends "application/json" without a charset; Zuora accepts either.
  static final String JSON_TYPE = "application/json(;\\s*charset=(UTF|utf)-8)?";
  static final String BEARER = "Bearer \\S+";
  // The spec's rules: 1..255 printable US-ASCII; 1..64 without : ; " ' and no outer spaces.
  static final String IDEMPOTENCY_KEY_RULE = "[!-~]{1,255}";
  static final String TRACK_ID_RULE = "[!#-&(-9<-~]([ !#-&(-9<-~]{0,62}[!#-&(-9<-~])?";
  static final String REQUEST_ID_RULE = "[!-~]{36}";

  // ---- the interactions ----

  @Pact(consumer = PactParticipants.CONSUMER)
  V4Pact everyNotificationResent(PactDslWithProvider builder) {
    return resendRequest(
            tokenIsValid(builder.given("callout histories exist", ids(EXISTING_1, EXISTING_2))),
            "a resend of callout histories that all exist",
            VALID_TOKEN,
            List.of(EXISTING_1, EXISTING_2))
        .willRespondWith()
        .status(202)
        .matchHeader("Zuora-Request-Id", REQUEST_ID_RULE, REQUEST_ID)
        // Pact takes an empty expected body as "any body"; the length pins it as blank.
        .matchHeader("Content-Length", "0", "0")
        .body("")
        .toPact(V4Pact.class);
  }

  @Pact(consumer = PactParticipants.CONSUMER)
  V4Pact someNotificationsFail(PactDslWithProvider builder) {
    return resendRequest(
            tokenIsValid(
                builder
                    .given("callout histories exist", ids(EXISTING_1, EXISTING_2))
                    .given("callout histories do not exist", ids(MISSING_1))),
            "a resend of callout histories of which one does not exist",
            VALID_TOKEN,
            List.of(EXISTING_1, MISSING_1, EXISTING_2))
        .matchHeader("Zuora-Track-Id", TRACK_ID_RULE, TRACK_ID)
        .willRespondWith()
        .status(202)
        .matchHeader("Content-Type", JSON_TYPE, "application/json")
        .matchHeader("Zuora-Request-Id", REQUEST_ID_RULE, REQUEST_ID)
        .headers(Map.of("Zuora-Track-Id", TRACK_ID))
        .body(failuresOf(MISSING_1))
        .toPact(V4Pact.class);
  }

  @Pact(consumer = PactParticipants.CONSUMER)
  V4Pact everyNotificationFails(PactDslWithProvider builder) {
    return resendRequest(
            tokenIsValid(
                builder.given("callout histories do not exist", ids(MISSING_1, MISSING_2))),
            "a resend of callout histories that do not exist",
            VALID_TOKEN,
            List.of(MISSING_1, MISSING_2))
        .willRespondWith()
        .status(400)
        .matchHeader("Content-Type", JSON_TYPE, "application/json")
        .matchHeader("Zuora-Request-Id", REQUEST_ID_RULE, REQUEST_ID)
        .body(failuresOf(MISSING_1, MISSING_2))
        .toPact(V4Pact.class);
  }

  @Pact(consumer = PactParticipants.CONSUMER)
  V4Pact tokenRejected(PactDslWithProvider builder) {
    return resendRequest(
            builder.given("the access token is not valid", Map.of("token", REVOKED_TOKEN)),
            "a resend with a revoked access token",
            REVOKED_TOKEN,
            List.of(EXISTING_1))
        .willRespondWith()
        .status(401)
        .matchHeader("Content-Type", JSON_TYPE, "application/json")
        .matchHeader(
            "WWW-Authenticate", "Bearer.*", "Bearer realm=\"Zuora\", error=\"invalid_token\"")
        .body(LambdaDsl.newJsonBody(o -> o.stringType("message", "Authentication error")).build())
        .toPact(V4Pact.class);
  }

  @Pact(consumer = PactParticipants.CONSUMER)
  V4Pact rateLimited(PactDslWithProvider builder) {
    return resendRequest(
            tokenIsValid(
                builder.given(
                    "the tenant is rate limited",
                    Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS))),
            "a resend while the tenant is rate limited",
            VALID_TOKEN,
            List.of(EXISTING_1))
        .willRespondWith()
        .status(429)
        .matchHeader("Content-Type", JSON_TYPE, "application/json")
        .matchHeader("Retry-After", "\\d+", Integer.toString(RETRY_AFTER_SECONDS))
        .matchHeader("Zuora-Request-Id", REQUEST_ID_RULE, REQUEST_ID)
        .body(LambdaDsl.newJsonBody(o -> o.stringType("message", "Too many requests")).build())
        .toPact(V4Pact.class);
  }

  // ---- the client against each interaction ----

  @Test
  @PactTestFor(pactMethod = "everyNotificationResent")
  void resend_whenEveryIdExists_returnsAllAccepted(MockServer zuora) {
    ResendResult result = client(zuora, VALID_TOKEN).resend(List.of(EXISTING_1, EXISTING_2));

    assertThat(result.outcome()).isEqualTo(Outcome.ALL_ACCEPTED);
    assertThat(result.accepted()).containsExactly(EXISTING_1, EXISTING_2);
    assertThat(result.failures()).isEmpty();
    assertThat(result.statusCode()).isEqualTo(202);
    assertThat(result.requestId()).contains(REQUEST_ID);
  }

  @Test
  @PactTestFor(pactMethod = "someNotificationsFail")
  void resend_whenSomeIdsFail_returnsTheirCodesAndMessages(MockServer zuora) {
    ResendOptions options =
        ResendOptions.builder().trackId(TRACK_ID).idempotencyKey(IDEMPOTENCY_KEY).build();

    ResendResult result =
        client(zuora, VALID_TOKEN).resend(List.of(EXISTING_1, MISSING_1, EXISTING_2), options);

    assertThat(result.outcome()).isEqualTo(Outcome.PARTIALLY_ACCEPTED);
    assertThat(result.accepted()).containsExactly(EXISTING_1, EXISTING_2);
    assertThat(result.failures())
        .containsExactly(new ResendFailure(MISSING_1, NOT_FOUND, NOT_FOUND_MESSAGE));
    assertThat(result.statusCode()).isEqualTo(202);
    assertThat(result.requestId()).contains(REQUEST_ID);
    assertThat(result.trackId()).contains(TRACK_ID);
    assertThat(result.idempotencyKey()).contains(IDEMPOTENCY_KEY);
  }

  @Test
  @PactTestFor(pactMethod = "everyNotificationFails")
  void resend_whenEveryIdFails_returnsAllRejectedWithEachReason(MockServer zuora) {
    ResendResult result = client(zuora, VALID_TOKEN).resend(List.of(MISSING_1, MISSING_2));

    assertThat(result.outcome()).isEqualTo(Outcome.ALL_REJECTED);
    assertThat(result.accepted()).isEmpty();
    assertThat(result.failures())
        .containsExactly(
            new ResendFailure(MISSING_1, NOT_FOUND, NOT_FOUND_MESSAGE),
            new ResendFailure(MISSING_2, NOT_FOUND, NOT_FOUND_MESSAGE));
    assertThat(result.statusCode()).isEqualTo(400);
    assertThat(result.requestId()).contains(REQUEST_ID);
  }

  @Test
  @PactTestFor(pactMethod = "tokenRejected")
  void resend_whenTheTokenIsRejected_throwsAuthenticationException(MockServer zuora) {
    ZuoraAuthenticationException e =
        catchThrowableOfType(
            ZuoraAuthenticationException.class,
            () -> client(zuora, REVOKED_TOKEN).resend(List.of(EXISTING_1)));

    assertThat(e).isNotNull();
    assertThat(e.statusCode()).hasValue(401);
    assertThat(e.zuoraMessage()).contains("Authentication error");
    assertThat(e.challenge()).hasValueSatisfying(c -> assertThat(c).startsWith("Bearer"));
  }

  @Test
  @PactTestFor(pactMethod = "rateLimited")
  void resend_whenRateLimited_throwsRateLimitExceptionWithRetryAfter(MockServer zuora) {
    ZuoraRateLimitException e =
        catchThrowableOfType(
            ZuoraRateLimitException.class,
            () -> client(zuora, VALID_TOKEN).resend(List.of(EXISTING_1)));

    assertThat(e).isNotNull();
    assertThat(e.statusCode()).hasValue(429);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(RETRY_AFTER_SECONDS));
    assertThat(e.requestId()).contains(REQUEST_ID);
    assertThat(e.isRetryable()).isTrue();
  }

  // ---- helpers ----

  private static CalloutResendClient client(MockServer zuora, String token) {
    return CalloutResendClient.builder()
        .baseUri(zuora.getUrl())
        .accessToken(token)
        .retryPolicy(RetryPolicy.none())
        .readTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** The request every resend makes; a test may add or override headers on what it returns. */
  private static PactDslRequestWithPath resendRequest(
      PactDslWithState state, String description, String token, List<String> ids) {
    DslPart body = LambdaDsl.newJsonArray(a -> ids.forEach(a::stringValue)).build();
    return state
        .uponReceiving(description)
        .method("POST")
        .path(PATH)
        .body(body)
        .matchHeader("Content-Type", JSON_TYPE, "application/json")
        .matchHeader("Authorization", BEARER, "Bearer " + token)
        // The client sends a key on every call, so that a retry never resends twice.
        .matchHeader("Idempotency-Key", IDEMPOTENCY_KEY_RULE, IDEMPOTENCY_KEY);
  }

  /**
   * Zuora's failure map: each key a callout history ID, each value a code and a message matched by
   * type (strings), not by value. The further IDs only add examples; the rules of the first apply
   * to every key.
   */
  private static DslPart failuresOf(String exampleId, String... moreIds) {
    return LambdaDsl.newJsonBody(
            body -> {
              body.eachValueLike(
                  exampleId,
                  f -> f.stringType("code", NOT_FOUND).stringType("message", NOT_FOUND_MESSAGE));
              for (String id : moreIds) {
                body.object(
                    id,
                    f ->
                        f.stringValue("code", NOT_FOUND).stringValue("message", NOT_FOUND_MESSAGE));
              }
            })
        .build();
  }

  private static PactDslWithState tokenIsValid(PactDslWithState state) {
    return state.given("the access token is valid", Map.of("token", VALID_TOKEN));
  }

  private static Map<String, Object> ids(String... ids) {
    return Map.of("ids", List.of(ids));
  }
}
