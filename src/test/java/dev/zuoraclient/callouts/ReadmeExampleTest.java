package dev.zuoraclient.callouts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zuoraclient.callouts.exception.ZuoraConnectionException;
import dev.zuoraclient.callouts.exception.ZuoraException;
import dev.zuoraclient.callouts.exception.ZuoraOutcomeUnknownException;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's quick start, compiled and run against the simulator so that it stays true. */
class ReadmeExampleTest {

  /** The README's quick start ({@code DocsTest} checks that the README holds exactly this code). */
  static void quickStart(URI server, String token, PrintStream out) {
    // spotless:off
    // snippet: quick-start
    // create once, share (immutable and thread-safe), close when done
    try (CalloutResendClient client =
        CalloutResendClient.builder()
            .baseUri(server) // or .environment(ZuoraEnvironment.US_PRODUCTION_2)
            .accessToken(token) // or .clientCredentials(clientId, clientSecret)
            .build()) {
      ResendResult result =
          client.resend(
              List.of("a02ea6d76931475bb73fcd339b5f6ht8g", "a00000000000000000000000000000000"),
              ResendOptions.builder().trackId("outage-2026-11-27").build());
      switch (result.outcome()) {
        case ALL_ACCEPTED -> out.println("all " + result.accepted().size() + " resent");
        case PARTIALLY_ACCEPTED, ALL_REJECTED -> {
          out.println(
              result.accepted().size() + " resent, " + result.failures().size() + " failed");
          for (ResendFailure f : result.failures()) {
            out.println(f.id() + ": " + f.code() + " " + f.message());
          }
        }
      }
    } catch (ZuoraConnectionException e) {
      // No connection could be made (refused, no such host, TLS): nothing was sent.
      out.println("nothing sent to " + e.host() + ": " + e.reason());
    } catch (ZuoraOutcomeUnknownException e) {
      // No usable answer: retrying with e.idempotencyKey() is safe, Zuora replays its answer.
      out.println("unknown outcome for " + e.ids() + ": " + e.getMessage());
    } catch (ZuoraException e) {
      out.println("Zuora refused the call: " + e.getMessage());
    }
    // end snippet
    // spotless:on
  }

  @Test
  void quickStart_runsAndPrintsThePartialFailure() {
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder()
            .acceptToken("readme-token")
            .knownIds("a02ea6d76931475bb73fcd339b5f6ht8g")
            .start()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      quickStart(
          zuora.baseUri(), "readme-token", new PrintStream(bytes, true, StandardCharsets.UTF_8));

      assertThat(bytes.toString(StandardCharsets.UTF_8))
          .isEqualTo(
              "1 resent, 1 failed\n"
                  + "a00000000000000000000000000000000: ObjectNotFound Callout history does not exist.\n");
    }
  }

  @Test
  void quickStart_whenNothingListens_saysNothingWasSent() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    quickStart(
        URI.create("http://127.0.0.1:" + port),
        "readme-token",
        new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("nothing sent to 127.0.0.1:" + port + ": REFUSED\n");
  }
}
