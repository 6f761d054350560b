package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zuoraclient.callouts.testing.TcpServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server the command cannot connect to: the report says the IDs were not sent, names the host and
 * the cause, and does not warn that sending them again may resend them twice.
 */
class ResendCommandNotConnectedTest {
  static final String TOKEN = "cli-not-connected-token-3b8e";
  static final Map<String, String> ENV = Map.of("ZUORA_ACCESS_TOKEN", TOKEN);

  private int port;

  @BeforeEach
  void closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
  }

  private static CliRun resend(String baseUrl, String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "resend";
    all[1] = "--base-url";
    all[2] = baseUrl;
    all[3] = "--max-attempts";
    all[4] = "2";
    System.arraycopy(args, 0, all, 5, args.length);
    return CliRun.run(ENV, all);
  }

  @Test
  void aClosedPort_isReportedNotSent_connectionRefused_withoutTheResendTwiceWarning() {
    CliRun run = resend("http://127.0.0.1:" + port, "a1", "a2");

    assertThat(run.status()).isEqualTo(ExitCodes.ERROR);
    String reason = "not sent: could not connect to 127.0.0.1:" + port + " (connection refused)";
    assertThat(run.out().lines().limit(2))
        .containsExactly(
            "Cause: 2 callout notification(s) not sent: could not connect to 127.0.0.1:"
                + port
                + " (connection refused) (status=none, requestId=none, attempts=2). Check that the"
                + " address and port of --base-url http://127.0.0.1:"
                + port
                + " are right and that the server is up.",
            "Accepted 0 of 2 callout notifications: 0 failed, 2 unresolved.");
    assertThat(run.out())
        .containsPattern("(?m)^  a1  1      " + java.util.regex.Pattern.quote(reason) + "$")
        .containsPattern("(?m)^  a2  1      " + java.util.regex.Pattern.quote(reason) + "$")
        .contains("Zuora resent none of them")
        .contains("attempts=2")
        .doesNotContain("outcome unknown")
        .doesNotContain("may have resent")
        .doesNotContain("twice");
  }

  @Test
  void aHostThatDoesNotResolve_isReportedNotSent_noSuchHost_inJson() throws Exception {
    CliRun run = resend("https://no-such-host.invalid", "--output", "json", "a1", "a2");

    assertThat(run.status()).isEqualTo(ExitCodes.ERROR);
    JsonNode doc = ResendCommandOutcomeTest.oneJsonDocument(run.out());
    assertThat(doc.get("unresolvedDetails")).hasSize(2);
    for (JsonNode u : doc.get("unresolvedDetails")) {
      assertThat(u.get("reason").asText())
          .isEqualTo("not sent: could not connect to no-such-host.invalid (no such host)");
      assertThat(u.get("mayHaveBeenResent").isBoolean()).isTrue();
      assertThat(u.get("mayHaveBeenResent").asBoolean()).isFalse();
    }
    assertThat(doc.get("error").asText())
        .startsWith(
            "2 callout notification(s) not sent: could not connect to no-such-host.invalid"
                + " (no such host)");
    JsonNode cause = doc.get("cause");
    assertThat(cause.get("kind").asText()).isEqualTo("no-connection");
    assertThat(cause.get("message").asText()).isEqualTo(doc.get("error").asText());
    assertThat(cause.get("hint").asText()).isEqualTo("Check the host name, and the DNS in use.");
  }

  @Test
  void aPlainTcpServerSpokenToWithHttps_isReportedNotSent_tlsHandshakeFailed() {
    try (TcpServer server = TcpServer.start(TcpServer.Mode.PLAIN_HTTP)) {
      CliRun run = resend("https://127.0.0.1:" + server.port(), "a1");

      assertThat(run.status()).isEqualTo(ExitCodes.ERROR);
      assertThat(run.out().lines().findFirst().orElseThrow())
          .startsWith(
              "Cause: 1 callout notification(s) not sent: could not connect to 127.0.0.1:"
                  + server.port()
                  + " (TLS handshake failed: ")
          .endsWith(
              ". Check that the server speaks https and that this JVM trusts its certificate (a"
                  + " proxy that inspects TLS needs its CA in the truststore).");
      assertThat(run.out())
          .contains(
              "not sent: could not connect to 127.0.0.1:"
                  + server.port()
                  + " (TLS handshake failed: Unrecognized SSL message")
          .contains("Zuora resent none of them");
      assertThat(server.connections()).isEqualTo(2);
      assertThat(server.receivedHttp()).isFalse();
    }
  }

  @Test
  void verbose_namesTheHostAndTheCause_neverABareNull() {
    CliRun run = resend("http://127.0.0.1:" + port, "--verbose", "a1");

    assertThat(run.err())
        .contains(
            "<--- ERROR NotConnectedException: could not connect to 127.0.0.1:"
                + port
                + " (connection refused)")
        .doesNotContain("null");
    assertThat(run.all()).doesNotContain(TOKEN);
  }
}
