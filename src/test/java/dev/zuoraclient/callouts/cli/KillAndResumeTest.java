package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import dev.zuoraclient.callouts.testing.CliProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line is killed at random points of a journaled run (SIGINT, which ends with a report,
 * and SIGKILL, which ends with nothing), then run again with the same journal until it finishes:
 * the simulator, in this JVM, must have processed every ID exactly once (replays excluded), and the
 * last report must account for every ID. {@code -Dkill.seeds=N} runs more seeds.
 */
@EnabledOnOs(OS.LINUX)
class KillAndResumeTest {
  static final String TOKEN = "kill-test-token-123456";
  static final int ID_COUNT = 200;
  static final ObjectMapper JSON = new ObjectMapper();

  static List<Object[]> seeds() {
    int n = Integer.getInteger("kill.seeds", 6);
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Object[] {i % 2 == 0 ? "INT" : "KILL", 1000L + i});
    }
    return out;
  }

  @ParameterizedTest(name = "SIG{0}, seed {1}")
  @MethodSource("seeds")
  void killedAtRandom_thenResumed_processesEveryIdExactlyOnce(
      String signal, long seed, @TempDir Path dir) throws Exception {
    List<String> ids =
        IntStream.range(0, ID_COUNT).mapToObj(i -> String.format("k%031x", i)).toList();
    Path idsFile = dir.resolve("ids.txt");
    Files.write(idsFile, ids, StandardCharsets.UTF_8);
    Path journal = dir.resolve("run.jsonl");
    Random random = new Random(seed);
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder()
            .acceptToken(TOKEN)
            .knownIds(ids)
            .latency(Duration.ofMillis(40))
            .start()) {
      Process killed = start(zuora, idsFile, journal);
      Thread.sleep(600 + random.nextInt(900));
      if (signal.equals("INT")) {
        new ProcessBuilder("kill", "-INT", Long.toString(killed.pid())).start().waitFor();
      } else {
        killed.destroyForcibly();
      }
      assertThat(killed.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String killedOut = signal.equals("INT") ? output(killed) : "";
      if (signal.equals("INT") && !killedOut.isBlank()) {
        // A graceful stop reports every ID: resolved, or unresolved with a reason. (A signal
        // before the command installed its handler ends the JVM the default way, with nothing.)
        assertThat(killed.exitValue()).isIn(ExitCodes.INTERRUPTED, ExitCodes.ALL_ACCEPTED);
        JsonNode report = JSON.readTree(killedOut);
        assertThat(report.get("requested").asInt()).isEqualTo(ID_COUNT);
        assertThat(
                report.get("accepted").asInt()
                    + report.get("failed").size()
                    + report.get("unresolved").size())
            .isEqualTo(ID_COUNT);
      }

      JsonNode last = null;
      for (int run = 0;
          run < 3 && (last == null || last.get("accepted").asInt() < ID_COUNT);
          run++) {
        Process resumed = start(zuora, idsFile, journal);
        String out = output(resumed);
        assertThat(resumed.waitFor(60, TimeUnit.SECONDS)).isTrue();
        last = JSON.readTree(out);
      }

      assertThat(last.get("accepted").asInt()).isEqualTo(ID_COUNT);
      assertThat(last.get("unresolved").size()).isZero();
      for (String id : ids) {
        assertThat(zuora.resendCount(id)).as("resends of %s", id).isEqualTo(1);
      }
    }
  }

  static Process start(ZuoraSimulator zuora, Path idsFile, Path journal) throws IOException {
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
            "--concurrency",
            "4",
            "--output",
            "json");
    pb.redirectError(
        ProcessBuilder.Redirect.appendTo(journal.resolveSibling("stderr.txt").toFile()));
    return pb.start();
  }

  static String output(Process p) throws IOException {
    return CliProcess.stdout(p);
  }
}
