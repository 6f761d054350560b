package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.zuoraclient.callouts.simulator.RecordedRequest;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import dev.zuoraclient.callouts.testing.CliProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -v}, {@code -vv} and {@code --log-file}: timestamped lines that pair each request with its
 * answer by batch and attempt, however many are in flight, with Zuora's request ID; and never a
 * secret.
 */
class VerboseLogTest {
  static final String TOKEN = "verbose-token-5e0b7c2d";
  static final Map<String, String> ENV = Map.of("ZUORA_ACCESS_TOKEN", TOKEN);
  static final String PATH = "/notifications/callout-histories/resend";

  /** A log line: ISO-8601 UTC with milliseconds, the attempt's label (or token), the text. */
  static final Pattern LINE =
      Pattern.compile(
          "(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z)"
              + " (batch \\d+/\\d+ attempt \\d+/\\d+(?: after 429 #\\d+)?(?: with a new token)?"
              + "|token) (.*)");

  @TempDir Path dir;

  record LogLine(Instant at, String label, String text) {
    boolean isRequest() {
      return text.startsWith("---> POST ");
    }

    boolean isAnswer() {
      return text.matches("<--- (\\d{3} |ERROR ).*");
    }

    /** Label and text, with times that change from run to run written as N. */
    String normalized() {
      return (label + " " + text).replaceAll(" in \\d+(\\.\\d)? (ms|s)", " in N");
    }
  }

  /** The log lines of {@code text}; every line that starts with a time must be one. */
  static List<LogLine> logLines(String text) {
    List<LogLine> lines = new ArrayList<>();
    for (String line : text.split("\\R")) {
      if (!line.matches("^\\d{4}-.*")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      assertThat(m.matches()).as("a log line: %s", line).isTrue();
      lines.add(new LogLine(Instant.parse(m.group(1)), m.group(2), m.group(3)));
    }
    return lines;
  }

  private static String[] args(String url, List<String> options, List<String> ids) {
    List<String> all = new ArrayList<>(List.of("resend", "--base-url", url));
    all.addAll(options);
    all.addAll(ids);
    return all.toArray(String[]::new);
  }

  @Test
  @Timeout(60)
  void v_atConcurrency4_pairsEveryRequestWithOneAnswer_byBatchAndAttempt_withItsRequestId()
      throws Exception {
    List<String> ids = IntStream.range(0, 12).mapToObj(i -> "p" + i).toList();
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder()
            .acceptToken(TOKEN)
            .knownIds(ids)
            .latency(Duration.ofMillis(150))
            .start()) {
      CliRun run =
          CliRun.run(
              ENV,
              args(
                  zuora.baseUri().toString(),
                  List.of("-v", "--concurrency", "4", "--batch-size", "1", "--output", "json"),
                  ids));

      assertThat(run.status()).isZero();
      List<LogLine> lines = logLines(run.err());
      Map<String, LogLine> requests = new LinkedHashMap<>();
      Map<String, LogLine> answers = new HashMap<>();
      int inFlight = 0;
      int mostInFlight = 0;
      for (LogLine line : lines) {
        if (line.isRequest()) {
          assertThat(requests.put(line.label(), line)).as("one request per label").isNull();
          mostInFlight = Math.max(mostInFlight, ++inFlight);
        } else if (line.isAnswer()) {
          assertThat(answers.put(line.label(), line)).as("one answer per label").isNull();
          inFlight--;
        }
      }
      List<String> expected = new ArrayList<>();
      for (int b = 1; b <= 12; b++) {
        expected.add("batch " + b + "/12 attempt 1/3");
      }
      assertThat(requests.keySet()).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(answers.keySet()).containsExactlyInAnyOrderElementsOf(expected);
      for (String label : expected) {
        assertThat(answers.get(label).at()).isAfterOrEqualTo(requests.get(label).at());
        assertThat(answers.get(label).text()).matches("<--- 202 in \\d+ ms, Zuora-Request-Id: .+");
      }
      assertThat(mostInFlight).as("requests in flight together").isGreaterThan(1);
      List<String> reported = new ArrayList<>();
      new ObjectMapper()
          .readTree(run.out())
          .get("requestIds")
          .forEach(n -> reported.add(n.asText()));
      assertThat(answers.values())
          .extracting(a -> a.text().replaceFirst(".*Zuora-Request-Id: ", ""))
          .containsExactlyInAnyOrderElementsOf(reported)
          .hasSize(12);
      assertThat(run.all()).doesNotContain(TOKEN);
    }
  }

