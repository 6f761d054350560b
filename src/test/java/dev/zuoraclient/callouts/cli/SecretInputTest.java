package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets that are not in the environment: read from stdin ({@code --secret-stdin}), asked for on a
 * terminal (a fake one here; {@link HiddenPromptTerminalTest} uses a real pseudo-terminal), and
 * refused when a pasted line break or space comes with them, wherever they come from.
 */
class SecretInputTest {
  static final String TOKEN = "tok-5d1e-never-printed";
  static final String CLIENT_ID = "input-client";
  static final String SECRET = "secret-8a3f-never-printed";

  /** A terminal whose person types {@code hidden} at the secret's question. */
  static final class TypingTerminal implements Terminal {
    final boolean interactive;
    final Deque<String> hidden;
    final List<String> prompts = new ArrayList<>();
    int hiddenReads;

    TypingTerminal(boolean interactive, String... hidden) {
      this.interactive = interactive;
      this.hidden = new ArrayDeque<>(Arrays.asList(hidden));
    }

    @Override
    public boolean interactive() {
      return interactive;
    }

    @Override
    public String readLine() {
      return null;
    }

    @Override
    public String readHidden(String prompt) {
      hiddenReads++;
      prompts.add(prompt);
      return hidden.pollFirst();
    }
  }

  private ZuoraSimulator zuora;

  @BeforeEach
  void start() {
    zuora =
        ZuoraSimulator.builder()
            .acceptToken(TOKEN)
            .client(CLIENT_ID, SECRET)
            .knownIds("k1", "k2")
            .start();
  }

  @AfterEach
  void stop() {
    zuora.close();
  }

  private String[] resend(String... more) {
    List<String> args =
        new ArrayList<>(List.of("resend", "--base-url", zuora.baseUri().toString()));
    args.addAll(List.of(more));
    return args.toArray(new String[0]);
  }

