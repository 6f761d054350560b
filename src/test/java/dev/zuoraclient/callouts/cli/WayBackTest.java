package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import dev.zuoraclient.callouts.testing.CliProcess;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The way back after a run that left IDs without an outcome: the last line on stderr is the command
 * that resumes it, and running exactly that command finishes the run with every ID resent once; the
 * JSON document names the journal and whether the run can resume.
 */
@Timeout(120)
class WayBackTest {
  static final String TOKEN = "way-back-token-123456";
  static final ObjectMapper JSON = new ObjectMapper();

  static List<String> ids(int n) {
    return IntStream.range(0, n).mapToObj(i -> String.format("w%031x", i)).toList();
  }

  static ZuoraSimulator simulator(List<String> ids) {
    return ZuoraSimulator.builder()
        .acceptToken(TOKEN)
        .knownIds(ids)
        .latency(Duration.ofMillis(30))
        .start();
  }

  static String lastLine(String text) {
    List<String> lines = text.lines().toList();
    return lines.get(lines.size() - 1);
  }

  /** The words of a command line quoted for a POSIX shell (plain words and '...' quotes). */
  static List<String> shellWords(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '\'') {
          quoted = false;
        } else {
          word.append(c);
        }
      } else if (c == ' ') {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else {
        word = word == null ? new StringBuilder() : word;
        if (c == '\'') {
          quoted = true;
        } else if (c == '\\') {
          word.append(line.charAt(++i));
        } else {
          word.append(c);
        }
      }
    }
    assertThat(quoted).as("unbalanced quote in %s", line).isFalse();
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  /** The arguments of a command line from {@code resend} on, after checking its launcher. */
  static String[] resendArgs(String commandLine) {
    List<String> words = shellWords(commandLine);
    assertThat(words.get(0)).matches("java|/.*/bin/java");
    int resend = words.indexOf("resend");
    assertThat(resend).isPositive();
    List<String> launcher = words.subList(1, resend);
    if (launcher.get(0).equals("-jar")) {
      assertThat(launcher).hasSize(2);
    } else {
      assertThat(launcher).hasSize(3);
      assertThat(launcher.get(0)).isEqualTo("-cp");
      assertThat(launcher.get(2)).isEqualTo(Main.class.getName());
    }
    return words.subList(resend, words.size()).toArray(new String[0]);
  }

  /** A run in this thread's stead, interrupted (as Ctrl-C does) once Zuora has resent an ID. */
  static CliRun interruptedRun(ZuoraSimulator zuora, String... args) throws Exception {
    AtomicReference<CliRun> done = new AtomicReference<>();
    Thread runner =
        new Thread(
            () ->
                done.set(
                    CliRun.run(
                        Map.of("ZUORA_ACCESS_TOKEN", TOKEN),
                        new ByteArrayInputStream(new byte[0]),
                        OutputStream.nullOutputStream(),
                        args)));
    runner.start();
    while (zuora.totalResends() == 0) {
      Thread.sleep(5);
    }
    runner.interrupt();
    runner.join(60_000);
    assertThat(done.get()).as("the interrupted run ended").isNotNull();
    return done.get();
  }

  @Test
  void anInterruptedRun_endsWithTheCommandThatResumesIt_andThatCommandFinishesIt(@TempDir Path dir)
      throws Exception {
    List<String> ids = ids(60);
    Path idsFile = Files.write(dir.resolve("my ids's.txt"), ids, StandardCharsets.UTF_8);
    Path journal = dir.resolve("run.jsonl");
    try (ZuoraSimulator zuora = simulator(ids)) {
      CliRun stopped =
          interruptedRun(
              zuora,
              "resend",
              "--base-url",
              zuora.baseUri().toString(),
              "--ids-file",
              idsFile.toString(),
              "--journal",
              journal.toString(),
              "--batch-size",
              "5",
              "--track-id",
              "incident 42",
              "--output",
              "json");

      assertThat(stopped.status()).isEqualTo(ExitCodes.ERROR);
      JsonNode report = JSON.readTree(stopped.out());
      assertThat(report.get("unresolved").size()).isPositive();
      assertThat(report.get("journal").get("path").asText()).isEqualTo(journal.toString());
      assertThat(report.get("journal").get("canResume").asBoolean()).isTrue();
      String command = lastLine(stopped.err());
      assertThat(command)
          .contains("--journal " + journal)
          .contains("--ids-file '" + idsFile.toString().replace("'", "'\\''") + "'")
          .contains("--track-id 'incident 42'")
          .doesNotContain(TOKEN);
      assertThat(stopped.all()).doesNotContain(TOKEN);

      byte[] journalBefore = Files.readAllBytes(journal);
      String[] dry = resendArgs(command.replace(" resend ", " resend --dry-run "));
      CliRun preview = CliRun.run(Map.of("ZUORA_ACCESS_TOKEN", TOKEN), dry);
      assertThat(preview.status()).isZero();
      JsonNode plan = JSON.readTree(preview.out()).get("journal");
      assertThat(plan.get("resumes").asBoolean()).isTrue();
      assertThat(plan.get("resolvedBatches").asInt() * 5)
          .as("every resolved batch held 5 accepted IDs")
          .isEqualTo(report.get("accepted").asInt());
      assertThat(Files.readAllBytes(journal)).isEqualTo(journalBefore);

      String[] again = resendArgs(command);
      assertThat(again)
          .containsExactly(
              "resend",
              "--base-url",
              zuora.baseUri().toString(),
              "--ids-file",
              idsFile.toString(),
              "--journal",
              journal.toString(),
              "--batch-size",
              "5",
              "--track-id",
              "incident 42",
              "--output",
              "json");
      CliRun resumed = CliRun.run(Map.of("ZUORA_ACCESS_TOKEN", TOKEN), again);

      assertThat(resumed.status()).isZero();
      JsonNode last = JSON.readTree(resumed.out());
      assertThat(last.get("accepted").asInt()).isEqualTo(ids.size());
      assertThat(last.get("journal").get("canResume").asBoolean()).isFalse();
      assertThat(resumed.err()).contains("resuming the run in");
      for (String id : ids) {
        assertThat(zuora.resendCount(id)).as("resends of %s", id).isEqualTo(1);
      }
    }
  }

  @Test
  void aRelativeJournal_isResumedByItsAbsolutePath_andTheTableSaysHowToo(@TempDir Path dir)
      throws Exception {
    List<String> ids = ids(40);
    Path journal = Path.of("target", "way-back-" + System.nanoTime() + ".jsonl");
    try (ZuoraSimulator zuora = simulator(ids)) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "resend",
                  "--base-url=" + zuora.baseUri(),
                  "--journal=" + journal,
                  "--batch-size",
                  "4",
                  "--"));
      args.addAll(ids);
      CliRun stopped = interruptedRun(zuora, args.toArray(new String[0]));

      assertThat(stopped.out()).contains("Running the same command again with --journal");
      String[] again = resendArgs(lastLine(stopped.err()));
      assertThat(again).contains("--journal", journal.toAbsolutePath().toString());
      assertThat(again).doesNotContain("--journal=" + journal);
      CliRun resumed = CliRun.run(Map.of("ZUORA_ACCESS_TOKEN", TOKEN), again);

      assertThat(resumed.status()).isZero();
      for (String id : ids) {
        assertThat(zuora.resendCount(id)).as("resends of %s", id).isEqualTo(1);
      }
    } finally {
      Files.deleteIfExists(journal);
    }
  }

  @Test
  void withoutAJournal_theLastLineSaysHowToMakeARerunSafe() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    CliRun run =
        CliRun.run(
            Map.of("ZUORA_ACCESS_TOKEN", TOKEN),
            "resend",
            "--base-url",
            "http://127.0.0.1:" + port,
            "--max-attempts",
            "1",
            "--output",
            "json",
            "a1");

    assertThat(run.status()).isEqualTo(ExitCodes.ERROR);
    assertThat(lastLine(run.err())).isEqualTo(RerunAdvice.SAFE_RERUN);
    assertThat(lastLine(run.err())).contains("--idempotency-key");
    assertThat(JSON.readTree(run.out()).get("journal").isNull()).isTrue();

    CliRun keyed =
        CliRun.run(
            Map.of("ZUORA_ACCESS_TOKEN", TOKEN),
            "resend",
            "--base-url",
            "http://127.0.0.1:" + port,
            "--max-attempts",
            "1",
            "--idempotency-key",
            "incident-42",
            "a1");
    assertThat(resendArgs(lastLine(keyed.err())))
        .containsExactly(
            "resend",
            "--base-url",
            "http://127.0.0.1:" + port,
            "--max-attempts",
            "1",
            "--idempotency-key",
            "incident-42",
            "a1");
  }

  @Test
  void aJournalRefusedByAUsageError_cannotResume(@TempDir Path dir) throws Exception {
    Path notAJournal = Files.writeString(dir.resolve("notes.txt"), "my notes\n");
    CliRun run =
        CliRun.run(
            Map.of(),
            "resend",
            "--simulator",
            "--journal",
            notAJournal.toString(),
            "--output",
            "json",
            "a1");

    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    JsonNode journal = JSON.readTree(run.out()).get("journal");
    assertThat(journal.get("path").asText()).isEqualTo(notAJournal.toString());
    assertThat(journal.get("canResume").asBoolean()).isFalse();
    assertThat(Files.readString(notAJournal)).isEqualTo("my notes\n");
  }

  @Test
  void quoting_keepsEveryWordWhole() {
    assertThat(RerunCommand.quote("plain-word_1.txt")).isEqualTo("plain-word_1.txt");
    assertThat(RerunCommand.quote("it's here")).isEqualTo("'it'\\''s here'");
    assertThat(RerunCommand.quote("")).isEqualTo("''");
    assertThat(RerunCommand.quote("$HOME;rm")).isEqualTo("'$HOME;rm'");
    for (String word : List.of("it's here", "", "$HOME;rm", "a\"b", "*", "~x", "a b  c")) {
      assertThat(shellWords("x " + RerunCommand.quote(word))).containsExactly("x", word);
    }
  }

  /** A real process, a real SIGINT, and the command from its stderr run by a real shell. */
  @Test
  @EnabledOnOs(OS.LINUX)
  void ctrlC_thenTheLastStderrLine_runByAShell_finishesTheRun(@TempDir Path dir) throws Exception {
    List<String> ids = ids(200);
    Path idsFile = Files.write(dir.resolve("ids.txt"), ids, StandardCharsets.UTF_8);
    Path journal = dir.resolve("run.jsonl");
    Path stderr = dir.resolve("stderr.txt");
    try (ZuoraSimulator zuora = simulator(ids)) {
      ProcessBuilder pb =
          CliProcess.resend(
              zuora.baseUri().toString(),
              TOKEN,
              "--ids-file",
              idsFile.toString(),
              "--journal",
              journal.toString(),
              "--batch-size",
              "5",
              "--output",
              "json");
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      pb.redirectError(stderr.toFile());
      Process run = pb.start();
      while (zuora.totalResends() < 10) {
        Thread.sleep(10);
      }
      new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();
      String out = CliProcess.stdout(run);
      assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(run.exitValue()).isEqualTo(ExitCodes.INTERRUPTED);
      JsonNode report = JSON.readTree(out);
      assertThat(report.get("unresolved").size()).isPositive();
      assertThat(report.get("journal").get("canResume").asBoolean()).isTrue();
      String err = Files.readString(stderr);
      assertThat(err).contains("Stopping: no new batch starts");
      String command = lastLine(err);
      assertThat(command).contains(" resend --base-url ").doesNotContain(TOKEN);

      ProcessBuilder shell = new ProcessBuilder("sh", "-c", command);
      shell.environment().put("ZUORA_ACCESS_TOKEN", TOKEN);
      shell.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      shell.redirectError(dir.resolve("stderr-2.txt").toFile());
      Process resumed = shell.start();
      String resumedOut = CliProcess.stdout(resumed);
      assertThat(resumed.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(resumed.exitValue()).as(Files.readString(dir.resolve("stderr-2.txt"))).isZero();
      JsonNode last = JSON.readTree(resumedOut);
      assertThat(last.get("accepted").asInt()).isEqualTo(ids.size());
      assertThat(last.get("journal").get("canResume").asBoolean()).isFalse();
      for (String id : ids) {
        assertThat(zuora.resendCount(id)).as("resends of %s", id).isEqualTo(1);
      }
    }
  }
}
