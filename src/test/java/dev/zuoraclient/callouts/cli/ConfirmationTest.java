package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.ZuoraEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The question before a big run against production: when it is asked, what it says, which answers
 * go on, and that a run not confirmed sends nothing. A fake terminal answers in-process; the last
 * tests give the command a real pseudo-terminal with {@code script}.
 */
class ConfirmationTest {
  static final String TOKEN = "confirm-token-0123456789";
  static final RunReport.Target PRODUCTION =
      RunReport.Target.environment(ZuoraEnvironment.US_PRODUCTION_2);

  /** A terminal that answers with {@code answers}, and counts the questions. */
  static final class FakeTerminal implements Terminal {
    final boolean interactive;
    final Deque<String> answers;
    int reads;

    FakeTerminal(boolean interactive, String... answers) {
      this.interactive = interactive;
      this.answers = new ArrayDeque<>(Arrays.asList(answers));
    }

    @Override
    public boolean interactive() {
      return interactive;
    }

    @Override
    public String readLine() {
      reads++;
      return answers.pollFirst();
    }
  }

  @Test
  void productionEnvironments_areThoseZuoraNamesProduction() {
    assertThat(
            Arrays.stream(ZuoraEnvironment.values())
                .filter(EnvironmentNames::isProduction)
                .toList())
        .containsExactlyInAnyOrder(
            ZuoraEnvironment.US_PRODUCTION_1,
            ZuoraEnvironment.US_PRODUCTION_2,
            ZuoraEnvironment.EU_PRODUCTION,
            ZuoraEnvironment.APAC_PRODUCTION);
  }

  @Test
  void aBaseUrlIsProduction_whenItIsAProductionServer() {
    assertThat(Confirmation.production(PRODUCTION)).isTrue();
    assertThat(
            Confirmation.production(
                RunReport.Target.environment(ZuoraEnvironment.US_API_SANDBOX_2)))
        .isFalse();
    assertThat(Confirmation.production(RunReport.Target.baseUrl("https://rest.zuora.com")))
        .isTrue();
    assertThat(Confirmation.production(RunReport.Target.baseUrl("https://REST.eu.zuora.com/")))
        .isTrue();
    assertThat(Confirmation.production(RunReport.Target.baseUrl("https://rest.ap.zuora.com:443")))
        .isTrue();
    assertThat(Confirmation.production(RunReport.Target.baseUrl("https://rest.test.zuora.com")))
        .isFalse();
    assertThat(Confirmation.production(RunReport.Target.baseUrl("http://127.0.0.1:8080")))
        .isFalse();
    assertThat(Confirmation.production(RunReport.Target.simulator("http://127.0.0.1:1"))).isFalse();
  }

