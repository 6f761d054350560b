package dev.zuoraclient.callouts.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.exception.ZuoraTokenException;
import dev.zuoraclient.callouts.testing.ManualClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClientCredentialsTokenProviderTest {
  static final String SECRET = "cl1ent-s3cret-9f8e";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  final ManualClock clock = new ManualClock();

  ClientCredentialsTokenProvider provider() {
    return ClientCredentialsTokenProvider.builder()
        .baseUri(wm.baseUrl())
        .clientId("client-1")
        .clientSecret(SECRET)
        .clock(clock)
        .build();
  }

  static void tokens(String... tokens) {
    for (int i = 0; i < tokens.length; i++) {
      String state = i == 0 ? Scenario.STARTED : "t" + i;
      wm.stubFor(
          post(urlEqualTo("/oauth/token"))
              .inScenario("tokens")
              .whenScenarioStateIs(state)
              .willReturn(
                  aResponse()
                      .withStatus(200)
                      .withHeader("Content-Type", "application/json")
                      .withBody(
                          "{\"access_token\":\""
                              + tokens[i]
                              + "\",\"token_type\":\"bearer\",\"expires_in\":3599,\"scope\":\"x\",\"jti\":\"j\"}"))
              .willSetStateTo("t" + (i + 1)));
    }
  }

  static List<LoggedRequest> tokenRequests() {
    return wm.findAll(postRequestedFor(urlEqualTo("/oauth/token")));
  }

  @Test
  void accessToken_postsTheFormGrant_andCachesTheToken() {
    tokens("tok-A");
    ClientCredentialsTokenProvider provider = provider();

    assertThat(provider.accessToken()).isEqualTo("tok-A");
    assertThat(provider.accessToken()).isEqualTo("tok-A");

    assertThat(tokenRequests()).hasSize(1);
    LoggedRequest sent = tokenRequests().get(0);
    assertThat(sent.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(sent.containsHeader("Authorization")).isFalse();
    assertThat(sent.getBodyAsString())
        .isEqualTo("client_id=client-1&client_secret=" + SECRET + "&grant_type=client_credentials");
  }

  @Test
  void accessToken_refreshesShortlyBeforeExpiry() {
    tokens("tok-A", "tok-B");
    ClientCredentialsTokenProvider provider = provider();

    assertThat(provider.accessToken()).isEqualTo("tok-A");
    clock.advance(Duration.ofSeconds(3599 - 5 * 60 - 1));
    assertThat(provider.accessToken()).isEqualTo("tok-A");
    clock.advance(Duration.ofSeconds(2));
    assertThat(provider.accessToken()).isEqualTo("tok-B");
    assertThat(tokenRequests()).hasSize(2);
  }

  @Test
  void invalidate_dropsOnlyTheRejectedToken() {
    tokens("tok-A", "tok-B");
    ClientCredentialsTokenProvider provider = provider();
    provider.accessToken();
    clock.advance(Duration.ofMinutes(1));

    assertThat(provider.invalidate("some-older-token")).isTrue();
    assertThat(provider.accessToken()).isEqualTo("tok-A");
    assertThat(provider.invalidate("tok-A")).isTrue();
    assertThat(provider.accessToken()).isEqualTo("tok-B");
  }

  @Test
  void invalidate_ofAJustFetchedReplacement_keepsIt_soThatA401LoopCannotFloodTheEndpoint() {
    tokens("tok-A", "tok-B", "tok-C");
    ClientCredentialsTokenProvider provider = provider();
    provider.accessToken();

    // A token rejected the first time is replaced, however young (Zuora revoked it, say).
    assertThat(provider.invalidate("tok-A")).isTrue();
    assertThat(provider.accessToken()).isEqualTo("tok-B");
    // Its replacement rejected at once: a new one would fail too.
    assertThat(provider.invalidate("tok-B")).isFalse();
    assertThat(provider.accessToken()).isEqualTo("tok-B");
    assertThat(provider.invalidate("tok-B")).isFalse();
    assertThat(tokenRequests()).hasSize(2);
    // Once it has been used for a while, a rejection replaces it again.
    clock.advance(Duration.ofMinutes(1));
    assertThat(provider.invalidate("tok-B")).isTrue();
    assertThat(provider.accessToken()).isEqualTo("tok-C");
    assertThat(tokenRequests()).hasSize(3);
  }

  @Test
  void accessToken_withoutExpiresIn_usesZuorasDocumentedLifetime() {
    wm.stubFor(
        post(urlEqualTo("/oauth/token"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"access_token\":\"no-expiry\",\"token_type\":\"bearer\"}")));
    ClientCredentialsTokenProvider provider = provider();

    provider.accessToken();
    clock.advance(Duration.ofMinutes(50));
    provider.accessToken();

    assertThat(tokenRequests()).hasSize(1);
  }

  @Test
  void accessToken_afterAFailure_failsFastForAMoment_thenAsksAgain() {
    wm.stubFor(
        post(urlEqualTo("/oauth/token"))
            .willReturn(aResponse().withStatus(503).withBody("{\"message\":\"down\"}")));
    ClientCredentialsTokenProvider provider = provider();

    catchThrowableOfType(ZuoraTokenException.class, provider::accessToken);
    catchThrowableOfType(ZuoraTokenException.class, provider::accessToken);
    assertThat(tokenRequests()).hasSize(1);

    clock.advance(Duration.ofSeconds(2));
    catchThrowableOfType(ZuoraTokenException.class, provider::accessToken);
    assertThat(tokenRequests()).hasSize(2);
  }

  @Test
  void builder_rejectsNonPositiveTimeouts() {
    assertThatThrownBy(
            () ->
                ClientCredentialsTokenProvider.builder()
                    .baseUri(wm.baseUrl())
                    .clientId("c")
                    .clientSecret("s")
                    .readTimeout(Duration.ZERO)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("readTimeout must be positive");
  }

  @Test
  void accessToken_from64ThreadsAtOnce_makesOneTokenRequest() throws Exception {
    wm.stubFor(
        post(urlEqualTo("/oauth/token"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withFixedDelay(300)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"access_token\":\"shared\",\"token_type\":\"bearer\",\"expires_in\":3599}")));
    ClientCredentialsTokenProvider provider = provider();
    ExecutorService pool = Executors.newFixedThreadPool(64);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return provider.accessToken();
                }));
      }
      start.countDown();
      Set<String> seen = ConcurrentHashMap.newKeySet();
      for (Future<String> f : results) {
        seen.add(f.get(10, TimeUnit.SECONDS));
      }
      assertThat(seen).containsExactly("shared");
    } finally {
      pool.shutdownNow();
    }
    assertThat(tokenRequests()).hasSize(1);
  }

  @Test
  void accessToken_whenCredentialsAreRefused_throwsTypedErrorWithoutTheSecret() {
    wm.stubFor(
        post(urlEqualTo("/oauth/token"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Zuora-Request-Id", "rid-401")
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"message\":\"Invalid client credentials\"}")));

    ZuoraTokenException e =
        catchThrowableOfType(ZuoraTokenException.class, () -> provider().accessToken());

    assertThat(e.statusCode()).hasValue(401);
    assertThat(e.requestId()).contains("rid-401");
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).contains("Invalid client credentials").doesNotContain(SECRET);
  }

  @Test
  void accessToken_whenTheEndpointIsDown_throwsRetryableTypedError() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ClientCredentialsTokenProvider provider =
        ClientCredentialsTokenProvider.builder()
            .baseUri("http://127.0.0.1:" + port)
            .clientId("c")
            .clientSecret(SECRET)
            .build();

    ZuoraTokenException e = catchThrowableOfType(ZuoraTokenException.class, provider::accessToken);

    assertThat(e.statusCode()).isEmpty();
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.getCause()).isInstanceOf(java.net.ConnectException.class);
    assertThat(e.getMessage())
        .startsWith(
            "the token endpoint could not be reached: could not connect to 127.0.0.1:"
                + port
                + " (connection refused) (status=none")
        .doesNotContain(SECRET);
  }

  @Test
  void accessToken_whenTheAnswerHasNoToken_throwsTypedError() {
    wm.stubFor(
        post(urlEqualTo("/oauth/token"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"token_type\":\"bearer\"}")));

    ZuoraTokenException e =
        catchThrowableOfType(ZuoraTokenException.class, () -> provider().accessToken());

    assertThat(e.getMessage()).contains("no access_token");
  }

  @Test
  void secretAndToken_neverAppearInToStringOrFullLogs() {
    tokens("tok-visible-nowhere");
    List<String> logged = new ArrayList<>();
    Logger jul = Logger.getLogger("dev.zuoraclient.callouts.http");
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            logged.add(r.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    jul.setLevel(Level.ALL);
    jul.addHandler(capture);
    try {
      ClientCredentialsTokenProvider provider =
          ClientCredentialsTokenProvider.builder()
              .baseUri(wm.baseUrl())
              .clientId("client-1")
              .clientSecret(SECRET)
              .httpLogLevel(HttpLogLevel.FULL)
              .build();
      provider.accessToken();

      assertThat(provider.toString()).contains("client-1").doesNotContain(SECRET);
      String all = String.join("\n", logged);
      assertThat(all).contains("POST " + wm.baseUrl() + "/oauth/token").contains("200");
      assertThat(all).doesNotContain(SECRET).doesNotContain("tok-visible-nowhere");
    } finally {
      jul.removeHandler(capture);
    }
  }
}
