package dev.zuoraclient.callouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zuoraclient.callouts.exception.ZuoraConnectionException;
import dev.zuoraclient.callouts.exception.ZuoraConnectionException.Reason;
import dev.zuoraclient.callouts.exception.ZuoraOutcomeUnknownException;
import dev.zuoraclient.callouts.testing.HostileServer;
import dev.zuoraclient.callouts.testing.TcpServer;
import dev.zuoraclient.callouts.testing.TlsServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * Connections that cannot be made, against real sockets: a closed port, a host that does not
 * resolve, a server that never completes the TLS handshake, and servers that do not speak TLS. Each
 * is a {@link ZuoraConnectionException} naming the host and the cause: nothing was sent, it is
 * retried within the policy, and it stops a batched run. Only when an earlier attempt may have
 * reached the server is the call's outcome unknown.
 */
class NotConnectedTest {
  static final String TOKEN = "tok-not-connected-123456";
  static final List<String> IDS = List.of("h1", "h2");
  static final int ATTEMPTS = 3;

  static RetryPolicy fastRetries() {
    return RetryPolicy.builder()
        .maxAttempts(ATTEMPTS)
        .initialBackoff(Duration.ofMillis(5))
        .maxBackoff(Duration.ofMillis(10))
        .build();
  }

  static CalloutResendClient.Builder client(String baseUri) {
    return CalloutResendClient.builder()
        .baseUri(baseUri)
        .accessToken(TOKEN)
        .connectTimeout(Duration.ofMillis(500))
        .retryPolicy(fastRetries());
  }

  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static ZuoraConnectionException notSent(CalloutResendClient client) {
    ZuoraConnectionException e =
        catchThrowableOfType(
            ZuoraConnectionException.class,
            () ->
                client.resend(
                    IDS, ResendOptions.builder().trackId("t-nc").idempotencyKey("k-nc").build()));
    assertThat(e).as("a ZuoraConnectionException").isNotNull();
    // nothing was sent: no reading of the exception may suggest otherwise
    BatchError asBatch = new BatchError(1, IDS, e);
    assertThat(asBatch.mayHaveBeenResent()).isFalse();
    assertThat(asBatch.reason()).startsWith("not sent: could not connect to " + e.host() + " (");
    // Never an unknown outcome ("Outcome of N callout notification(s) unknown: ..."); the JDK's
    // own words may hold the word (JDK 25 names the TLS alert: "(certificate_unknown)").
    assertThat(e.getMessage())
        .doesNotContain("null")
        .doesNotContainIgnoringCase("outcome")
        .doesNotContain("unknown:");
    assertThat(e.ids()).isEqualTo(IDS);
    assertThat(e.trackId()).contains("t-nc");
    assertThat(e.idempotencyKey()).contains("k-nc");
    assertThat(e.statusCode()).isEmpty();
    assertThat(e.requestId()).isEmpty();
    assertThat(e.proxy()).isEmpty();
    return e;
  }

  @Test
  void aClosedPort_isNotSent_connectionRefused_afterEveryAttempt() throws IOException {
    int port = closedPort();

    ZuoraConnectionException e = notSent(client("http://127.0.0.1:" + port).build());

    assertThat(e.reason()).isEqualTo(Reason.REFUSED);
    assertThat(e.host()).isEqualTo("127.0.0.1:" + port);
    assertThat(e.attempts()).isEqualTo(ATTEMPTS);
    assertThat(e.getCause()).isInstanceOf(ConnectException.class);
    assertThat(e.getMessage())
        .isEqualTo(
            "2 callout notification(s) not sent: could not connect to 127.0.0.1:"
                + port
                + " (connection refused) (status=none, requestId=none, trackId=t-nc, attempts=3)");
    assertThat(new BatchError(1, IDS, e).reason())
        .isEqualTo("not sent: could not connect to 127.0.0.1:" + port + " (connection refused)");
  }

