package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import dev.zuoraclient.callouts.testing.CliProcess;
import dev.zuoraclient.callouts.testing.HostileServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line, run as an operator runs it (a JVM of its own, real files, real signals, a real
 * file-size limit), when the run's own machinery fails: two terminals on one journal, a journal
 * whose disk fills mid-run, Ctrl-C while the run only waits out Zuora's rate limit.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class RunMachineryCliTest {
  static final String TOKEN = "machinery-token-123456";
  static final ObjectMapper JSON = new ObjectMapper();

  static List<String> ids(int n) {
    return IntStream.range(0, n).mapToObj(i -> String.format("m%031x", i)).toList();
  }

  /** The command as a process; {@code shellPrefix} runs before it in the same shell (ulimit). */
  static Process start(String baseUrl, Path dir, String shellPrefix, String... args)
      throws IOException {
    ProcessBuilder pb = CliProcess.resend(baseUrl, TOKEN, args);
    if (shellPrefix != null) {
      List<String> command =
          new ArrayList<>(List.of("bash", "-c", shellPrefix + "; exec \"$@\"", "bash"));
      command.addAll(pb.command());
      pb.command(command);
    }
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.redirectError(dir.resolve("stderr-" + System.nanoTime() + ".txt").toFile());
    return pb.start();
  }

  static String stdout(Process p) throws IOException {
    return CliProcess.stdout(p);
  }

  static ZuoraSimulator simulator(List<String> ids, Duration latency) {
    return ZuoraSimulator.builder().acceptToken(TOKEN).knownIds(ids).latency(latency).start();
  }

  static Path idsFile(Path dir, List<String> ids) throws IOException {
    return Files.write(dir.resolve("ids.txt"), ids, StandardCharsets.UTF_8);
  }

  @Test
  void twoTerminalsOnOneJournal_theSecondIsRefused_andNoBatchIsSentTwice(@TempDir Path dir)
      throws Exception {
    List<String> ids = ids(20);
    Path idsFile = idsFile(dir, ids);
    Path journal = dir.resolve("run.jsonl");
    CountDownLatch secondDone = new CountDownLatch(1);
    HostileServer.Answer accepted = HostileServer.status(202, "");
    try (HostileServer server =
        HostileServer.start()
            .answering(
                (request, out) -> {
                  secondDone.await(60, TimeUnit.SECONDS); // the first run is held mid-batch
                  return accepted.write(request, out);
                },
                accepted)) {
      String[] args = {
        "--ids-file",
        idsFile.toString(),
        "--journal",
        journal.toString(),
        "--batch-size",
        "5",
        "--output",
        "json"
      };
      Process first = start(server.baseUrl(), dir, null, args);
      while (server.received().isEmpty()) {
        Thread.sleep(20);
      }
      Process second = start(server.baseUrl(), dir, null, args);
      String secondOut = stdout(second);
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
      secondDone.countDown();

      assertThat(second.exitValue()).isEqualTo(ExitCodes.USAGE);
      JsonNode refusal = JSON.readTree(secondOut);
      assertThat(refusal.get("error").asText())
          .contains(journal.toString())
          .contains("in use by another run")
          .contains("nothing was sent");

      JsonNode report = JSON.readTree(stdout(first));
      assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(first.exitValue()).isEqualTo(ExitCodes.ALL_ACCEPTED);
      assertThat(report.get("accepted").asInt()).isEqualTo(20);
      // Four batches, each sent once: no batch reached the server under a second key.
      List<String> bodies =
          server.received().stream().map(HostileServer.Received::bodyText).toList();
      assertThat(bodies).hasSize(4).doesNotHaveDuplicates();
    }
  }

  @Test
  void aJournalWhoseDiskFills_stopsTheRun_reportsEveryIdTruthfully_andResumesOnceThereIsRoom(
      @TempDir Path dir) throws Exception {
    List<String> ids = ids(400);
    Path idsFile = idsFile(dir, ids);
    Path journal = dir.resolve("run.jsonl");
    try (ZuoraSimulator zuora = simulator(ids, Duration.ofMillis(20))) {
      String[] args = {
        "--ids-file",
        idsFile.toString(),
        "--journal",
        journal.toString(),
        "--batch-size",
        "5",
        "--concurrency",
        "8",
        "--output",
        "json"
      };
      // 8 KB of journal: the header and some dozens of the 80 batches' lines
      Process full = start(zuora.baseUri().toString(), dir, "ulimit -f 8", args);
      String out = stdout(full);
      assertThat(full.waitFor(60, TimeUnit.SECONDS)).as("no hang").isTrue();

      assertThat(full.exitValue()).isEqualTo(ExitCodes.JOURNAL_FAILED);
      JsonNode report = JSON.readTree(out);
      assertThat(report.get("requested").asInt()).isEqualTo(400);
      int accepted = report.get("accepted").asInt();
      assertThat(accepted).as("what Zuora resent").isEqualTo(zuora.totalResends());
      assertThat(accepted).isBetween(5, 395);
      assertThat(accepted + report.get("unresolved").size()).isEqualTo(400);
      assertThat(report.get("error").asText()).contains("journal").contains("File too large");
      assertThat(Files.size(journal)).isLessThanOrEqualTo(8 * 1024);

      // Room again: the same command finishes the run, and no ID is resent twice.
      Process resumed = start(zuora.baseUri().toString(), dir, null, args);
      JsonNode last = JSON.readTree(stdout(resumed));
      assertThat(resumed.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(resumed.exitValue()).isEqualTo(ExitCodes.ALL_ACCEPTED);
      assertThat(last.get("accepted").asInt()).isEqualTo(400);
      assertThat(ids).allSatisfy(id -> assertThat(zuora.resendCount(id)).as(id).isEqualTo(1));
    }
  }

  @Test
  void aFileThatIsNotAJournal_isRefused_andNotModified(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(file, "{\"keep\": \"me\"}", StandardCharsets.UTF_8); // no final newline
    byte[] before = Files.readAllBytes(file);

    CliRun run = CliRun.run(Map.of(), "resend", "a1", "a2", "--journal", file.toString());

    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("is not a journal of this tool").contains("left as it is");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void ctrlC_whileTheRunOnlyWaitsOutARateLimit_reportsAtOnce(@TempDir Path dir) throws Exception {
    List<String> ids = ids(20);
    Path idsFile = idsFile(dir, ids);
    try (HostileServer server =
        HostileServer.start()
            .answering(
                HostileServer.status(
                    429,
                    "{\"message\":\"Too many requests\"}",
                    "Retry-After: 120",
                    "RateLimit-Remaining: 0"))) {
      Process run =
          start(
              server.baseUrl(),
              dir,
              null,
              "--ids-file",
              idsFile.toString(),
              "--batch-size",
              "5",
              "--concurrency",
              "4",
              "--output",
              "json");
      while (server.received().isEmpty()) {
        Thread.sleep(20);
      }
      Thread.sleep(1_000); // the 429 is in: every worker now waits out the pause
      long start = System.nanoTime();
      new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();
      String out = stdout(run);
      assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(millis)
          .as("not the 30 s grace, which is for requests in flight")
          .isLessThan(5_000);
      assertThat(run.exitValue()).isEqualTo(ExitCodes.INTERRUPTED);
      JsonNode report = JSON.readTree(out);
      assertThat(report.get("unresolved").size()).isEqualTo(20);
    }
  }
}
