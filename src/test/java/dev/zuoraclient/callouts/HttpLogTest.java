package dev.zuoraclient.callouts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import dev.zuoraclient.callouts.testing.HttpLogCapture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the HTTP log says of each attempt, as an application's logging sees it: every line names its
 * attempt (and batch), the answer carries status, time and Zuora-Request-Id, and the executor says
 * why it retries.
 */
class HttpLogTest {
  static final String PATH = CalloutResendClientTest.PATH;

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension final HttpLogCapture httpLog = new HttpLogCapture();
  private final List<String> logged = httpLog.lines();

  private CalloutResendClient.Builder client(HttpLogLevel level) {
    return CalloutResendClient.builder()
        .baseUri(wm.baseUrl())
        .accessToken("tok-http-log-0001")
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(3)
                .initialBackoff(Duration.ofMillis(10))
                .maxBackoff(Duration.ofMillis(20))
                .build())
        .httpLogLevel(level);
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer(
      int status, String requestId) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("Zuora-Request-Id", requestId)
        .withBody(status == 202 ? "{}" : "{\"message\":\"busy\"}");
  }

  @Test
  void basic_namesTheAttempt_andTheAnswerCarriesStatusTimeAndRequestId() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(answer(202, "req-basic-1")));

    client(HttpLogLevel.BASIC).build().resend(List.of("h1", "h2"));

    assertThat(logged)
        .hasSize(2)
        .element(0)
        .isEqualTo("attempt 1/3 ---> POST " + wm.baseUrl() + PATH + " (2 IDs)");
    assertThat(logged.get(1))
        .matches("attempt 1/3 <--- 202 in \\d+ ms, Zuora-Request-Id: req-basic-1");
  }

  @Test
  void aRetriedAttempt_saysWhyAndWhen_andTheNextAttemptHasItsOwnNumber() {
    wm.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("retry")
            .whenScenarioStateIs(STARTED)
            .willReturn(answer(503, "req-503"))
            .willSetStateTo("recovered"));
    wm.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("retry")
            .whenScenarioStateIs("recovered")
            .willReturn(answer(202, "req-202")));

    client(HttpLogLevel.BASIC).build().resend(List.of("h1"));

    assertThat(logged).hasSize(5);
    assertThat(logged.get(0)).isEqualTo("attempt 1/3 ---> POST " + wm.baseUrl() + PATH + " (1 ID)");
    assertThat(logged.get(1)).matches("attempt 1/3 <--- 503 in \\d+ ms, Zuora-Request-Id: req-503");
    assertThat(logged.get(2))
        .matches(
            "attempt 1/3 retry: 503 \\(server error\\); attempt 2/3 in \\d+ ms, with the same"
                + " Idempotency-Key");
    assertThat(logged.get(3)).startsWith("attempt 2/3 ---> POST ");
    assertThat(logged.get(4)).matches("attempt 2/3 <--- 202 in \\d+ ms, Zuora-Request-Id: req-202");
  }

  @Test
  void theLastAttempt_saysThereIsNoRetry() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(answer(503, "req-503")));

    try {
      client(HttpLogLevel.BASIC).build().resend(List.of("h1"));
    } catch (RuntimeException expected) {
      // the call ends with the 503
    }

    assertThat(logged)
        .filteredOn(line -> line.contains("--->"))
        .extracting(line -> line.substring(0, line.indexOf(" --->")))
        .containsExactly("attempt 1/3", "attempt 2/3", "attempt 3/3");
    assertThat(logged)
        .last()
        .isEqualTo("attempt 3/3 no retry: 503 (server error); that was the last attempt");
  }

  @Test
  void a401_isSentAgainAsTheSameAttempt_withANewToken_soRequestsStillPairWithAnswers() {
    AtomicInteger issued = new AtomicInteger();
    AccessTokenProvider refreshing =
        new AccessTokenProvider() {
          @Override
          public String accessToken() {
            return "tok-refreshing-000" + issued.get();
          }

          @Override
          public boolean invalidate(String rejectedToken) {
            issued.incrementAndGet();
            return true;
          }
        };
    wm.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("401")
            .whenScenarioStateIs(STARTED)
            .willReturn(answer(401, "req-401"))
            .willSetStateTo("new token"));
    wm.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("401")
            .whenScenarioStateIs("new token")
            .willReturn(answer(202, "req-202")));

    client(HttpLogLevel.BASIC).accessTokenProvider(refreshing).build().resend(List.of("h1"));

    assertThat(logged)
        .extracting(line -> line.replaceAll(" in \\d+ ms", ""))
        .containsExactly(
            "attempt 1/3 ---> POST " + wm.baseUrl() + PATH + " (1 ID)",
            "attempt 1/3 <--- 401, Zuora-Request-Id: req-401",
            "attempt 1/3 401: the token was refused; the attempt is sent again with a new one",
            "attempt 1/3 with a new token ---> POST " + wm.baseUrl() + PATH + " (1 ID)",
            "attempt 1/3 with a new token <--- 202, Zuora-Request-Id: req-202");
    assertThat(String.join("\n", logged)).doesNotContain("tok-refreshing");
  }

  @Test
  void resendAll_namesTheBatch_onEveryLine() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(answer(202, "req-batch")));

    client(HttpLogLevel.BASIC)
        .build()
        .resendAll(List.of("h1", "h2", "h3"), BatchOptions.builder().batchSize(2).build());

    assertThat(logged)
        .hasSize(4)
        .allMatch(
            line -> line.startsWith("batch 1/2 attempt 1/3 ") || line.startsWith("batch 2/2 "));
    assertThat(logged)
        .contains("batch 2/2 attempt 1/3 ---> POST " + wm.baseUrl() + PATH + " (1 ID)");
  }

  @Test
  void aBodyIsNeverLoggedBelowFull_andAnswersWithoutARequestIdSaySo() {
    wm.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"h2\":{\"code\":\"ObjectNotFound\",\"message\":\"gone\"}}")));

    client(HttpLogLevel.HEADERS).build().resend(List.of("h1", "h2"));

    String all = String.join("\n", logged);
    assertThat(all)
        .contains("attempt 1/3 ---> Content-Type: application/json")
        .containsIgnoringCase("attempt 1/3 <--- Content-Type: application/json")
        .contains("no Zuora-Request-Id")
        .contains("attempt 1/3 ---> END HTTP (11-byte body)")
        .doesNotContain("\"h1\"")
        .doesNotContain("ObjectNotFound")
        .doesNotContainIgnoringCase("authorization");
  }

  @Test
  void none_logsNothing_notEvenTheRetries() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(answer(503, "req-503")));

    try {
      client(HttpLogLevel.NONE).build().resend(List.of("h1"));
    } catch (RuntimeException expected) {
      // three attempts, all 503
    }

    assertThat(wm.getAllServeEvents()).hasSize(3);
    assertThat(logged).isEmpty();
  }
}
