package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the IDs come from: arguments, a file, stdin, or all of them. */
class ResendCommandInputTest {
  static final String TOKEN = "cli-input-token-2b6d";
  static final Map<String, String> ENV = Map.of("ZUORA_ACCESS_TOKEN", TOKEN);
  static final String LIST =
      "# failed callouts, exported 2026-11-27\n"
          + "f1\n"
          + "\n"
          + "   f2   \n"
          + "  # an indented comment\n"
          + "\t\n"
          + "f3\r\n";

  @TempDir Path dir;

  private ZuoraSimulator zuora;

  @BeforeEach
  void start() {
    zuora = ZuoraSimulator.builder().acceptToken(TOKEN).knownIds("a1", "f1", "f2", "f3").start();
  }

  @AfterEach
  void stop() {
    zuora.close();
  }

  @Test
  void anIdsFileThatCannotBeRead_isAUsageError_thatSaysWhy() {
    Path missing = dir.resolve("no-such-dir").resolve("ids.txt");

    CliRun run = CliRun.run(Map.of(), "resend", "--ids-file", missing.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .contains("Cannot read --ids-file '" + missing + "': no such file or directory");
  }

  @Test
  void idsFile_isReadLineByLine_skippingBlankAndCommentLines() throws Exception {
    Path file = dir.resolve("ids.txt");
    Files.writeString(file, LIST);

    CliRun run =
        CliRun.run(
            ENV, "resend", "--base-url", zuora.baseUri().toString(), "--ids-file", file.toString());

    assertThat(run.status()).isZero();
    assertThat(zuora.requests().get(0).ids()).containsExactly("f1", "f2", "f3");
  }

  @Test
  void idsFileDash_readsStdin() {
    CliRun run =
        CliRun.run(
            ENV,
            new ByteArrayInputStream(LIST.getBytes(StandardCharsets.UTF_8)),
            CliRun.words("resend --base-url " + zuora.baseUri() + " --ids-file -"));

    assertThat(run.status()).isZero();
    assertThat(zuora.requests().get(0).ids()).containsExactly("f1", "f2", "f3");
  }

  @Test
  void idsFile_addsToTheArguments_andRepeatsAcrossThemCountOnce() throws Exception {
    Path file = dir.resolve("ids.txt");
    Files.writeString(file, "f1\na1\nf2\n");

    CliRun run =
        CliRun.run(
            ENV,
            CliRun.words("resend --base-url " + zuora.baseUri() + " a1 f1 --ids-file " + file));

    assertThat(run.status()).isZero();
    assertThat(run.out()).startsWith("Accepted 3 of 3 ");
    assertThat(zuora.requests().get(0).ids()).containsExactly("a1", "f1", "f2");
  }

  @Test
  void idsFileOfOnlyComments_isAUsageError() throws Exception {
    Path file = dir.resolve("empty.txt");
    Files.writeString(file, "# nothing to resend\n\n");

    CliRun run =
        CliRun.run(
            ENV, "resend", "--base-url", zuora.baseUri().toString(), "--ids-file", file.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(zuora.requests()).isEmpty();
  }

  // ---- what an ID may hold at its edges (the library's rule, IdRules)

  @Test
  void whitespaceAtTheEndsOfAnId_isStripped_soALookAlikeCountsAsTheSameId() throws Exception {
    Path file = dir.resolve("export.csv");
    // A Data Query export and a hand-made list: no-break, figure, narrow and ideographic spaces.
    Files.writeString(file, "f1\u00a0\n\u2007f2\u202f\r\nf1\nf3 \u3000\n\u00a0\n");

    CliRun run =
        CliRun.run(
            ENV,
            "resend",
            "--base-url",
            zuora.baseUri().toString(),
            "f2\u00a0",
            "--ids-file",
            file.toString());

    assertThat(run.status()).isZero();
    assertThat(run.out()).startsWith("Accepted 3 of 3 ");
    assertThat(zuora.requests()).hasSize(1);
    assertThat(zuora.requests().get(0).ids()).containsExactly("f2", "f1", "f3");
  }

  @Test
  void aByteOrderMarkMidFile_isAUsageError_namingTheLineAndTheCodePoint() throws Exception {
    Path file = dir.resolve("joined.txt");
    // Two exports joined with cat, each starting with a byte order mark.
    Files.writeString(file, "\uFEFFf1\nf2\n\uFEFFf3\n");

    CliRun run =
        CliRun.run(
            ENV, "resend", "--base-url", zuora.baseUri().toString(), "--ids-file", file.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "The ID on line 3 of --ids-file '"
                + file
                + "' must not contain invisible format characters (got U+FEFF ZERO WIDTH NO-BREAK"
                + " SPACE at index 0 of '\\ufefff3'); a byte order mark is skipped only at the"
                + " start of the file");
    assertThat(zuora.requests()).isEmpty();
  }

  @Test
  void aZeroWidthSpace_isAUsageError_evenAtTheEndOfALine() throws Exception {
    Path file = dir.resolve("ids.txt");
    Files.writeString(file, "f1\nf2\u200b\nf3\n");

    CliRun run =
        CliRun.run(
            ENV,
            "resend",
            "--base-url",
            zuora.baseUri().toString(),
            "--output",
            "json",
            "--ids-file",
            file.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.out())
        .contains(
            "The ID on line 2 of --ids-file '"
                + file
                + "' must not contain invisible format characters (got U+200B ZERO WIDTH SPACE at"
                + " index 2 of 'f2\\\\u200b')");
    assertThat(zuora.requests()).isEmpty();
  }

  @Test
  void anInvisibleCharacterInStdin_namesTheLine() {
    CliRun run =
        CliRun.run(
            ENV,
            new ByteArrayInputStream("f1\nf\u200d2\n".getBytes(StandardCharsets.UTF_8)),
            CliRun.words("resend --base-url " + zuora.baseUri() + " --ids-file -"));

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "The ID on line 2 of stdin (--ids-file -) must not contain invisible format characters"
                + " (got U+200D ZERO WIDTH JOINER at index 1");
    assertThat(zuora.requests()).isEmpty();
  }

  @Test
  void anIdArgument_withAnInvisibleCharacter_orBlankOnceStripped_isAUsageError() {
    CliRun invisible =
        CliRun.run(ENV, "resend", "--base-url", zuora.baseUri().toString(), "f1", "\u2060f2");
    CliRun blank =
        CliRun.run(ENV, "resend", "--base-url", zuora.baseUri().toString(), "f1", "\u00a0 ");

    assertThat(invisible.status()).isEqualTo(2);
    assertThat(invisible.err())
        .contains(
            "ID argument 2 must not contain invisible format characters (got U+2060 WORD JOINER"
                + " at index 0");
    assertThat(blank.status()).isEqualTo(2);
    assertThat(blank.err()).contains("ID argument 2 must not be blank");
    assertThat(zuora.requests()).isEmpty();
  }
}