  @Test
  void aHostThatDoesNotResolve_isNotSent_noSuchHost_andFailsFast() {
    long start = System.nanoTime();
    ZuoraConnectionException e = notSent(client("https://no-such-host.invalid").build());
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_HOST);
    assertThat(e.host()).isEqualTo("no-such-host.invalid");
    assertThat(e.attempts()).isEqualTo(ATTEMPTS);
    assertThat(e.getMessage())
        .startsWith(
            "2 callout notification(s) not sent: could not connect to no-such-host.invalid"
                + " (no such host) (");
    assertThat(took).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aServerThatNeverCompletesTheHandshake_isNotSent_connectTimedOut_onceAnAttempt() {
    try (TcpServer server = TcpServer.start(TcpServer.Mode.SILENT)) {
      long start = System.nanoTime();
      ZuoraConnectionException e =
          notSent(
              client("https://127.0.0.1:" + server.port())
                  .connectTimeout(Duration.ofMillis(300))
                  .build());
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(e.reason()).isEqualTo(Reason.CONNECT_TIMEOUT);
      assertThat(e.host()).isEqualTo("127.0.0.1:" + server.port());
      assertThat(e.getCause()).isInstanceOf(HttpConnectTimeoutException.class);
      assertThat(e.getMessage()).contains("(connect timed out)");
      assertThat(server.connections()).isEqualTo(ATTEMPTS);
      assertThat(e.attempts()).isEqualTo(ATTEMPTS);
      assertThat(server.receivedHttp()).isFalse();
      assertThat(took).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void aPlainHttpServerSpokenToWithHttps_isNotSent_tlsHandshakeFailed() {
    try (TcpServer server = TcpServer.start(TcpServer.Mode.PLAIN_HTTP)) {
      ZuoraConnectionException e = notSent(client("https://127.0.0.1:" + server.port()).build());

      assertThat(e.reason()).isEqualTo(Reason.TLS_HANDSHAKE);
      assertThat(e.getCause()).isInstanceOf(SSLException.class);
      assertThat(e.getMessage())
          .contains(
              "could not connect to 127.0.0.1:"
                  + server.port()
                  + " (TLS handshake failed: Unrecognized SSL message");
      assertThat(server.connections()).isEqualTo(ATTEMPTS);
      // what reached the server on each connection was a TLS hello, never the request
      assertThat(server.firstBytes())
          .hasSize(ATTEMPTS)
          .allSatisfy(b -> assertThat(b[0]).isEqualTo((byte) 0x16));
      assertThat(server.receivedHttp()).isFalse();
    }
  }

  @Test
  void aServerThatHangsUpDuringTheHandshake_isNotSent_tlsHandshakeFailed() {
    try (TcpServer server = TcpServer.start(TcpServer.Mode.CLOSE)) {
      ZuoraConnectionException e = notSent(client("https://127.0.0.1:" + server.port()).build());

      assertThat(e.reason()).isEqualTo(Reason.TLS_HANDSHAKE);
      assertThat(e.getCause()).isInstanceOf(SSLHandshakeException.class);
      assertThat(e.getMessage()).contains("(TLS handshake failed: ");
      assertThat(server.connections()).isEqualTo(ATTEMPTS);
    }
  }

  @Test
  void aCertificateTheClientDoesNotTrust_isNotSent_tlsHandshakeFailed() {
    try (TlsServer server = TlsServer.start()) {
      ZuoraConnectionException e = notSent(client(server.baseUrl()).build());

      assertThat(e.reason()).isEqualTo(Reason.TLS_HANDSHAKE);
      assertThat(e.getCause()).isInstanceOf(SSLHandshakeException.class);
      assertThat(e.getMessage())
          .contains("(TLS handshake failed: ")
          .contains("PKIX path building failed"); // JDK 25 puts the alert's name between them
      assertThat(server.connections()).isEqualTo(ATTEMPTS);
      assertThat(server.requests()).isZero();
    }
  }

  /** A TLS error once the request has gone over the encrypted stream proves nothing. */
  @Test
  void aTlsErrorAfterTheRequestWasSent_leavesTheOutcomeUnknown() {
    try (TlsServer server = TlsServer.start()) {
      CalloutResendClient client =
          client(server.baseUrl()).sslContext(TlsServer.trustingContext()).build();

      ZuoraOutcomeUnknownException e =
          catchThrowableOfType(ZuoraOutcomeUnknownException.class, () -> client.resend(IDS));

      assertThat(server.requests()).isEqualTo(ATTEMPTS);
      assertThat(e.reason()).isEqualTo(ZuoraOutcomeUnknownException.Reason.IO_FAILURE);
      // the JDK reports the broken TLS stream under an I/O error of its own
      assertThat(e).hasRootCauseInstanceOf(SSLException.class);
      assertThat(new BatchError(1, IDS, e).mayHaveBeenResent()).isTrue();
    }
  }

  @Test
  void theSameHangUpOnPlainHttp_leavesTheOutcomeUnknown_sinceTheRequestMayHaveLeft() {
    try (TcpServer server = TcpServer.start(TcpServer.Mode.CLOSE)) {
      ZuoraOutcomeUnknownException e =
          catchThrowableOfType(
              ZuoraOutcomeUnknownException.class,
              () -> client("http://127.0.0.1:" + server.port()).build().resend(IDS));

      assertThat(e.reason()).isEqualTo(ZuoraOutcomeUnknownException.Reason.IO_FAILURE);
      assertThat(new BatchError(1, IDS, e).mayHaveBeenResent()).isTrue();
    }
  }

  @Test
  void aProxyThatRefuses_isNamedWithTheServer() throws IOException {
    int port = closedPort();
    CalloutResendClient client =
        client("https://rest.zuora.com")
            .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", port)))
            .build();

    ZuoraConnectionException e =
        catchThrowableOfType(ZuoraConnectionException.class, () -> client.resend(IDS));

    assertThat(e.reason()).isEqualTo(Reason.REFUSED);
    assertThat(e.host()).isEqualTo("rest.zuora.com");
    assertThat(e.proxy()).contains("127.0.0.1:" + port);
    assertThat(new BatchError(1, IDS, e).reason())
        .isEqualTo(
            "not sent: could not connect to rest.zuora.com through proxy 127.0.0.1:"
                + port
                + " (connection refused)");
  }

  @Test
  void aBatchedRun_stopsAtTheFirstBatchThatCannotConnect_andSendsNoOther() {
    try (TcpServer server = TcpServer.start(TcpServer.Mode.SILENT)) {
      CalloutResendClient client =
          client("https://127.0.0.1:" + server.port())
              .connectTimeout(Duration.ofMillis(200))
              .build();

      BatchResendResult result =
          client.resendAll(
              List.of("b1", "b2", "b3", "b4"),
              BatchOptions.builder().batchSize(1).concurrency(1).build());

      assertThat(result.accepted()).isEmpty();
      assertThat(result.unresolved()).containsExactly("b1", "b2", "b3", "b4");
      // one batch's attempts, not every batch's
      assertThat(server.connections()).isEqualTo(ATTEMPTS);
      assertThat(result.errors()).hasSize(4);
      assertThat(result.errors()).noneMatch(BatchError::mayHaveBeenResent);
      BatchError first = result.errors().get(0);
      assertThat(first.error()).isInstanceOf(ZuoraConnectionException.class);
      assertThat(first.reason())
          .isEqualTo(
              "not sent: could not connect to 127.0.0.1:" + server.port() + " (connect timed out)");
      assertThat(result.errors().subList(1, 4))
          .allSatisfy(
              b -> {
                assertThat(b.error()).isInstanceOf(BatchNotSentException.class);
                assertThat(((BatchNotSentException) b.error()).reason())
                    .isEqualTo(BatchNotSentException.Reason.STOPPED_BY_ERROR);
                assertThat(b.reason()).isEqualTo("not sent: an earlier error stopped the run");
              });
    }
  }

  /**
   * The guarantee of settled retries: once an attempt may have reached the server, a later attempt
   * that cannot connect does not make the call "not sent".
   */
  @Test
  void aRefusedRetryAfterAnAttemptThatMayHaveArrived_leavesTheOutcomeUnknown() {
    HostileServer server = HostileServer.start();
    // The first request arrives whole; the server then goes away without answering, so the next
    // attempt finds the port closed.
    server.answering(
        (request, out) -> {
          server.close();
          return false;
        });
    String base = server.baseUrl();

    ZuoraOutcomeUnknownException e =
        catchThrowableOfType(
            ZuoraOutcomeUnknownException.class, () -> client(base).build().resend(IDS));

    assertThat(server.received()).hasSize(1);
    assertThat(e.reason()).isEqualTo(ZuoraOutcomeUnknownException.Reason.INCONCLUSIVE_RETRIES);
    assertThat(e.attempts()).isEqualTo(ATTEMPTS);
    assertThat(e.getCause()).isInstanceOf(ZuoraConnectionException.class);
    assertThat(((ZuoraConnectionException) e.getCause()).reason()).isEqualTo(Reason.REFUSED);
    String host = base.substring("http://".length());
    assertThat(e.getMessage())
        .contains("the last one could not connect to " + host + " (connection refused)");
    BatchError asBatch = new BatchError(1, IDS, e);
    assertThat(asBatch.mayHaveBeenResent()).isTrue();
    assertThat(asBatch.reason()).isEqualTo("outcome unknown: no usable answer");
  }
}
