package dev.zuoraclient.callouts;

import static dev.zuoraclient.callouts.testing.HostileServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zuoraclient.callouts.auth.ClientCredentialsTokenProvider;
import dev.zuoraclient.callouts.exception.ZuoraConnectionException;
import dev.zuoraclient.callouts.exception.ZuoraOutcomeUnknownException;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import dev.zuoraclient.callouts.testing.HostileServer;
import dev.zuoraclient.callouts.testing.ManualClock;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ResponseCache;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Security;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library lives politely in someone else's JVM: it changes no JVM-wide state, its transport is
 * its own (pool, proxy, TLS) or the application's, it never re-sends a request behind the retry
 * policy's back, and it says who it is.
 */
class GoodCitizenTest {
  static final String PATH = "/notifications/callout-histories/resend";
  static final String UA_PATTERN =
      "zuora-callout-resend/\\d+\\.\\d+\\.\\d+(-SNAPSHOT)? Java/"
          + java.util.regex.Pattern.quote(Runtime.version().toString());

  final HostileServer server = HostileServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  /** Everything JVM-wide that an HTTP library could be tempted to set. */
  static Map<String, Object> jvmWideState() throws Exception {
    Map<String, Object> state = new HashMap<>();
    state.put("system properties", new HashMap<>(System.getProperties()));
    state.put("proxy selector", ProxySelector.getDefault());
    state.put("authenticator", Authenticator.getDefault());
    state.put("cookie handler", CookieHandler.getDefault());
    state.put("response cache", ResponseCache.getDefault());
    state.put("ssl context", SSLContext.getDefault());
    state.put("hostname verifier", HttpsURLConnection.getDefaultHostnameVerifier());
    state.put("ssl socket factory", HttpsURLConnection.getDefaultSSLSocketFactory());
    state.put("locale", Locale.getDefault());
    state.put("time zone", TimeZone.getDefault());
    state.put("security providers", Arrays.asList(Security.getProviders()));
    state.put("uncaught handler", Objects.toString(Thread.getDefaultUncaughtExceptionHandler()));
    return state;
  }

  @Test
  void buildingAndUsingClientsAndTokenProviders_changesNoJvmWideState() throws Exception {
    Map<String, Object> before = jvmWideState();
    ManualClock clock = new ManualClock();
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder().client("app", "app-secret-123").knownIds("a1", "a2").start()) {
      ClientCredentialsTokenProvider tokens =
          ClientCredentialsTokenProvider.builder()
              .baseUri(zuora.baseUri())
              .clientId("app")
              .clientSecret("app-secret-123")
              .clock(clock)
              .build();
      CalloutResendClient client =
          CalloutResendClient.builder()
              .baseUri(zuora.baseUri())
              .accessTokenProvider(tokens)
              .applicationId("test/1")
              .build();

      client.resend(List.of("a1"));
      clock.advance(Duration.ofHours(2)); // the token refreshes
      client.resendAll(List.of("a1", "a2"), BatchOptions.builder().batchSize(1).build());

      assertThat(zuora.tokenRequestCount()).isEqualTo(2);
    }

