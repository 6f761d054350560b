package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cause first: when one cause explains a run's end (a 401, a 403, no token, no connection), the
 * table report starts with it in one line with a hint, stderr's closing lines lead with it, and the
 * JSON document carries it; on a terminal the ID tables show their first rows and name the file
 * that holds them all. In-process against the simulator (a real local server), with a terminal that
 * says stdout is one; {@code CauseFirstProcessTest} runs the command on a pseudo-terminal.
 */
class CauseFirstTest {
  static final String TOKEN = "cause-first-token-7c1d";
  static final String WRONG_TOKEN = "cause-first-wrong-token-0e4b";
  static final String CLIENT_ID = "cause-first-client";
  static final String CLIENT_SECRET = "cause-first-secret-91aa";

  /** A terminal on stdout that never asks anything. */
  static final Terminal STDOUT_IS_A_TERMINAL =
      new Terminal() {
        @Override
        public boolean interactive() {
          return false;
        }

        @Override
        public String readLine() {
          return null;
        }

        @Override
        public boolean stdoutIsTerminal() {
          return true;
        }
      };

  private ZuoraSimulator zuora;

  @TempDir Path dir;

  @BeforeEach
  void start() {
    zuora =
        ZuoraSimulator.builder()
            .acceptToken(TOKEN)
            .client(CLIENT_ID, CLIENT_SECRET)
            .knownIds("k1", "k2")
            .start();
  }

  @AfterEach
  void stop() {
    zuora.close();
  }

  static CliRun run(Terminal terminal, Map<String, String> env, List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args.toArray(String[]::new),
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env,
            terminal);
    return new CliRun(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private CliRun resend(
      Terminal terminal, Map<String, String> env, List<String> ids, String... args) {
    List<String> all = new ArrayList<>(List.of("resend", "--base-url", url()));
    all.addAll(List.of(args));
    all.add("--");
    all.addAll(ids);
    return run(terminal, env, all);
  }

  private String url() {
    return zuora.baseUri().toString();
  }

  static List<String> ids(String prefix, int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> prefix + i).toList();
  }

  static Map<String, String> token(String token) {
    return Map.of("ZUORA_ACCESS_TOKEN", token);
  }

  private String unauthorizedHint() {
    return "Check the credentials (ZUORA_ACCESS_TOKEN) and that the tenant is on --base-url "
        + url()
        + " (a token from another environment is refused).";
  }

  /** The lines after the last blank one: what an operator sees last on stderr. */
  static List<String> closingLines(String err) {
    List<String> lines = err.lines().toList();
    int blank = lines.lastIndexOf("");
    return lines.subList(blank + 1, lines.size());
  }

  @Test
  void aWrongToken_withManyIds_onATerminal_leadsWithTheCause_inAHandfulOfLines() throws Exception {
    List<String> ids = ids("w", 5000);
    Path journal = dir.resolve("run.jsonl");

    CliRun run =
        resend(
            STDOUT_IS_A_TERMINAL,
            token(WRONG_TOKEN),
            ids,
            "--batch-size",
            "100",
            "--journal",
            journal.toString());

    assertThat(run.status()).isEqualTo(ExitCodes.ERROR);
    assertThat(zuora.totalResends()).isZero();
    List<String> out = run.out().lines().toList();
    assertThat(out.size()).as("lines on stdout").isLessThan(40);
    String cause = out.get(0);
    assertThat(cause)
        .startsWith("Cause: Zuora rejected the access token (401)")
        .endsWith(unauthorizedHint())
        .doesNotContain(WRONG_TOKEN);
    assertThat(out.get(1))
        .isEqualTo("Accepted 0 of 5000 callout notifications: 0 failed, 5000 unresolved.");
    assertThat(out.get(2)).isEqualTo("Server: " + url());

    Path list = dir.resolve("run.jsonl.unresolved.txt");
    assertThat(out)
        .contains("  w1   1      not resent: Zuora answered 401")
        .contains("  w20  1      not resent: Zuora answered 401")
        .doesNotContain("  w21  1      not resent: Zuora answered 401")
        .contains(
            "  ... and 4980 more: all 5000 are in "
                + list
                + " (one ID per line, as --ids-file reads them); --all-rows prints them here.");
    assertThat(Files.readAllLines(list)).isEqualTo(ids);
    assertOwnerOnly(list);

    // 50 batches, one 401: two lines, not fifty
    String message = cause.substring("Cause: ".length(), cause.indexOf(". Check the credentials"));
    int errors = out.indexOf("Errors:");
    assertThat(out.subList(errors + 1, errors + 3))
        .containsExactly(
            "  batch 1: " + message, "  batches 2-50: not sent: batch 1 failed: " + message);

    List<String> closing = closingLines(run.err());
    assertThat(closing.get(0)).isEqualTo(cause);
    assertThat(closing.get(closing.size() - 1))
        .as("the last line is still the command that resumes the run")
        .contains(" resend --base-url " + url())
        .contains("--journal " + journal);
    assertThat(run.all()).doesNotContain(WRONG_TOKEN);
  }