  @Test
  @Timeout(60)
  void aRetriedAttempt_showsAttempt1And2Of3_whyAndTheWait_withTheSameKey() throws Exception {
    try (ScriptedServer server = new ScriptedServer(503, 202)) {
      CliRun run = CliRun.run(ENV, args(server.url(), List.of("-v"), List.of("r1")));

      assertThat(run.status()).isZero();
      assertThat(logLines(run.err()))
          .extracting(LogLine::normalized)
          .containsExactly(
              "batch 1/1 attempt 1/3 ---> POST " + server.url() + PATH + " (1 ID)",
              "batch 1/1 attempt 1/3 <--- 503 in N, Zuora-Request-Id: scripted-1",
              "batch 1/1 attempt 1/3 retry: 503 (server error); attempt 2/3 in N, with the same"
                  + " Idempotency-Key",
              "batch 1/1 attempt 2/3 ---> POST " + server.url() + PATH + " (1 ID)",
              "batch 1/1 attempt 2/3 <--- 202 in N, Zuora-Request-Id: scripted-2");
      assertThat(server.keys).hasSize(2).containsOnly(server.keys.get(0));
    }
  }

  @Test
  @Timeout(60)
  void aBatchSentAgainAfter429_isNamedSo_andStillPairsWithItsOwnAnswer() throws Exception {
    try (ScriptedServer server = new ScriptedServer(429, 202)) {
      CliRun run = CliRun.run(ENV, args(server.url(), List.of("-v"), List.of("r1")));

      assertThat(run.status()).isZero();
      assertThat(logLines(run.err()))
          .extracting(LogLine::normalized)
          .containsExactly(
              "batch 1/1 attempt 1/3 ---> POST " + server.url() + PATH + " (1 ID)",
              "batch 1/1 attempt 1/3 <--- 429 in N, Zuora-Request-Id: scripted-1",
              "batch 1/1 attempt 1/3 429 (rate limited): the batch goes back to the run, which"
                  + " waits 1 s as Zuora asked and sends it again with the same Idempotency-Key,"
                  + " or stops if that is too long",
              "batch 1/1 attempt 1/3 after 429 #1 ---> POST " + server.url() + PATH + " (1 ID)",
              "batch 1/1 attempt 1/3 after 429 #1 <--- 202 in N, Zuora-Request-Id: scripted-2");
    }
  }