  @Test
  void asked_onlyOnATerminal_forProduction_aboveTheThreshold_withoutYes_norIdsOnStdin() {
    FakeTerminal tty = new FakeTerminal(true);
    int over = Confirmation.THRESHOLD + 1;
    assertThat(Confirmation.needed(PRODUCTION, over, false, false, tty)).isTrue();
    assertThat(Confirmation.needed(PRODUCTION, Confirmation.THRESHOLD, false, false, tty))
        .isFalse();
    assertThat(Confirmation.needed(PRODUCTION, over, true, false, tty)).as("--yes").isFalse();
    assertThat(Confirmation.needed(PRODUCTION, over, false, true, tty)).as("stdin").isFalse();
    assertThat(Confirmation.needed(PRODUCTION, over, false, false, new FakeTerminal(false)))
        .as("no terminal")
        .isFalse();
    assertThat(
            Confirmation.needed(
                RunReport.Target.environment(ZuoraEnvironment.EU_API_SANDBOX),
                over,
                false,
                false,
                tty))
        .as("a sandbox")
        .isFalse();
    assertThat(tty.reads).as("needed() never reads an answer").isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"y", "Y", "yes", " YES "})
  void yesOrY_goesOn(String answer) {
    assertThat(Confirmation.ask(new FakeTerminal(true, answer), quiet(), PRODUCTION, 250, 1))
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"n", "no", "", "yess", "ok", "y y"})
  void anythingElse_stops(String answer) {
    assertThat(Confirmation.ask(new FakeTerminal(true, answer), quiet(), PRODUCTION, 250, 1))
        .isFalse();
  }

  @Test
  void theEndOfInput_stops_andTheQuestionNamesTheServerAndTheCount() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    boolean go =
        Confirmation.ask(
            new FakeTerminal(true),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            PRODUCTION,
            250,
            3);

    assertThat(go).isFalse();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith(
            "About to resend 250 callout notifications in 3 batches to https://rest.zuora.com"
                + " (US Production (Cloud 2)), a production environment")
        .contains("Continue? [y/N] ");
  }

  static PrintStream quiet() {
    return new PrintStream(PrintStream.nullOutputStream());
  }

  static String[] bigProductionRun(String... more) {
    List<String> args = new ArrayList<>(List.of("resend", "--env", "us-production-2"));
    args.addAll(List.of(more));
    IntStream.range(0, Confirmation.THRESHOLD + 1).forEach(i -> args.add("p" + i));
    return args.toArray(new String[0]);
  }

  /** The whole command: not confirmed, it ends before sending (no server is reachable here). */
  @Test
  void aRunNotConfirmed_exitsNotConfirmed_havingSentNothing() throws Exception {
    FakeTerminal terminal = new FakeTerminal(true, "n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            bigProductionRun("--output", "json"),
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of("ZUORA_ACCESS_TOKEN", TOKEN),
            terminal);

    assertThat(status).isEqualTo(ExitCodes.NOT_CONFIRMED);
    assertThat(terminal.reads).isOne();
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertThat(stderr)
        .contains("About to resend 101 callout notifications in 1 batch to https://rest.zuora.com")
        .doesNotContain("Resending")
        .endsWith("Not confirmed: nothing was sent.\n");
    var doc = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(doc.get("requested").asInt()).isZero();
    assertThat(doc.get("error").asText()).isEqualTo("Not confirmed: nothing was sent.");
  }

  @Test
  void theInProcessEntryPoint_neverAsks() {
    // Main.run without a terminal: a dry run shows the question would be due on one.
    CliRun run = CliRun.run(Map.of("ZUORA_ACCESS_TOKEN", TOKEN), bigProductionRun("--dry-run"));
    assertThat(run.status()).isZero();
    assertThat(run.err()).doesNotContain("Continue?");
  }

  static ProcessBuilder underScript(String shellCommand) {
    return new ProcessBuilder("script", "-qec", shellCommand, "/dev/null");
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String quoted(String s) {
    return RerunCommand.quote(s);
  }

  /**
   * The real terminal check, on a pseudo-terminal: stdin and stderr must both be one, whatever
   * stdout is (where {@code System.console()} on JDK 17 looks at stdout instead of stderr).
   */
  @Test
  @EnabledOnOs(OS.LINUX)
  void theSystemTerminal_isStdinAndStderr(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script");
    String probe =
        java()
            + " -cp "
            + quoted(System.getProperty("java.class.path"))
            + " "
            + TerminalProbe.class.getName();
    Path result = dir.resolve("result.txt");
    assertThat(probeUnderScript(probe + " " + result, result)).isEqualTo("true");
    assertThat(probeUnderScript(probe + " " + result + " > " + dir.resolve("out.txt"), result))
        .as("stdout redirected")
        .isEqualTo("true");
    assertThat(probeUnderScript(probe + " " + result + " < /dev/null", result))
        .as("stdin redirected")
        .isEqualTo("false");
    assertThat(probeUnderScript(probe + " " + result + " 2> " + dir.resolve("err.txt"), result))
        .as("stderr redirected")
        .isEqualTo("false");
    Process plain =
        new ProcessBuilder(
                java(),
                "-cp",
                System.getProperty("java.class.path"),
                TerminalProbe.class.getName(),
                result.toString())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    assertThat(plain.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(result)).as("no terminal at all").isEqualTo("false");
  }

  static String probeUnderScript(String command, Path result) throws Exception {
    Process p = underScript(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return Files.readString(result).strip();
  }

  /** The command on a pseudo-terminal, answering no: it asks, then stops with nothing sent. */
  @Test
  @EnabledOnOs(OS.LINUX)
  void onARealTerminal_theCommandAsks_andNoStopsIt(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script");
    Path ids = dir.resolve("ids.txt");
    Files.write(
        ids, IntStream.range(0, Confirmation.THRESHOLD + 1).mapToObj(i -> "p" + i).toList());
    Path status = dir.resolve("status.txt");
    String command =
        java()
            + " -cp "
            + quoted(System.getProperty("java.class.path"))
            + " "
            + Main.class.getName()
            + " resend --env us-production-2 --ids-file "
            + quoted(ids.toString())
            + " --output json > "
            + quoted(dir.resolve("report.json").toString())
            + "; echo $? > "
            + quoted(status.toString());
    ProcessBuilder pb = underScript(command).redirectErrorStream(true);
    pb.environment().put("ZUORA_ACCESS_TOKEN", TOKEN);
    Process p = pb.start();
    StringBuilder seen = new StringBuilder();
    var in = p.getInputStream();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!seen.toString().contains("Continue? [y/N]") && System.nanoTime() < deadline) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      seen.append((char) b);
    }
    assertThat(seen.toString())
        .contains("About to resend 101 callout notifications in 1 batch to https://rest.zuora.com");
    p.getOutputStream().write("n\n".getBytes(StandardCharsets.US_ASCII));
    p.getOutputStream().flush();
    seen.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(Files.readString(status).strip())
        .isEqualTo(Integer.toString(ExitCodes.NOT_CONFIRMED));
    assertThat(seen.toString())
        .contains("Not confirmed: nothing was sent.")
        .doesNotContain("Resending");
    assertThat(
            new ObjectMapper()
                .readTree(dir.resolve("report.json").toFile())
                .get("requested")
                .asInt())
        .isZero();
  }
}