  @Test
  void offATerminal_theTableKeepsEveryRow_andNoFileIsWritten() {
    List<String> ids = ids("p", 50);

    CliRun run =
        resend(
            Terminal.none(),
            token(WRONG_TOKEN),
            ids,
            "--journal",
            dir.resolve("run.jsonl").toString());

    assertThat(run.out().lines().findFirst().orElseThrow())
        .startsWith("Cause: Zuora rejected the access token (401)")
        .endsWith(unauthorizedHint());
    for (String id : ids) {
      assertThat(run.out())
          .containsPattern("(?m)^  " + id + " +1 +not resent: Zuora answered 401$");
    }
    assertThat(run.out()).doesNotContain("more: all");
    assertThat(dir.resolve("run.jsonl.unresolved.txt")).doesNotExist();
  }

  @Test
  void json_carriesTheCause_andEveryId_evenOnATerminal() throws Exception {
    CliRun table = resend(Terminal.none(), token(WRONG_TOKEN), ids("j", 30));
    CliRun json =
        resend(STDOUT_IS_A_TERMINAL, token(WRONG_TOKEN), ids("j", 30), "--output", "json");

    JsonNode doc = ResendCommandOutcomeTest.oneJsonDocument(json.out());
    assertThat(doc.get("unresolved")).hasSize(30);
    assertThat(doc.get("unresolvedDetails")).hasSize(30);
    JsonNode cause = doc.get("cause");
    assertThat(ResendCommandServerTest.fieldNames(cause))
        .containsExactly("kind", "message", "hint");
    assertThat(cause.get("kind").asText()).isEqualTo("unauthorized");
    assertThat(cause.get("message").asText())
        .startsWith("Zuora rejected the access token (401)")
        .isEqualTo(doc.get("error").asText());
    assertThat(cause.get("hint").asText()).isEqualTo(unauthorizedHint());
    assertThat(closingLines(json.err()).get(0))
        .startsWith("Cause: Zuora rejected the access token (401)")
        .endsWith(unauthorizedHint());
    assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("Cause: ");
  }

  @Test
  void a403_isTheForbiddenCause() throws Exception {
    zuora.failNext(1, 403);

    CliRun run = resend(Terminal.none(), token(TOKEN), List.of("k1", "k2"), "--output", "json");

    assertThat(run.status()).isEqualTo(ExitCodes.ERROR);
    JsonNode cause = ResendCommandOutcomeTest.oneJsonDocument(run.out()).get("cause");
    assertThat(cause.get("kind").asText()).isEqualTo("forbidden");
    assertThat(cause.get("message").asText()).contains("(403");
    assertThat(cause.get("hint").asText())
        .isEqualTo(
            "The token is valid but may not resend callout notifications here: check the"
                + " permissions of the OAuth client's user, and --entity-id and --org-ids on a"
                + " multi-entity or multi-org tenant.");
    assertThat(closingLines(run.err()).get(0)).startsWith("Cause: ").contains("(403");
  }

  @Test
  void aRefusedOAuthClient_isTheNoTokenCause_namingTheVariables_neverTheSecret() {
    Map<String, String> env =
        Map.of("ZUORA_CLIENT_ID", CLIENT_ID, "ZUORA_CLIENT_SECRET", "not-the-secret-5d2e");

    CliRun run =
        resend(
            STDOUT_IS_A_TERMINAL,
            env,
            ids("t", 40),
            "--batch-size",
            "10",
            "--journal",
            dir.resolve("run.jsonl").toString());

    assertThat(run.status()).isEqualTo(ExitCodes.ERROR);
    assertThat(zuora.totalResends()).isZero();
    String first = run.out().lines().findFirst().orElseThrow();
    assertThat(first)
        .startsWith("Cause: Zuora refused the token request (")
        .endsWith(
            ". Check the credentials (ZUORA_CLIENT_ID ("
                + CLIENT_ID
                + ") and ZUORA_CLIENT_SECRET) and that the tenant is on --base-url "
                + url()
                + ".");
    assertThat(run.out()).contains("  ... and 20 more: all 40 are in ");
    assertThat(dir.resolve("run.jsonl.unresolved.txt")).hasContent(String.join("\n", ids("t", 40)));
    assertThat(run.all()).doesNotContain("not-the-secret-5d2e");
  }

  @Test
  void aDeadHost_isTheNoConnectionCause() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String dead = "http://127.0.0.1:" + port;

    CliRun run =
        run(
            STDOUT_IS_A_TERMINAL,
            token(TOKEN),
            List.of(
                "resend",
                "--base-url",
                dead,
                "--max-attempts",
                "1",
                "--output",
                "json",
                "--",
                "d1",
                "d2",
                "d3"));

