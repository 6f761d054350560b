package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Credentials come from the environment, are used sparingly, and never show. */
class ResendCommandCredentialsTest {
  static final String TOKEN = "tok-7c1e5b0a-never-printed";
  static final String CLIENT_ID = "cli-client";
  static final String SECRET = "secret-9d2f4a-never-printed";

  private ZuoraSimulator zuora;

  @BeforeEach
  void start() {
    zuora =
        ZuoraSimulator.builder()
            .acceptToken(TOKEN)
            .client(CLIENT_ID, SECRET)
            .knownIds("k1", "k2", "k3")
            .start();
  }

  @AfterEach
  void stop() {
    zuora.close();
  }

  private CliRun resend(Map<String, String> env, String... ids) {
    String[] args = new String[ids.length + 4];
    args[0] = "resend";
    args[1] = "--base-url";
    args[2] = zuora.baseUri().toString();
    args[3] = "--verbose"; // the most talkative run still shows no secret
    System.arraycopy(ids, 0, args, 4, ids.length);
    return CliRun.run(env, args);
  }

  @Test
  void accessToken_fromTheEnvironment_isSentAndNeverPrinted() {
    CliRun run = resend(Map.of("ZUORA_ACCESS_TOKEN", TOKEN), "k1");

    assertThat(run.status()).isZero();
    assertThat(zuora.requests().get(0).header("Authorization")).hasValue("Bearer " + TOKEN);
    assertThat(run.err()).contains("credentials from ZUORA_ACCESS_TOKEN");
    assertThat(run.all()).doesNotContain(TOKEN);
  }

