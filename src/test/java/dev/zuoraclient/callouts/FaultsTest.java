package dev.zuoraclient.callouts;

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
import dev.zuoraclient.callouts.exception.ZuoraException;
import dev.zuoraclient.callouts.exception.ZuoraOutcomeUnknownException;
import dev.zuoraclient.callouts.exception.ZuoraOutcomeUnknownException.Reason;
import dev.zuoraclient.callouts.exception.ZuoraServerException;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken answers from a real local server: each ends in a typed error within a bounded time,
 * retries stay within the policy, and the IDs are reported as having an unknown outcome.
 */
class FaultsTest {
  static final List<String> IDS = List.of("h1", "h2");

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().gzipDisabled(true))
          .build();

  static final Duration SHORT_READ_TIMEOUT = Duration.ofMillis(500);

  static CalloutResendClient client() {
    return client(Duration.ofSeconds(10));
  }

  /**
   * A short read timeout only for the slow-answer case: a 1 MiB body may take a cold JVM longer.
   */
  static CalloutResendClient client(Duration readTimeout) {
    return CalloutResendClient.builder()
        .baseUri(wm.baseUrl())
        .accessToken("tok")
        .readTimeout(readTimeout)
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(3)
                .initialBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(10))
                .build())
        .build();
  }

  static Stream<Arguments> faults() throws IOException {
    byte[] gzip =
        CalloutResendClientTest.gzip(
            "{\"h1\":{\"code\":\"ObjectNotFound\",\"message\":\"x\"}}".getBytes());
    byte[] truncated = Arrays.copyOf(gzip, gzip.length / 2);
    return Stream.of(
        Arguments.of(
            "connection reset",
            aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
            Reason.IO_FAILURE,
            3),
        Arguments.of(
            "empty response", aResponse().withFault(Fault.EMPTY_RESPONSE), Reason.IO_FAILURE, 3),
        Arguments.of(
            "malformed chunk",
            aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK),
            Reason.IO_FAILURE,
            3),
        Arguments.of(
            "random data, then close",
            aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE),
            Reason.IO_FAILURE,
            3),
        Arguments.of(
            "slower than the read timeout",
            aResponse().withStatus(202).withFixedDelay(2_000),
            Reason.TIMEOUT,
            3),
        Arguments.of(
            "truncated gzip",
            aResponse()
                .withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withHeader("Content-Encoding", "gzip")
                .withBody(truncated),
            Reason.IO_FAILURE,
            3),
        Arguments.of(
            "wrong content type",
            aResponse()
                .withStatus(202)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><body>Accepted</body></html>"),
            Reason.UNDECODABLE_RESPONSE,
            1),
        Arguments.of(
            "202 whose body is not JSON",
            aResponse()
                .withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody("ok"),
            Reason.UNDECODABLE_RESPONSE,
            1),
        Arguments.of(
            "202 whose body is over 1 MiB",
            aResponse()
                .withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody(hugeJson()),
            Reason.UNDECODABLE_RESPONSE,
            1),
        Arguments.of(
            "400 whose body is over 1 MiB",
            aResponse()
                .withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(hugeJson()),
            Reason.UNDECODABLE_RESPONSE,
            1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void brokenAnswer_givesATypedUnknownOutcome_withinBoundedTimeAndAttempts(
      String name, ResponseDefinitionBuilder answer, Reason reason, int attempts) {
    wm.stubFor(post(urlEqualTo(CalloutResendClientTest.PATH)).willReturn(answer));

    CalloutResendClient client = reason == Reason.TIMEOUT ? client(SHORT_READ_TIMEOUT) : client();
    long start = System.nanoTime();
    ZuoraOutcomeUnknownException e =
        catchThrowableOfType(ZuoraOutcomeUnknownException.class, () -> client.resend(IDS));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(e).as(name).isNotNull();
    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.ids()).isEqualTo(IDS);
    assertThat(e.attempts()).isEqualTo(attempts);
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(CalloutResendClientTest.PATH))))
        .hasSize(attempts);
    // Bounded: the slow answer is cut at 3 x the short read timeout, the rest are cut short.
    assertThat(took)
        .isLessThan(reason == Reason.TIMEOUT ? Duration.ofSeconds(4) : Duration.ofSeconds(15));
  }

  @Test
  void a503WithAnOversizedBody_isStillAServerError() {
    wm.stubFor(
        post(urlEqualTo(CalloutResendClientTest.PATH))
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "text/html")
                    .withBody(hugeJson())));

    ZuoraServerException e =
        catchThrowableOfType(ZuoraServerException.class, () -> client().resend(IDS));

    assertThat(e.statusCode()).hasValue(503);
    assertThat(e.attempts()).isEqualTo(3);
  }

  @Test
  void batches_reportEveryFaultedIdAsUnresolved() {
    wm.stubFor(
        post(urlEqualTo(CalloutResendClientTest.PATH))
            .willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));

    BatchResendResult result =
        client().resendAll(List.of("a", "b", "c"), BatchOptions.builder().batchSize(2).build());

    assertThat(result.unresolved()).containsExactly("a", "b", "c");
    assertThat(result.accepted()).isEmpty();
    assertThat(result.errors())
        .extracting(BatchError::error)
        .allMatch(ZuoraException.class::isInstance);
  }

  static byte[] hugeJson() {
    StringBuilder sb = new StringBuilder((1 << 20) + 100).append("{\"h1\":{\"code\":\"");
    sb.append("x".repeat((1 << 20) + 10));
    return sb.append("\",\"message\":\"m\"}}").toString().getBytes();
  }
}
