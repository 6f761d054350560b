package dev.zuoraclient.callouts.cli;

import static dev.zuoraclient.callouts.testing.HostileServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zuoraclient.callouts.testing.HostileServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against hostile input and hostile servers: every case ends with a clear usage
 * error or an honest report, never a stack trace, a hang, a secret or raw terminal controls.
 */
class ResendCommandHostileTest {
  static final String TOKEN = "cli-hostile-token-7d1e2a";
  static final Map<String, String> ENV = Map.of("ZUORA_ACCESS_TOKEN", TOKEN);
  static final String PATH = "/notifications/callout-histories/resend";

  final HostileServer server = HostileServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  CliRun resend(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "resend";
    all[1] = "--base-url";
    all[2] = server.baseUrl();
    System.arraycopy(args, 0, all, 3, args.length);
    return CliRun.run(ENV, all);
  }

  static void assertUsageError(CliRun run, String... fragments) throws Exception {
    assertThat(run.status()).isEqualTo(2);
    JsonNode doc = ResendCommandOutcomeTest.oneJsonDocument(run.out());
    assertThat(doc.get("requested").asInt()).isZero();
    assertThat(doc.get("error").asText()).contains(fragments);
    assertThat(run.all()).doesNotContain("Exception");
  }

  @Test
  void anErrorInsideTheCommand_endsItWithStatus1AndTheErrorsName_ratherThanThrowing()
      throws Exception {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() {
            throw new OutOfMemoryError("injected: Java heap space");
          }
        };

    CliRun run =
        CliRun.run(
            ENV,
            failing,
            "resend",
            "--base-url",
            server.baseUrl(),
            "--output",
            "json",
            "--ids-file",
            "-");

    assertThat(run.status()).isEqualTo(1);
    JsonNode doc = ResendCommandOutcomeTest.oneJsonDocument(run.out());
    assertThat(doc.get("error").asText())
        .isEqualTo("java.lang.OutOfMemoryError: injected: Java heap space");
    assertThat(run.err()).contains("error: java.lang.OutOfMemoryError: injected: Java heap space");
    assertThat(server.received()).isEmpty();
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  @EnabledOnOs(OS.LINUX)
  void anIdsFileThatNeverEnds_isAUsageError_andNothingIsSent() throws Exception {
    assertUsageError(resend("--output", "json", "--ids-file", "/dev/zero"), "not a regular file");
    assertThat(server.received()).isEmpty();
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  @EnabledOnOs(OS.LINUX)
  void aFifoWithNoWriter_isAUsageError_notAHang(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("ids.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();

    assertUsageError(
        resend("--output", "json", "--ids-file", fifo.toString()), "not a regular file");
  }

  @Test
  void anEndlessLineOnStdin_orAnOverlongLine_isAUsageError(@TempDir Path dir) throws Exception {
    byte[] endless = new byte[4 << 20];
    java.util.Arrays.fill(endless, (byte) 'x');
    CliRun piped =
        CliRun.run(
            ENV,
            new ByteArrayInputStream(endless),
            "resend",
            "--base-url",
            server.baseUrl(),
            "--output",
            "json",
            "--ids-file",
            "-");
    assertUsageError(piped, "line 1 is longer than 1024 characters");

    Path file = dir.resolve("ids.txt");
    Files.writeString(file, "ok1\n" + "y".repeat(2000) + "\n");
    assertUsageError(
        resend("--output", "json", "--ids-file", file.toString()),
        "line 2 is longer than 1024 characters");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void anIdsFileThatIsNotUtf8_isAUsageError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("ids.txt");
    Files.write(file, new byte[] {'a', '\n', 'b', (byte) 0xE9, '\n'});

    assertUsageError(
        resend("--output", "json", "--ids-file", file.toString()), "the text is not UTF-8");
  }

  @Test
  void anIdLongerThanTheLibraryTakes_isAUsageError() throws Exception {
    assertUsageError(resend("--output", "json", "z".repeat(300)), "at most 255 characters");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void anIdArgumentTheLocaleCouldNotDecode_isAUsageError_withTheWayOut() throws Exception {
    assertUsageError(
        resend("--output", "json", "ok", "caf\uFFFD"),
        "ID argument 2 holds U+FFFD",
        "UTF-8 locale",
        "--ids-file");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void aBaseUrlWithAPortOutOfRange_isAUsageError() throws Exception {
    CliRun run =
        CliRun.run(ENV, "resend", "--base-url", "http://127.0.0.1:99999", "--output", "json", "a1");

    assertUsageError(run, "--base-url", "port from 1 to 65535");
  }

  @Test
  void aBaseUrlWithUserInfo_isRefusedWithoutEchoingIt() throws Exception {
    CliRun run =
        CliRun.run(
            ENV,
            "resend",
            "--base-url",
            "https://ops:hunter2-password@rest.zuora.com",
            "--output",
            "json",
            "a1");

    assertUsageError(run, "must not have user info");
    assertThat(run.all()).doesNotContain("hunter2");
  }

  @Test
  void aServerEchoingTheToken_andSendingTerminalControls_isShownSafely() throws Exception {
    server.answering(
        (r, out) ->
            status(
                    202,
                    "{\"h2\":{\"code\":\"X\\u001b[2J\",\"message\":\"echo "
                        + r.headers().get("authorization")
                        + " \\u202eevil\\u009b\"}}")
                .write(r, out));

    CliRun table = resend("h1", "h2");
    CliRun json = resend("--output", "json", "h1", "h2");

    assertThat(table.status()).isEqualTo(3);
    assertThat(table.out())
        .contains("X\\u001b[2J")
        .contains("\\u202eevil\\u009b")
        .contains("echo Bearer ****");
    assertThat(json.status()).isEqualTo(3);
    assertThat(json.out()).contains("\\u202E").contains("\\u009B").contains("\\u001B");
    JsonNode failed = ResendCommandOutcomeTest.oneJsonDocument(json.out()).get("failed").get(0);
    assertThat(failed.get("message").asText()).isEqualTo("echo Bearer **** \u202eevil\u009b");
    for (CliRun run : List.of(table, json)) {
      assertThat(run.all()).doesNotContain(TOKEN).doesNotContain("\u001b").doesNotContain("\u202e");
    }
  }

  @Test
  void a524_leavesItsIdsUnresolved_asMaybeResent() throws Exception {
    server.answering(status(524, "origin timeout"));

    CliRun run = resend("--output", "json", "--max-attempts", "1", "h1");

    assertThat(run.status()).isEqualTo(1);
    JsonNode detail =
        ResendCommandOutcomeTest.oneJsonDocument(run.out()).get("unresolvedDetails").get(0);
    assertThat(detail.get("reason").asText()).startsWith("outcome unknown");
    assertThat(detail.get("mayHaveBeenResent").asBoolean()).isTrue();
    assertThat(new String(run.out().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .doesNotContain("not resent");
  }
}
