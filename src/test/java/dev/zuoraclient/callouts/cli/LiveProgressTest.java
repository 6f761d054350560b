package dev.zuoraclient.callouts.cli;

import static dev.zuoraclient.callouts.cli.ConfirmationTest.java;
import static dev.zuoraclient.callouts.cli.ConfirmationTest.quoted;
import static dev.zuoraclient.callouts.cli.ConfirmationTest.underScript;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees while a run is under way: a live status line on a terminal, plain lines in
 * a log, nothing with {@code --quiet}; and a run's {@code --timeout}, which ends it with a report
 * of every ID and exit 7.
 */
class LiveProgressTest {
  static final String TOKEN = "live-token-123456";
  static final Map<String, String> ENV = Map.of("ZUORA_ACCESS_TOKEN", TOKEN);

  ZuoraSimulator zuora;

  @AfterEach
  void stop() {
    if (zuora != null) {
      zuora.close();
    }
  }

  String start(Duration latency) {
    zuora =
        ZuoraSimulator.builder()
            .acceptToken(TOKEN)
            .unknownIdPrefix("unknown") // every other ID is resent
            .latency(latency)
            .start();
    return zuora.baseUri().toString();
  }

  static List<String> ids(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
  }

  static String[] args(String url, List<String> ids, String... options) {
    List<String> a = new ArrayList<>(List.of("resend", "--base-url", url));
    a.addAll(List.of(options));
    a.add("--");
    a.addAll(ids);
    return a.toArray(new String[0]);
  }

  @Test
  void offATerminal_batchesNeverSent_areNeverCalledDone() {
    String url = start(Duration.ZERO);
    zuora.failNext(1, 401);

    CliRun run = CliRun.run(ENV, args(url, ids("a", 30), "--batch-size", "10"));

    assertThat(run.status()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("batch 1/3 done: 0 accepted, 0 failed, 10 unresolved");
    assertThat(run.err()).doesNotContain("batch 2/3").doesNotContain("batch 3/3");
    assertThat(zuora.requests()).hasSize(1);
  }

  @Test
  void offATerminal_a429IsALine() {
    String url = start(Duration.ZERO);
    zuora.failNextWith(1, 429, Duration.ofSeconds(1));

    CliRun run = CliRun.run(ENV, args(url, ids("b", 4), "--batch-size", "2"));

    assertThat(run.status()).isZero();
    assertThat(run.err())
        .contains("batch 1 rate limited (429): sent again in 1 s (1 429 so far)")
        .contains("batch 2/2 done: 4 accepted, 0 failed, 0 unresolved");
  }

  @Test
  void quiet_printsNoProgress_butTheReportAndItsExitStatusAreTheSame() {
    String url = start(Duration.ZERO);

    CliRun run = CliRun.run(ENV, args(url, ids("q", 30), "--batch-size", "10", "-q"));

    assertThat(run.status()).isZero();
    assertThat(run.out()).startsWith("Accepted 30 of 30 callout notifications");
    assertThat(run.err()).doesNotContain("batch").doesNotContain("Resending");
  }

  @Test
  @Timeout(60)
  void aRunPastItsTimeout_endsWithEveryIdInTheReport_exit7_andResumes(@TempDir Path dir)
      throws Exception {
    String url = start(Duration.ofMillis(250));
    Path journal = dir.resolve("run.jsonl");
    List<String> all = ids("t", 12);

    CliRun first =
        CliRun.run(
            ENV,
            args(
                url,
                all,
                "--batch-size",
                "1",
                "--timeout",
                "1s",
                "--journal",
                journal.toString(),
                "--output",
                "json"));

    assertThat(first.status()).isEqualTo(ExitCodes.TIMED_OUT);
    JsonNode report = new ObjectMapper().readTree(first.out());
    int accepted = report.get("accepted").asInt();
    assertThat(accepted).isBetween(1, 8);
    assertThat(accepted + report.get("unresolved").size()).isEqualTo(12);
    assertThat(report.get("error").asText())
        .isEqualTo("not sent: the run's time limit of 1 s passed");
    assertThat(first.err().lines().reduce((a, b) -> b).orElseThrow())
        .as("the last line resumes the run")
        .contains("--journal " + journal);

    CliRun again =
        CliRun.run(ENV, args(url, all, "--batch-size", "1", "--journal", journal.toString()));

    assertThat(again.status()).isZero();
    assertThat(all).allSatisfy(id -> assertThat(zuora.resendCount(id)).as(id).isEqualTo(1));
  }

  @Test
  void aTimeoutWithoutAUnit_isAUsageError_andNothingIsSent() {
    String url = start(Duration.ZERO);

    CliRun run = CliRun.run(ENV, args(url, ids("u", 2), "--timeout", "10"));

    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains(
            "Invalid value for option '--timeout': not a duration: '10' (write it as 90s, 10m,"
                + " 1h30m or 500ms: a number alone has no unit)");
    assertThat(zuora.requests()).isEmpty();
  }

  /**
   * The command on a pseudo-terminal: one line redrawn in place, with the 429 and its wait, and no
   * line per batch; the line is taken down before the command ends.
   */
  @Test
  @EnabledOnOs(OS.LINUX)
  @Timeout(120)
  void onARealTerminal_oneStatusLineIsRedrawnInPlace(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script");
    String url = start(Duration.ofMillis(400));
    zuora.failNextWith(1, 429, Duration.ofSeconds(2));
    Path report = dir.resolve("report.json");
    String command =
        java()
            + " -cp "
            + quoted(System.getProperty("java.class.path"))
            + " "
            + Main.class.getName()
            + " resend --base-url "
            + url
            + " --batch-size 1 --output json "
            + String.join(" ", ids("s", 6))
            + " > "
            + quoted(report.toString());
    ProcessBuilder pb = underScript(command).redirectErrorStream(true);
    pb.environment().put("ZUORA_ACCESS_TOKEN", TOKEN);
    pb.environment().put("TERM", "xterm");
    Process p = pb.start();
    p.getOutputStream().close();
    String seen = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(seen)
        .contains("\r\u001b[K0:0")
        .contains("/6 batches: ")
        .contains("1 429; waiting ")
        .doesNotContain("batch 1/6 done")
        .endsWith("\r\u001b[K");
    assertThat(new ObjectMapper().readTree(report.toFile()).get("accepted").asInt()).isEqualTo(6);
  }

  /**
   * After Ctrl-C the thread that prints the report is interrupted: asking whether stdout is a
   * terminal must still get the true answer (else the tables were printed whole, thousands of rows,
   * just when the command to resume had to stay in sight), and the interrupt must be kept.
   */
  @Test
  @EnabledOnOs(OS.LINUX)
  void anInterruptedThread_stillLearnsThatStdoutIsATerminal(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script");
    Path result = dir.resolve("result.txt");
    String probe =
        java()
            + " -cp "
            + quoted(System.getProperty("java.class.path"))
            + " "
            + TerminalProbe.class.getName()
            + " "
            + quoted(result.toString())
            + " interrupted";

    assertThat(ConfirmationTest.probeUnderScript(probe, result)).isEqualTo("true true");
    assertThat(ConfirmationTest.probeUnderScript(probe + " > " + dir.resolve("out.txt"), result))
        .isEqualTo("false true");
  }
}