    JsonNode cause = ResendCommandOutcomeTest.oneJsonDocument(run.out()).get("cause");
    assertThat(cause.get("kind").asText()).isEqualTo("no-connection");
    assertThat(cause.get("message").asText())
        .contains("could not connect to 127.0.0.1:" + port + " (connection refused)");
    assertThat(cause.get("hint").asText())
        .isEqualTo(
            "Check that the address and port of --base-url "
                + dead
                + " are right and that the server is up.");
  }

  @Test
  void errorsOfOtherKinds_haveNoSingleCause_andStderrNamesThemInstead() throws Exception {
    zuora.failNext(1, 503);

    CliRun run =
        resend(
            Terminal.none(),
            token(TOKEN),
            List.of("k1", "k2"),
            "--batch-size",
            "1",
            "--max-attempts",
            "1",
            "--output",
            "json");

    JsonNode doc = ResendCommandOutcomeTest.oneJsonDocument(run.out());
    assertThat(doc.get("cause").isNull()).isTrue();
    assertThat(doc.get("accepted").asInt()).isOne();
    List<String> closing = closingLines(run.err());
    assertThat(closing.get(0)).isEqualTo("Errors:");
    assertThat(closing.get(1)).startsWith("  batch 1: Zuora server error (503)");
  }

  @Test
  void theFailedTable_onATerminal_showsTwentyRows_andWritesEveryFailureBesideTheJournal()
      throws Exception {
    List<String> ids = new ArrayList<>(List.of("k1"));
    ids.addAll(ids("gone-", 30));
    Path journal = dir.resolve("run.jsonl");

    CliRun run = resend(STDOUT_IS_A_TERMINAL, token(TOKEN), ids, "--journal", journal.toString());

    assertThat(run.status()).isEqualTo(ExitCodes.SOME_FAILED);
    assertThat(run.out()).startsWith("Accepted 1 of 31 callout notifications: 30 failed");
    Path tsv = dir.resolve("run.jsonl.failed.tsv");
    assertThat(run.out())
        .contains("  gone-20  ObjectNotFound  Callout history does not exist.\n")
        .doesNotContain("  gone-21 ")
        .contains(
            "  ... and 10 more: all 30 are in "
                + tsv
                + " (tab-separated: ID, code, message); --all-rows prints them here.");
    List<String> rows = Files.readAllLines(tsv);
    assertThat(rows).hasSize(31);
    assertThat(rows.get(0)).isEqualTo("id\tcode\tmessage");
    assertThat(rows.subList(1, 31))
        .isEqualTo(
            ids("gone-", 30).stream()
                .map(id -> id + "\tObjectNotFound\tCallout history does not exist.")
                .toList());
    assertOwnerOnly(tsv);
  }

  @Test
  void allRows_printsEveryRow_onATerminalToo_andWritesNoFile() {
    List<String> ids = ids("gone-", 30);

    CliRun run =
        resend(
            STDOUT_IS_A_TERMINAL,
            token(TOKEN),
            ids,
            "--all-rows",
            "--journal",
            dir.resolve("run.jsonl").toString());

    for (String id : ids) {
      assertThat(run.out()).containsPattern("(?m)^  " + id + " +ObjectNotFound ");
    }
    assertThat(run.out()).doesNotContain("more: all");
    assertThat(dir.resolve("run.jsonl.failed.tsv")).doesNotExist();
  }

  @Test
  void withoutAJournal_theListGoesToANewOwnerOnlyFileInTheTempDir() throws Exception {
    List<String> ids = ids("n", 25);

    CliRun run = resend(STDOUT_IS_A_TERMINAL, token(WRONG_TOKEN), ids);

    Matcher m =
        Pattern.compile(
                "\\.\\.\\. and 5 more: all 25 are in (\\S+zuora-resend-unresolved-\\S+\\.txt) ")
            .matcher(run.out());
    assertThat(m.find()).as(run.out()).isTrue();
    Path list = Path.of(m.group(1));
    try {
      assertThat(list.getParent())
          .isEqualTo(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
      assertThat(Files.readAllLines(list)).isEqualTo(ids);
      assertOwnerOnly(list);
    } finally {
      Files.deleteIfExists(list);
    }
  }

  @Test
  void aListThatCannotBeWritten_isSaidSo_andEveryRowIsPrinted() throws Exception {
    List<String> ids = ids("u", 30);
    // a directory, not empty, where the list would go: it cannot be replaced
    Path blocked = Files.createDirectory(dir.resolve("run.jsonl.unresolved.txt"));
    Files.writeString(blocked.resolve("keep"), "x");

    CliRun run =
        resend(
            STDOUT_IS_A_TERMINAL,
            token(WRONG_TOKEN),
            ids,
            "--journal",
            dir.resolve("run.jsonl").toString());

    assertThat(run.out())
        .containsPattern(
            "(?m)^  \\(The 30 rows could not be written to a file: .+; all of them follow\\.\\)$");
    for (String id : ids) {
      assertThat(run.out())
          .containsPattern("(?m)^  " + id + " +1 +not resent: Zuora answered 401$");
    }
    assertThat(run.out()).doesNotContain("more: all");
    assertThat(blocked.resolve("keep")).hasContent("x");
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("no part file left behind")
          .noneMatch(name -> name.endsWith(".part"));
    }
  }

  static void assertOwnerOnly(Path file) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
  }
}
