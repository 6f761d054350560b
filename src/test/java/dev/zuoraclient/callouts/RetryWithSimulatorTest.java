package dev.zuoraclient.callouts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zuoraclient.callouts.auth.ClientCredentialsTokenProvider;
import dev.zuoraclient.callouts.simulator.RecordedRequest;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import dev.zuoraclient.callouts.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Retries end to end: the client may send a request twice, Zuora resends once. */
class RetryWithSimulatorTest {

  @Test
  void aTimedOutCall_isRetriedWithTheSameKey_andTheNotificationIsResentOnce() {
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder().acceptToken("tok").knownIds("h1", "h2").start()) {
      zuora.delayNext(1, Duration.ofMillis(900)); // the first answer arrives too late
      CalloutResendClient client =
          CalloutResendClient.builder()
              .baseUri(zuora.baseUri())
              .accessToken("tok")
              .readTimeout(Duration.ofMillis(300))
              .retryPolicy(
                  RetryPolicy.builder()
                      .maxAttempts(6)
                      .initialBackoff(Duration.ofMillis(200))
                      .maxBackoff(Duration.ofMillis(400))
                      .build())
              .build();

      ResendResult result = client.resend(List.of("h1", "h2"));

      assertThat(result.isAllAccepted()).isTrue();
      List<RecordedRequest> sent =
          zuora.requests().stream().filter(RecordedRequest::isResend).collect(Collectors.toList());
      assertThat(sent.size()).isGreaterThanOrEqualTo(2);
      assertThat(sent)
          .extracting(r -> r.header("Idempotency-Key").orElseThrow())
          .containsOnly(result.idempotencyKey().orElseThrow());
      assertThat(zuora.resendCount("h1")).isEqualTo(1);
      assertThat(zuora.resendCount("h2")).isEqualTo(1);
    }
  }

  @Test
  void injected503s_areRetried_andNothingIsResentTwice() {
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder().acceptToken("tok").knownIds("h1").start()) {
      zuora.failNext(2, 503);
      CalloutResendClient client =
          CalloutResendClient.builder()
              .baseUri(zuora.baseUri())
              .accessToken("tok")
              .retryPolicy(
                  RetryPolicy.builder()
                      .initialBackoff(Duration.ofMillis(10))
                      .maxBackoff(Duration.ofMillis(20))
                      .build())
              .build();

      ResendResult result = client.resend(List.of("h1"));

      assertThat(result.isAllAccepted()).isTrue();
      assertThat(zuora.requests()).hasSize(3);
      assertThat(zuora.resendCount("h1")).isEqualTo(1);
    }
  }

  @Test
  void anOAuthClient_fetchesOneToken_andRefreshesItWhenZuoraRevokesIt() {
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder().client("cid", "csecret").knownIds("h1").start()) {
      ManualClock clock = new ManualClock(Instant.now());
      ClientCredentialsTokenProvider tokens =
          ClientCredentialsTokenProvider.builder()
              .baseUri(zuora.baseUri())
              .clientId("cid")
              .clientSecret("csecret")
              .clock(clock)
              .build();
      CalloutResendClient client =
          CalloutResendClient.builder()
              .baseUri(zuora.baseUri())
              .accessTokenProvider(tokens)
              .build();

      client.resend(List.of("h1"));
      client.resend(List.of("h1"));
      assertThat(zuora.tokenRequestCount()).isEqualTo(1);

      // A token rejected right after its fetch is not refreshed; this one is a minute old.
      clock.advance(Duration.ofMinutes(1));
      zuora.revokeTokens();
      ResendResult afterRevoke = client.resend(List.of("h1"));

      assertThat(afterRevoke.isAllAccepted()).isTrue();
      assertThat(zuora.tokenRequestCount()).isEqualTo(2);
    }
  }

  @Test
  void aRevokedToken_isRefreshedAndTheCallRetried_withNoClockOfTheTestsOwn() {
    try (ZuoraSimulator zuora = ZuoraSimulator.builder().client("cid", "csecret").start()) {
      CalloutResendClient client =
          CalloutResendClient.builder()
              .baseUri(zuora.baseUri())
              .clientCredentials("cid", "csecret")
              .build();
      // snippet: token-refresh
      client.resend(List.of("h1")); // fetches a token
      zuora.revokeTokens(); // the next resend is answered 401
      ResendResult afterRevoke = client.resend(List.of("h2")); // a new token, sent again
      assertThat(afterRevoke.isAllAccepted()).isTrue();
      assertThat(zuora.tokenRequestCount()).isEqualTo(2);
      // end snippet
      List<String> sent =
          zuora.requests().stream()
              .filter(RecordedRequest::isResend)
              .map(r -> r.header("Authorization").orElseThrow())
              .toList();
      // h1, then h2 refused with the revoked token, then h2 again with the new one
      assertThat(sent).hasSize(3);
      assertThat(sent.get(1)).isEqualTo(sent.get(0));
      assertThat(sent.get(2)).isNotEqualTo(sent.get(1));
      assertThat(zuora.resendCount("h2")).isEqualTo(1);

      // A replacement refused within 30 s of its fetch is not replaced again: a new token from the
      // same credentials would fail too, and asking for one per call would flood the endpoint.
      zuora.revokeTokens();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.resend(List.of("h3")))
          .isInstanceOf(dev.zuoraclient.callouts.exception.ZuoraAuthenticationException.class);
      assertThat(zuora.tokenRequestCount()).isEqualTo(2);
    }
  }
}
