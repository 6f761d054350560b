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
}
