package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The question for a secret on a real pseudo-terminal ({@code script}): what is typed is not echoed
 * (a pseudo-terminal echoes by default, so an echoed secret would be in the transcript), the secret
 * is used, Ctrl-C at the question ends the command with the terminal echoing again, and without a
 * terminal nothing is asked.
 */
@EnabledOnOs(OS.LINUX)
class HiddenPromptTerminalTest {
  static final String CLIENT_ID = "pty-client";
  static final String SECRET = "pty-secret-4c7b19e2-never-echoed";
  static final String PROMPT_END = "(typing is not shown): ";

  private ZuoraSimulator zuora;

  @BeforeEach
  void start() {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script");
    zuora = ZuoraSimulator.builder().client(CLIENT_ID, SECRET).knownIds("k1").start();
  }

  @AfterEach
  void stop() {
    if (zuora != null) {
      zuora.close();
    }
  }

  /** The command under {@code script}, then its status and the terminal's settings, in files. */
  private Process command(Path dir, String redirect) throws Exception {
    String command =
        "trap true INT; "
            + ConfirmationTest.java()
            + " -cp "
            + ConfirmationTest.quoted(System.getProperty("java.class.path"))
            + " "
            + Main.class.getName()
            + " resend --base-url "
            + zuora.baseUri()
            + " k1"
            + redirect
            + "; echo $? > "
            + ConfirmationTest.quoted(dir.resolve("status.txt").toString())
            + "; stty -a > "
            + ConfirmationTest.quoted(dir.resolve("stty.txt").toString());
    ProcessBuilder pb = ConfirmationTest.underScript(command).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("ZUORA_"));
    pb.environment().put("ZUORA_CLIENT_ID", CLIENT_ID);
    return pb.start();
  }

  /** Reads the transcript into {@code seen} until it holds {@code marker}, for up to 60 s. */
  private static void readUntil(InputStream in, StringBuilder seen, String marker)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!seen.toString().contains(marker) && System.nanoTime() < deadline) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      seen.append((char) b);
    }
    assertThat(seen.toString()).contains(marker);
  }

  private static List<String> sttyWords(Path dir) throws Exception {
    return Arrays.asList(Files.readString(dir.resolve("stty.txt")).split("[\\s;]+"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " --output json > report.json"})
  void theSecretTyped_isNotEchoed_andIsUsed(String output, @TempDir Path dir) throws Exception {
    String redirect =
        output.isEmpty()
            ? ""
            : output.replace(
                "report.json", ConfirmationTest.quoted(dir.resolve("report.json").toString()));
    Process p = command(dir, redirect);
    StringBuilder seen = new StringBuilder();
    InputStream in = p.getInputStream();
    readUntil(in, seen, PROMPT_END);
    assertThat(seen.toString())
        .contains(
            "Client secret of client " + CLIENT_ID + " (ZUORA_CLIENT_ID) for " + zuora.baseUri());

    p.getOutputStream().write((SECRET + "\n").getBytes(StandardCharsets.US_ASCII));
    p.getOutputStream().flush();
    seen.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(Files.readString(dir.resolve("status.txt")).strip()).isEqualTo("0");
    assertThat(seen.toString()).doesNotContain(SECRET).contains("the secret typed at the prompt");
    assertThat(zuora.tokenRequestCount()).isOne();
    assertThat(zuora.resendCount("k1")).isOne();
    assertThat(sttyWords(dir)).contains("echo").doesNotContain("-echo");
    if (!output.isEmpty()) {
      assertThat(Files.readString(dir.resolve("report.json"))).contains("\"accepted\" : 1");
    }
  }

  @Test
  void ctrlC_atTheQuestion_endsTheCommand_sendingNothing_andTheTerminalEchoesAgain(
      @TempDir Path dir) throws Exception {
    Process p = command(dir, "");
    StringBuilder seen = new StringBuilder();
    InputStream in = p.getInputStream();
    readUntil(in, seen, PROMPT_END);

    p.getOutputStream().write("pty-sec".getBytes(StandardCharsets.US_ASCII));
    p.getOutputStream().flush();
    // Ctrl-C discards what the terminal has not yet written: give an echo time to show first.
    Thread.sleep(700);
    p.getOutputStream().write(3); // Ctrl-C: the terminal signals its foreground processes
    p.getOutputStream().flush();
    seen.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(Files.readString(dir.resolve("status.txt")).strip())
        .isEqualTo(Integer.toString(ExitCodes.INTERRUPTED));
    assertThat(seen.toString())
        .contains("No secret was given: nothing was sent.")
        .doesNotContain("pty-sec");
    assertThat(sttyWords(dir)).as("echo is back on").contains("echo").doesNotContain("-echo");
    assertThat(zuora.requests()).isEmpty();
    assertThat(zuora.tokenRequestCount()).isZero();
  }

  @Test
  void withoutATerminalOnStdin_nothingIsAsked_andTheRunIsRefusedAsBefore(@TempDir Path dir)
      throws Exception {
    Process p = command(dir, " < /dev/null");
    p.getOutputStream().close();
    String seen = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(Files.readString(dir.resolve("status.txt")).strip())
        .isEqualTo(Integer.toString(ExitCodes.USAGE));
    assertThat(seen)
        .doesNotContain(PROMPT_END)
        .contains("ZUORA_CLIENT_SECRET is not set (nor ZUORA_CLIENT_SECRET_FILE)");
    assertThat(zuora.tokenRequestCount()).isZero();
  }
}