  @Test
  void revokedToken_exitsOne_leavesTheIdsUnresolved_andNeverPrintsTheToken() {
    zuora.revokeTokens();

    CliRun run = resend(Map.of("ZUORA_ACCESS_TOKEN", TOKEN), "k1", "k2");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).contains("2 unresolved").contains("401");
    assertThat(run.all()).doesNotContain(TOKEN);
  }

  @Test
  void clientCredentials_fetchOneTokenForTheWholeRun() {
    Map<String, String> env = Map.of("ZUORA_CLIENT_ID", CLIENT_ID, "ZUORA_CLIENT_SECRET", SECRET);
    List<String> ids = IntStream.range(0, 5).mapToObj(i -> "b-" + i).toList();
    zuora.addKnownIds(ids);

    CliRun run =
        CliRun.run(
            env,
            CliRun.words(
                "resend --base-url " + zuora.baseUri() + " --batch-size 2 b-0 b-1 b-2 b-3 b-4"));

    assertThat(run.status()).isZero();
    assertThat(zuora.requests().stream().filter(r -> r.isResend())).hasSize(3);
    assertThat(zuora.tokenRequestCount()).isEqualTo(1);
    assertThat(run.all()).doesNotContain(SECRET);
  }

  @Test
  void wrongClientSecret_exitsOne_andNeverPrintsTheSecret() {
    String wrong = "wrong-secret-31b8e0";

    CliRun run = resend(Map.of("ZUORA_CLIENT_ID", CLIENT_ID, "ZUORA_CLIENT_SECRET", wrong), "k1");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).contains("1 unresolved").contains("no access token");
    assertThat(run.all()).doesNotContain(wrong).doesNotContain(SECRET);
    assertThat(zuora.requests().stream().filter(r -> r.isResend())).isEmpty();
  }

  @Test
  void accessToken_winsOverClientCredentials() {
    CliRun run =
        resend(
            Map.of(
                "ZUORA_ACCESS_TOKEN", TOKEN,
                "ZUORA_CLIENT_ID", CLIENT_ID,
                "ZUORA_CLIENT_SECRET", SECRET),
            "k1");

    assertThat(run.status()).isZero();
    assertThat(zuora.tokenRequestCount()).isZero();
  }

  @Test
  void noCredentials_forARealServer_isAUsageError_andSendsNothing() {
    CliRun run = resend(Map.of(), "k1");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("ZUORA_ACCESS_TOKEN", "ZUORA_CLIENT_ID", "ZUORA_CLIENT_SECRET");
    assertThat(zuora.requests()).isEmpty();
  }

  @Test
  void noCredentials_forANamedEnvironment_isAUsageError() {
    CliRun run = CliRun.run(Map.of(), "resend", "--env", "us-api-sandbox-1", "k1");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("no credentials");
  }

  @Test
  void halfAClient_isAUsageError_namingTheMissingVariable() {
    CliRun run = resend(Map.of("ZUORA_CLIENT_ID", CLIENT_ID), "k1");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("ZUORA_CLIENT_SECRET is not set");
    assertThat(zuora.requests()).isEmpty();
  }

  @Test
  void malformedToken_isAUsageError_thatDoesNotShowIt() {
    String malformed = "abc def-7e21";

    CliRun run = resend(Map.of("ZUORA_ACCESS_TOKEN", malformed), "k1");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("ZUORA_ACCESS_TOKEN");
    assertThat(run.all()).doesNotContain(malformed);
    assertThat(zuora.requests()).isEmpty();
  }

  /** A file holding {@code content}, with POSIX mode {@code mode}. */
  static Path secretFile(Path dir, String content, String mode) throws java.io.IOException {
    Path file = java.nio.file.Files.writeString(dir.resolve("secret"), content);
    java.nio.file.Files.setPosixFilePermissions(
        file, java.nio.file.attribute.PosixFilePermissions.fromString(mode));
    return file;
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void secretsFromOwnerOnlyFiles_areUsed_withTheirTrailingLineBreakDropped(@TempDir Path dir)
      throws Exception {
    Path token = secretFile(dir, TOKEN + "\n", "rw-------");

    CliRun run = resend(Map.of("ZUORA_ACCESS_TOKEN_FILE", token.toString()), "k1");

    assertThat(run.status()).isZero();
    assertThat(zuora.requests().get(0).header("Authorization")).hasValue("Bearer " + TOKEN);
    assertThat(run.err()).contains("credentials from ZUORA_ACCESS_TOKEN_FILE");
    assertThat(run.all()).doesNotContain(TOKEN);

    Path secret = secretFile(dir, SECRET + "\r\n", "r--------");
    CliRun client =
        resend(
            Map.of("ZUORA_CLIENT_ID", CLIENT_ID, "ZUORA_CLIENT_SECRET_FILE", secret.toString()),
            "k2");
    assertThat(client.status()).isZero();
    assertThat(client.all()).doesNotContain(SECRET);
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void aSecretFileOthersCanRead_orAnEmptyOne_orBothSources_isAUsageError_thatShowsNoSecret(
      @TempDir Path dir) throws Exception {
    Path readable = secretFile(dir, TOKEN, "rw-r--r--");
    CliRun open = resend(Map.of("ZUORA_ACCESS_TOKEN_FILE", readable.toString()), "k1");
    assertThat(open.status()).isEqualTo(2);
    assertThat(open.err())
        .contains("ZUORA_ACCESS_TOKEN_FILE names " + readable)
        .contains("other users can read (rw-r--r--)")
        .contains("chmod 600");

    CliRun both =
        resend(
            Map.of("ZUORA_ACCESS_TOKEN", TOKEN, "ZUORA_ACCESS_TOKEN_FILE", readable.toString()),
            "k1");
    assertThat(both.status()).isEqualTo(2);
    assertThat(both.err()).contains("ZUORA_ACCESS_TOKEN and ZUORA_ACCESS_TOKEN_FILE are both set");

    Path empty = secretFile(dir, "\n", "rw-------");
    CliRun blank = resend(Map.of("ZUORA_ACCESS_TOKEN_FILE", empty.toString()), "k1");
    assertThat(blank.status()).isEqualTo(2);
    assertThat(blank.err()).contains("which is empty");

    CliRun missing = resend(Map.of("ZUORA_ACCESS_TOKEN_FILE", dir.resolve("nope").toString()));
    assertThat(missing.status()).isEqualTo(2);

    assertThat(List.of(open, both, blank, missing))
        .allSatisfy(r -> assertThat(r.all()).doesNotContain(TOKEN));
    assertThat(zuora.requests()).isEmpty();
  }

  @Test
  void aSecretFileVariable_countsAsCredentials_soTheSimulatorIsNotGuessed(@TempDir Path dir) {
    CliRun run =
        CliRun.run(Map.of("ZUORA_ACCESS_TOKEN_FILE", dir.resolve("t").toString()), "resend", "a1");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("ZUORA_ACCESS_TOKEN_FILE is set").contains("--simulator");
  }
}