  static CliRun run(Map<String, String> env, InputStream stdin, Terminal terminal, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args,
            stdin,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env,
            terminal);
    return new CliRun(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static InputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  // --- a pasted line break or space is refused, not trimmed

  @Test
  void aTokenVariableEndingWithALineBreak_isRefused_namingTheVariable_notTheToken() {
    CliRun run = CliRun.run(Map.of("ZUORA_ACCESS_TOKEN", TOKEN + "\n"), resend("k1"));

    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains("error: ZUORA_ACCESS_TOKEN ends with a line break (LF)")
        .contains("never trimmed");
    assertThat(run.all()).doesNotContain(TOKEN);
    assertThat(zuora.requests()).isEmpty();
  }

  @Test
  void theCommandLineDoc_quotesTheRefusalAsItIsPrinted() throws Exception {
    CliRun run = CliRun.run(Map.of("ZUORA_ACCESS_TOKEN", TOKEN + "\n"), resend("k1"));

    assertThat(java.nio.file.Files.readString(Path.of("docs/command-line.md")))
        .contains(run.err().lines().findFirst().orElseThrow());
  }

  @Test
  void aClientSecretOrIdWithWhitespaceAtAnEnd_isRefused_beforeAnyTokenRequest() {
    CliRun secret =
        CliRun.run(
            Map.of("ZUORA_CLIENT_ID", CLIENT_ID, "ZUORA_CLIENT_SECRET", SECRET + "\r\n"),
            resend("k1"));
    CliRun id =
        CliRun.run(
            Map.of("ZUORA_CLIENT_ID", " " + CLIENT_ID, "ZUORA_CLIENT_SECRET", SECRET),
            resend("k1"));
    CliRun inside =
        CliRun.run(
            Map.of("ZUORA_CLIENT_ID", CLIENT_ID, "ZUORA_CLIENT_SECRET", SECRET + "\nmore"),
            resend("k1"));

    assertThat(secret.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(secret.err()).contains("ZUORA_CLIENT_SECRET ends with a line break (LF)");
    assertThat(id.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(id.err()).contains("ZUORA_CLIENT_ID starts with a space");
    assertThat(inside.err()).contains("ZUORA_CLIENT_SECRET holds a line break (LF) inside");
    assertThat(List.of(secret, id, inside))
        .allSatisfy(r -> assertThat(r.all()).doesNotContain(SECRET));
    assertThat(zuora.tokenRequestCount()).isZero();
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void aSecretFile_mayEndWithOneLineBreak_butNotTwo_norASpace(@TempDir Path dir) throws Exception {
    Path two = ResendCommandCredentialsTest.secretFile(dir, TOKEN + "\n\n", "rw-------");
    CliRun twice = CliRun.run(Map.of("ZUORA_ACCESS_TOKEN_FILE", two.toString()), resend("k1"));
    assertThat(twice.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(twice.err())
        .contains(
            "ZUORA_ACCESS_TOKEN_FILE names "
                + two
                + ", which holds a secret that ends with a line break (LF)")
        .contains("one line break at the end is dropped");

    Path spaced = ResendCommandCredentialsTest.secretFile(dir, TOKEN + " \n", "rw-------");
    CliRun space = CliRun.run(Map.of("ZUORA_ACCESS_TOKEN_FILE", spaced.toString()), resend("k1"));
    assertThat(space.err()).contains("which holds a secret that ends with a space");

    assertThat(List.of(twice, space)).allSatisfy(r -> assertThat(r.all()).doesNotContain(TOKEN));
    assertThat(zuora.requests()).isEmpty();
  }

  // --- --secret-stdin

  @Test
  void secretStdin_givesTheAccessToken_whenNoClientIdIsSet() {
    CliRun run =
        CliRun.run(Map.of(), stdin(TOKEN + "\n"), resend("--secret-stdin", "--verbose", "k1"));

    assertThat(run.status()).isZero();
    assertThat(zuora.requests().get(0).header("Authorization")).hasValue("Bearer " + TOKEN);
    assertThat(run.err()).contains("credentials from the secret on stdin (--secret-stdin)");
    assertThat(run.all()).doesNotContain(TOKEN);
  }

  @Test
  void secretStdin_givesTheClientSecret_ofTheClientIdThatIsSet() {
    CliRun run =
        CliRun.run(
            Map.of("ZUORA_CLIENT_ID", CLIENT_ID),
            stdin(SECRET + "\r\n"),
            resend("--secret-stdin", "k1", "k2"));

    assertThat(run.status()).isZero();
    assertThat(zuora.tokenRequestCount()).isOne();
    assertThat(run.err())
        .contains("credentials from ZUORA_CLIENT_ID (" + CLIENT_ID + ") and the secret on stdin");
    assertThat(run.all()).doesNotContain(SECRET);
  }

  @Test
  void secretStdin_isRefused_withIdsOnStdin_whenTheSecretIsSetAlready_orWhenStdinHoldsNoneOrTwo() {
    CliRun ids =
        CliRun.run(Map.of(), stdin(TOKEN + "\nk1\n"), resend("--secret-stdin", "--ids-file", "-"));
    CliRun both =
        CliRun.run(
            Map.of("ZUORA_ACCESS_TOKEN", TOKEN),
            stdin(TOKEN + "\n"),
            resend("--secret-stdin", "k1"));
    CliRun empty = CliRun.run(Map.of(), stdin(""), resend("--secret-stdin", "k1"));
    CliRun twoLines =
        CliRun.run(Map.of(), stdin(TOKEN + "\nother\n"), resend("--secret-stdin", "k1"));

    assertThat(ids.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(ids.err())
        .contains("--secret-stdin cannot be combined with --ids-file -: stdin holds either");
    assertThat(both.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(both.err())
        .contains("--secret-stdin is given, but ZUORA_ACCESS_TOKEN gives the access token already");
    assertThat(empty.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(empty.err()).contains("--secret-stdin: stdin is empty");
    assertThat(twoLines.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(twoLines.err()).contains("stdin holds a secret that holds a line break (LF) inside");
    assertThat(List.of(ids, both, empty, twoLines))
        .allSatisfy(r -> assertThat(r.all()).doesNotContain(TOKEN));
    assertThat(zuora.requests()).isEmpty();
  }

  @Test
  void secretStdin_withoutAServer_isRefusedLikeAnyCredential_ratherThanSimulated() {
    CliRun run = CliRun.run(Map.of(), stdin(TOKEN), "resend", "--secret-stdin", "a1");

    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--secret-stdin is set, but no server is named");
  }

  // --- the question on a terminal

  @Test
  void onATerminal_theMissingClientSecret_isAskedFor_andUsed_andNeverShown() {
    TypingTerminal terminal = new TypingTerminal(true, SECRET);

    CliRun run = run(Map.of("ZUORA_CLIENT_ID", CLIENT_ID), stdin(""), terminal, resend("k1", "k2"));

    assertThat(run.status()).isZero();
    assertThat(terminal.hiddenReads).isOne();
    assertThat(zuora.tokenRequestCount()).isOne();
    assertThat(terminal.prompts)
        .containsExactly(
            "Client secret of client "
                + CLIENT_ID
                + " (ZUORA_CLIENT_ID) for "
                + zuora.baseUri()
                + " (typing is not shown): ");
    assertThat(run.err()).contains("and the secret typed at the prompt");
    assertThat(run.all()).doesNotContain(SECRET);
  }

  @Test
  void onATerminal_withNoCredentialsAtAll_theAccessTokenIsAskedFor() {
    TypingTerminal terminal = new TypingTerminal(true, TOKEN);

    CliRun run = run(Map.of(), stdin(""), terminal, resend("k1"));

    assertThat(run.status()).isZero();
    assertThat(terminal.prompts)
        .containsExactly("Access token for " + zuora.baseUri() + " (typing is not shown): ");
    assertThat(zuora.requests().get(0).header("Authorization")).hasValue("Bearer " + TOKEN);
    assertThat(run.all()).doesNotContain(TOKEN);
  }

  @Test
  void noQuestion_offATerminal_withIdsOnStdin_orWhenTheSecretIsThere() {
    TypingTerminal none = new TypingTerminal(false, SECRET);
    CliRun offTerminal = run(Map.of("ZUORA_CLIENT_ID", CLIENT_ID), stdin(""), none, resend("k1"));
    assertThat(offTerminal.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(offTerminal.err())
        .contains(
            "ZUORA_CLIENT_SECRET is not set (nor ZUORA_CLIENT_SECRET_FILE), but ZUORA_CLIENT_ID is")
        .contains("--secret-stdin");
    assertThat(none.hiddenReads).isZero();

    TypingTerminal tty = new TypingTerminal(true, SECRET);
    CliRun idsOnStdin =
        run(Map.of("ZUORA_CLIENT_ID", CLIENT_ID), stdin("k1\n"), tty, resend("--ids-file", "-"));
    assertThat(idsOnStdin.status()).isEqualTo(ExitCodes.USAGE);
    CliRun given =
        run(
            Map.of("ZUORA_CLIENT_ID", CLIENT_ID, "ZUORA_CLIENT_SECRET", SECRET),
            stdin(""),
            tty,
            resend("k1"));
    assertThat(given.status()).isZero();
    assertThat(tty.hiddenReads).isZero();
  }

  @Test
  void aQuestionLeftUnanswered_orAnsweredWithASpaceAtTheEnd_sendsNothing() {
    CliRun unanswered =
        run(
            Map.of("ZUORA_CLIENT_ID", CLIENT_ID),
            stdin(""),
            new TypingTerminal(true),
            resend("k1"));
    CliRun spaced =
        run(
            Map.of("ZUORA_CLIENT_ID", CLIENT_ID),
            stdin(""),
            new TypingTerminal(true, SECRET + " "),
            resend("k1"));

    assertThat(unanswered.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(unanswered.err()).contains("No secret was typed at the prompt: nothing was sent");
    assertThat(spaced.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(spaced.err()).contains("The secret typed at the prompt ends with a space");
    assertThat(spaced.all()).doesNotContain(SECRET);
    assertThat(zuora.requests()).isEmpty();
    assertThat(zuora.tokenRequestCount()).isZero();
  }

  @Test
  void aDryRun_onATerminal_saysTheSecretWouldBeAskedFor_withoutAskingIt() {
    TypingTerminal terminal = new TypingTerminal(true, SECRET);

    CliRun run =
        run(Map.of("ZUORA_CLIENT_ID", CLIENT_ID), stdin(""), terminal, resend("--dry-run", "k1"));

    assertThat(run.status()).isZero();
    assertThat(terminal.hiddenReads).isZero();
    assertThat(run.out())
        .contains(
            "Credentials: from ZUORA_CLIENT_ID ("
                + CLIENT_ID
                + ") and a client secret asked for at the prompt");
    assertThat(zuora.requests()).isEmpty();
    assertThat(zuora.tokenRequestCount()).isZero();
  }
}