  @Test
  void vv_showsHeadersAndTheTokenRequest_butNoSecretNoAuthorizationAndNoBody() {
    String clientId = "verbose-client";
    String secret = "verbose-secret-8c3e1a9f";
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder().client(clientId, secret).knownIds("k1").start()) {
      String url = zuora.baseUri().toString();
      CliRun run =
          CliRun.run(
              Map.of("ZUORA_CLIENT_ID", clientId, "ZUORA_CLIENT_SECRET", secret),
              args(url, List.of("-vv", "--track-id", "t-vv"), List.of("k1")));

      assertThat(run.status()).isZero();
      String issued = issuedToken(zuora);
      List<String> lines = logLines(run.err()).stream().map(LogLine::normalized).toList();
      assertThat(lines)
          .contains("token ---> POST " + url + "/oauth/token")
          .anyMatch(
              l -> l.matches("token <--- 200 in N, (no Zuora-Request-Id|Zuora-Request-Id: .+)"))
          .contains("batch 1/1 attempt 1/3 ---> Zuora-Track-Id: t-vv")
          .anyMatch(l -> l.startsWith("batch 1/1 attempt 1/3 ---> Idempotency-Key: "))
          .anyMatch(l -> l.matches("(?i)batch 1/1 attempt 1/3 <--- zuora-request-id: .+"))
          .contains("batch 1/1 attempt 1/3 ---> END HTTP (6-byte body)");
      assertThat(run.all())
          .doesNotContain(secret)
          .doesNotContain(issued)
          .doesNotContain("client_secret")
          .doesNotContain("[\"k1\"]")
          .doesNotContainIgnoringCase("authorization");
    }
  }

  @Test
  void v_showsNeitherHeadersNorTokenRequests() {
    String clientId = "verbose-client";
    String secret = "verbose-secret-8c3e1a9f";
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder().client(clientId, secret).knownIds("k1").start()) {
      CliRun run =
          CliRun.run(
              Map.of("ZUORA_CLIENT_ID", clientId, "ZUORA_CLIENT_SECRET", secret),
              args(zuora.baseUri().toString(), List.of("--verbose"), List.of("k1")));

      assertThat(run.status()).isZero();
      assertThat(logLines(run.err()))
          .extracting(LogLine::label)
          .containsExactly("batch 1/1 attempt 1/3", "batch 1/1 attempt 1/3");
      assertThat(run.all()).doesNotContain(secret).doesNotContain(issuedToken(zuora));
    }
  }

  @Test
  @Timeout(60)
  void logFile_getsTheLines_appended_ownerOnly_andStderrGetsNone() throws Exception {
    Path log = dir.resolve("resend.log");
    List<String> reported = new ArrayList<>();
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder().acceptToken(TOKEN).knownIds("k1", "k2").start()) {
      for (String id : List.of("k1", "k2")) {
        Process p =
            CliProcess.resend(zuora.baseUri().toString(), TOKEN, "--log-file", log.toString(), id)
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
        String out = CliProcess.stdout(p);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).isZero();
        assertThat(out).startsWith("Accepted 1 of 1");
        Matcher requestId = Pattern.compile("(?m)^Zuora-Request-Id: (\\S+)$").matcher(out);
        assertThat(requestId.find()).isTrue();
        reported.add(requestId.group(1));
        assertThat(err).contains("Resending 1 callout notification").doesNotContain("--->");
        assertThat(logLines(err)).isEmpty();
      }
      String text = Files.readString(log);
      assertThat(logLines(text))
          .extracting(LogLine::normalized)
          .containsExactly(
              "batch 1/1 attempt 1/3 ---> POST " + zuora.baseUri() + PATH + " (1 ID)",
              "batch 1/1 attempt 1/3 <--- 202 in N, Zuora-Request-Id: " + reported.get(0),
              "batch 1/1 attempt 1/3 ---> POST " + zuora.baseUri() + PATH + " (1 ID)",
              "batch 1/1 attempt 1/3 <--- 202 in N, Zuora-Request-Id: " + reported.get(1));
      assertThat(text).doesNotContain(TOKEN).doesNotContain("Accepted");
      if (log.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log)))
            .isEqualTo("rw-------");
      }
    }
  }

  @Test
  void logFile_thatExists_isAppendedTo_andKeepsItsPermissions() throws Exception {
    Path log = dir.resolve("shared.log");
    Files.writeString(log, "an earlier line\n");
    if (log.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r-----"));
    }
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder().acceptToken(TOKEN).knownIds("k1").start()) {
      CliRun run =
          CliRun.run(
              ENV,
              args(
                  zuora.baseUri().toString(),
                  List.of("-v", "--log-file", log.toString()),
                  List.of("k1")));

      assertThat(run.status()).isZero();
      assertThat(logLines(run.err())).isEmpty();
      assertThat(Files.readString(log)).startsWith("an earlier line\n");
      assertThat(logLines(Files.readString(log))).hasSize(2);
      if (log.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log)))
            .isEqualTo("rw-r-----");
      }
    }
  }

  @Test
  void logFile_thatCannotBeOpened_isAUsageError_andNothingIsSent() throws Exception {
    Path journal = dir.resolve("run.jsonl");
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder().acceptToken(TOKEN).knownIds("k1").start()) {
      String url = zuora.baseUri().toString();
      Map<List<String>, String> cases = new LinkedHashMap<>();
      cases.put(List.of("--log-file", dir.toString()), "it is a directory");
      cases.put(
          List.of("--log-file", dir.resolve("no-such-dir").resolve("x.log").toString()),
          "no such file or directory");
      cases.put(
          List.of("--journal", journal.toString(), "--log-file", journal.toString()),
          "it is the --journal file");
      cases.put(List.of("--log-file", "-"), "name a file");
      for (Map.Entry<List<String>, String> c : cases.entrySet()) {
        List<String> options = new ArrayList<>(c.getKey());
        options.addAll(List.of("--output", "json"));
        CliRun run = CliRun.run(ENV, args(url, options, List.of("k1")));

        assertThat(run.status()).as("%s", c.getKey()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Cannot use --log-file '").contains("': " + c.getValue());
        JsonNode doc = ResendCommandOutcomeTest.oneJsonDocument(run.out());
        assertThat(doc.get("error").asText()).contains("--log-file");
      }
      assertThat(zuora.requests()).isEmpty();
      assertThat(journal).doesNotExist();
    }
  }

  @Test
  void dryRun_checksTheLogFile_butCreatesNothing() {
    Path log = dir.resolve("dry.log");

    CliRun ok = CliRun.run(Map.of(), "resend", "--dry-run", "--log-file", log.toString(), "k1");
    CliRun refused =
        CliRun.run(Map.of(), "resend", "--dry-run", "--log-file", dir.toString(), "k1");

    assertThat(ok.status()).isZero();
    assertThat(log).doesNotExist();
    assertThat(refused.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err()).contains("Cannot use --log-file");
  }

  @Test
  void help_namesTheLevelsAndTheLogFile() {
    CliRun run = CliRun.run(Map.of(), "resend", "--help");

    assertThat(run.out()).contains("-v, --verbose").contains("-vv").contains("--log-file=PATH");
  }

  @Test
  void theCommandLineDoc_showsLinesOfTheFormLogged_pairedByLabel() throws IOException {
    String doc = Files.readString(Path.of("docs/command-line.md"));
    String section = doc.substring(doc.indexOf("## Logs"));
    int start = section.indexOf("```text\n") + "```text\n".length();
    String example = section.substring(start, section.indexOf("\n```", start));

    List<LogLine> lines = logLines(example);

    assertThat(lines).hasSize(example.split("\n").length);
    Map<String, Integer> open = new HashMap<>();
    for (LogLine line : lines) {
      if (line.isRequest()) {
        assertThat(line.text()).matches("---> POST https://\\S+" + PATH + " \\(\\d+ IDs?\\)");
        assertThat(open.merge(line.label(), 1, Integer::sum)).isEqualTo(1);
      } else if (line.isAnswer()) {
        assertThat(line.text()).matches("<--- \\d{3} in \\d+ ms, Zuora-Request-Id: [0-9a-f-]{36}");
        assertThat(open.merge(line.label(), -1, Integer::sum)).isZero();
      } else {
        assertThat(line.normalized())
            .isEqualTo(
                line.label()
                    + " retry: 503 (server error); attempt 2/3 in N, with the same"
                    + " Idempotency-Key");
      }
    }
    assertThat(open.values()).containsOnly(0);
  }

  /** The token the simulator issued, as the resend requests carried it. */
  private static String issuedToken(ZuoraSimulator zuora) {
    String bearer =
        zuora.requests().stream()
            .filter(RecordedRequest::isResend)
            .map(r -> r.header("Authorization").orElseThrow())
            .findFirst()
            .orElseThrow();
    assertThat(bearer).startsWith("Bearer ");
    return bearer.substring("Bearer ".length());
  }

  /**
   * A JDK HttpServer that answers the resend endpoint with the given statuses in turn (the last
   * repeats), each with {@code Zuora-Request-Id: scripted-N}; a 429 asks to wait a second.
   */
  static final class ScriptedServer implements AutoCloseable {
    final List<String> keys = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final AtomicInteger answered = new AtomicInteger();

    ScriptedServer(int... statuses) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          PATH,
          exchange -> {
            exchange.getRequestBody().readAllBytes();
            keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            int n = answered.incrementAndGet();
            int status = statuses[Math.min(n, statuses.length) - 1];
            byte[] body =
                (status == 202 ? "{}" : "{\"message\":\"try later\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Zuora-Request-Id", "scripted-" + n);
            if (status == 429) {
              exchange.getResponseHeaders().add("Retry-After", "1");
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