    assertThat(jvmWideState()).isEqualTo(before);
  }

  @Test
  void aRequestWhoseConnectionDrops_isSentExactlyAsOftenAsThePolicyAllows() {
    server.answering(HostileServer.dropAfterRequest());
    for (int attempts : new int[] {1, 3}) {
      int before = server.received(PATH).size();
      CalloutResendClient client =
          CalloutResendClient.builder()
              .baseUri(server.baseUrl())
              .accessToken("token-123456")
              .retryPolicy(
                  RetryPolicy.builder()
                      .maxAttempts(attempts)
                      .initialBackoff(Duration.ofMillis(5))
                      .maxBackoff(Duration.ofMillis(10))
                      .build())
              .build();

      ZuoraOutcomeUnknownException e =
          catchThrowableOfType(
              ZuoraOutcomeUnknownException.class, () -> client.resend(List.of("h1")));

      assertThat(e.attempts()).isEqualTo(attempts);
      assertThat(server.received(PATH).size() - before).isEqualTo(attempts);
    }
  }

  @Test
  void aBulkRunAtConcurrency20_reusesAtMost20Connections_withoutAnySystemProperty() {
    server.answering(status(202, ""));
    CalloutResendClient client =
        CalloutResendClient.builder().baseUri(server.baseUrl()).accessToken("token-123456").build();
    List<String> ids = IntStream.range(0, 4000).mapToObj(i -> "id-" + i).toList();

    BatchResendResult r =
        client.resendAll(ids, BatchOptions.builder().batchSize(10).concurrency(20).build());

    assertThat(r.accepted()).hasSize(4000);
    assertThat(server.received(PATH)).hasSize(400);
    assertThat(server.connections()).isBetween(1, 20);
    assertThat(System.getProperty("http.maxConnections")).isNull();
  }

  @Test
  void everyRequestSaysWhoSendsIt_withTheApplicationsToken() {
    server.answering(
        HostileServer.routing(HostileServer.token("token-123456", "3599"), status(202, "")));
    ClientCredentialsTokenProvider tokens =
        ClientCredentialsTokenProvider.builder()
            .baseUri(server.baseUrl())
            .clientId("app")
            .clientSecret("app-secret-123")
            .applicationId("myteam-billing/2.3")
            .build();
    CalloutResendClient.builder()
        .baseUri(server.baseUrl())
        .accessTokenProvider(tokens)
        .applicationId("myteam-billing/2.3")
        .build()
        .resend(List.of("h1"));
    CalloutResendClient.builder()
        .baseUri(server.baseUrl())
        .accessToken("token-123456")
        .build()
        .resend(List.of("h1"));

    List<HostileServer.Received> all = server.received();
    assertThat(all).hasSize(3);
    assertThat(all.get(0).path()).isEqualTo("/oauth/token");
    assertThat(all.get(0).headers().get("user-agent")).matches(UA_PATTERN + " myteam-billing/2.3");
    assertThat(all.get(1).headers().get("user-agent")).matches(UA_PATTERN + " myteam-billing/2.3");
    assertThat(all.get(2).headers().get("user-agent")).matches(UA_PATTERN);
    assertThat(all.get(2).headers().get("user-agent")).doesNotContain("dev");
  }

  @Test
  void aProxyOfThisClientOnly_carriesItsRequests() {
    server.answering(status(202, ""));
    // The server plays the proxy: a request through a proxy names the whole target URL.
    CalloutResendClient client =
        CalloutResendClient.builder()
            .baseUri("http://127.0.0.1:1")
            .accessToken("token-123456")
            .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", port(server))))
            .build();

    assertThat(client.resend(List.of("h1")).isAllAccepted()).isTrue();
    assertThat(server.received().get(0).path()).isEqualTo("http://127.0.0.1:1" + PATH);
  }

  @Test
  void theApplicationsOwnHttpClient_isUsed_andItsTimeoutsStillApply() {
    AtomicInteger tasks = new AtomicInteger();
    var pool = Executors.newFixedThreadPool(2);
    HttpClient own =
        HttpClient.newBuilder()
            .executor(
                task -> {
                  tasks.incrementAndGet();
                  pool.execute(task);
                })
            .build();
    try {
      server.answering(status(202, ""), HostileServer.drip(202, "{\"h1\":{\"code\":\"X\"}}", 300));
      CalloutResendClient client =
          CalloutResendClient.builder()
              .baseUri(server.baseUrl())
              .accessToken("token-123456")
              .httpClient(own)
              .attemptTimeout(Duration.ofMillis(500))
              .retryPolicy(RetryPolicy.none())
              .build();

      assertThat(client.resend(List.of("h1")).isAllAccepted()).isTrue();
      assertThat(tasks.get()).isPositive();
      assertThat(
              catchThrowableOfType(
                      ZuoraOutcomeUnknownException.class, () -> client.resend(List.of("h1")))
                  .reason())
          .isEqualTo(ZuoraOutcomeUnknownException.Reason.TIMEOUT);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anApplicationClientThatFollowsRedirects_orOneMixedWithProxySettings_isRefused() {
    assertThatThrownBy(
            () ->
                CalloutResendClient.builder()
                    .httpClient(
                        HttpClient.newBuilder()
                            .followRedirects(HttpClient.Redirect.NORMAL)
                            .build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not follow redirects");
    assertThatThrownBy(
            () ->
                CalloutResendClient.builder()
                    .baseUri(server.baseUrl())
                    .accessToken("token-123456")
                    .httpClient(HttpClient.newHttpClient())
                    .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", 3128)))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("either httpClient or proxy/sslContext");
  }

  @Test
  void anSslContextOfThisClientOnly_trustsWhatItSays(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    keytool.getInputStream().readAllBytes();
    assertThat(keytool.waitFor()).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, tmf.getTrustManagers(), null);

    com.sun.net.httpserver.HttpsServer https =
        com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(serverTls));
    https.createContext(
        PATH,
        ex -> {
          ex.getRequestBody().readAllBytes();
          ex.sendResponseHeaders(202, -1);
          ex.close();
        });
    https.start();
    try {
      String url = "https://127.0.0.1:" + https.getAddress().getPort();
      CalloutResendClient trusting =
          CalloutResendClient.builder()
              .baseUri(url)
              .accessToken("token-123456")
              .sslContext(clientTls)
              .build();
      CalloutResendClient defaults =
          CalloutResendClient.builder()
              .baseUri(url)
              .accessToken("token-123456")
              .retryPolicy(RetryPolicy.none())
              .build();

      assertThat(trusting.resend(List.of("h1")).isAllAccepted()).isTrue();
      ZuoraConnectionException untrusted =
          catchThrowableOfType(
              ZuoraConnectionException.class, () -> defaults.resend(List.of("h1")));
      assertThat(untrusted.reason()).isEqualTo(ZuoraConnectionException.Reason.TLS_HANDSHAKE);
      assertThat(untrusted.getCause()).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    } finally {
      https.stop(0);
    }
  }

  private static int port(HostileServer s) {
    String url = s.baseUrl();
    return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
  }
}
