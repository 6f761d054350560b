package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Named profiles in the user's configuration directory: where they are found, what they may hold,
 * and that flags and credential variables win over them. Each test has its own {@code
 * XDG_CONFIG_HOME}; the server is the simulator, named by the profile's {@code base-url}.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ProfilesTest {
  static final String TOKEN = "profile-token-3e9a-never-printed";
  static final String CLIENT_ID = "profile-client";
  static final String SECRET = "profile-secret-61bd-never-printed";

  @TempDir Path home;
  private ZuoraSimulator zuora;
  private ZuoraSimulator other;

  @BeforeEach
  void start() {
    zuora =
        ZuoraSimulator.builder()
            .acceptToken(TOKEN)
            .client(CLIENT_ID, SECRET)
            .knownIds("k1", "k2")
            .start();
    other = ZuoraSimulator.builder().acceptToken(TOKEN).knownIds("k1").start();
  }

  @AfterEach
  void stop() {
    zuora.close();
    other.close();
  }

  /** The environment of a user whose home and configuration directory are in {@link #home}. */
  private Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve("xdg").toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private Path config(String text) throws IOException {
    Path file = home.resolve("xdg/zuora-callout-resend/config");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    return file;
  }

  private Path secret(String name, String content) throws IOException {
    Path file = home.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  @Test
  void theConfigFile_isUnderXdgConfigHome_elseUnderHomeDotConfig() {
    assertThat(Profiles.file(Map.of("XDG_CONFIG_HOME", "/x/cfg", "HOME", "/home/u")))
        .isEqualTo(Path.of("/x/cfg/zuora-callout-resend/config"));
    assertThat(Profiles.file(Map.of("XDG_CONFIG_HOME", "relative", "HOME", "/home/u")))
        .as("a relative XDG_CONFIG_HOME is ignored, as the XDG rule says")
        .isEqualTo(Path.of("/home/u/.config/zuora-callout-resend/config"));
    assertThat(Profiles.file(Map.of("HOME", "/home/u")))
        .isEqualTo(Path.of("/home/u/.config/zuora-callout-resend/config"));
  }

  @Test
  void aProfile_givesTheServerAndTheClient_withItsSecretFromAFileRelativeToTheConfig()
      throws Exception {
    secret("xdg/zuora-callout-resend/ops.secret", SECRET + "\n");
    config(
        "# the tenants\n[ops]\nbase-url = "
            + zuora.baseUri()
            + "\nclient-id = "
            + CLIENT_ID
            + "\nclient-secret-file = ops.secret\n\n[other]\nenv = us-api-sandbox-2\n");

    CliRun run = CliRun.run(env(), "resend", "--profile", "ops", "k1", "k2");

    assertThat(run.status()).isZero();
    assertThat(zuora.tokenRequestCount()).isOne();
    assertThat(run.err())
        .contains("Using profile 'ops' (from --profile, in " + home.resolve("xdg"))
        .contains(
            "credentials from client-id of profile 'ops' ("
                + CLIENT_ID
                + ") and client-secret-file of profile 'ops'");
    assertThat(run.out()).contains("Server: " + zuora.baseUri());
    assertThat(run.all()).doesNotContain(SECRET);
  }

  @Test
  void zuoraProfile_selectsAProfile_andATokenFileUnderHomeIsFound() throws Exception {
    secret("tokens/ops", TOKEN + "\n");
    config("[ops]\nbase-url = " + zuora.baseUri() + "\naccess-token-file = ~/tokens/ops\n");

    CliRun run = CliRun.run(env("ZUORA_PROFILE", "ops"), "resend", "k1");

    assertThat(run.status()).isZero();
    assertThat(zuora.requests().get(0).header("Authorization")).hasValue("Bearer " + TOKEN);
    assertThat(run.err()).contains("Using profile 'ops' (from ZUORA_PROFILE");
  }

  @Test
  void flagsOverrideTheProfilesServer_andCredentialVariablesItsCredentials_withANote()
      throws Exception {
    secret("ops.secret", SECRET);
    config(
        "[ops]\nbase-url = "
            + zuora.baseUri()
            + "\nclient-id = "
            + CLIENT_ID
            + "\nclient-secret-file = ~/ops.secret\n");

    CliRun run =
        CliRun.run(
            env("ZUORA_ACCESS_TOKEN", TOKEN),
            "resend",
            "--profile",
            "ops",
            "--base-url",
            other.baseUri().toString(),
            "k1");

    assertThat(run.status()).isZero();
    assertThat(other.requests()).hasSize(1);
    assertThat(zuora.requests()).isEmpty();
    assertThat(run.err())
        .contains("Note: --base-url overrides the server of profile 'ops'.")
        .contains("Note: ZUORA_ACCESS_TOKEN is set: the credentials of profile 'ops' are not used.")
        .contains("credentials from ZUORA_ACCESS_TOKEN");
  }

  @Test
  void aProfileWithAClientIdAndNoSecretFile_hasItsSecretAskedFor_onATerminal() throws Exception {
    config("[ops]\nbase-url = " + zuora.baseUri() + "\nclient-id = " + CLIENT_ID + "\n");
    SecretInputTest.TypingTerminal terminal = new SecretInputTest.TypingTerminal(true, SECRET);

    CliRun run =
        SecretInputTest.run(
            env(), SecretInputTest.stdin(""), terminal, "resend", "--profile", "ops", "k1");
    CliRun offTerminal = CliRun.run(env(), "resend", "--profile", "ops", "k1");

    assertThat(run.status()).isZero();
    assertThat(terminal.prompts)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("Client secret of client " + CLIENT_ID + " (client-id of profile 'ops') for ");
    assertThat(offTerminal.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(offTerminal.err())
        .contains("profile 'ops' has client-id but no client-secret-file: add one, or give");
    assertThat(run.all() + offTerminal.all()).doesNotContain(SECRET);
  }

  @Test
  void aProfileNeverHoldsASecret_theValueIsNeverShown() throws Exception {
    Path file =
        config("[ops]\nenv = us-production-2\nclient-id = x\nclient-secret = " + SECRET + "\n");

    CliRun run = CliRun.run(env(), "resend", "--profile", "ops", "k1");

    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains(file + ", line 4: client-secret would keep a secret in the configuration file")
        .contains("client-secret-file = PATH");
    assertThat(run.all()).doesNotContain(SECRET);
  }

  @Test
  void mistakesInTheFile_areRefused_namingTheLine_andSuggestingTheClosestName() throws Exception {
    Path file = config("[ops]\nenv = us-production-2\nclient_secret_file = s\n");
    assertThat(CliRun.run(env(), "resend", "--profile", "ops", "k1").err())
        .contains(file + ", line 3: unknown key 'client_secret_file'")
        .contains("did you mean client-secret-file?");

    config("[ops]\nenv = us-prodution-2\n");
    assertThat(CliRun.run(env(), "resend", "--profile", "ops", "k1").err())
        .contains("profile 'ops' in " + file + ", line 2: environment must be one of")
        .contains("did you mean us-production-2?");

    config("[ops]\nclient-id = x\n");
    assertThat(CliRun.run(env(), "resend", "--profile", "ops", "k1").err())
        .contains("profile 'ops' in " + file + " names no server");

    config("[ops]\nenv = us-production-2\nbase-url = https://example.com\n");
    assertThat(CliRun.run(env(), "resend", "--profile", "ops", "k1").err())
        .contains("holds both env and base-url");

    config("[ops]\nbase-url = http://example.com\n");
    CliRun plainHttp = CliRun.run(env(), "resend", "--profile", "ops", "k1");
    assertThat(plainHttp.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(plainHttp.err()).contains("profile 'ops' in " + file + ", line 2: ");

    config("[ops]\nenv = us-production-2\n[prod]\nenv = us-production-2\n");
    CliRun missing = CliRun.run(env(), "resend", "--profile", "prdo", "k1");
    assertThat(missing.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err())
        .contains("--profile names profile 'prdo', which " + file + " does not hold")
        .contains("(it holds ops, prod); did you mean prod?");
  }

  @Test
  void aMissingFile_saysWhereProfilesLive() {
    CliRun run = CliRun.run(env(), "resend", "--profile", "ops", "k1");

    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains(
            "--profile names profile 'ops', but "
                + home.resolve("xdg/zuora-callout-resend/config")
                + " does not exist");
  }

  @Test
  void aConfigFileOthersCanWrite_isRefused() throws Exception {
    Path file = config("[ops]\nbase-url = " + zuora.baseUri() + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));

    CliRun run = CliRun.run(env("ZUORA_ACCESS_TOKEN", TOKEN), "resend", "--profile", "ops", "k1");

    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains("can be changed by other users (rw-rw-r--)")
        .contains("chmod go-w");
    assertThat(zuora.requests()).isEmpty();
  }

  @Test
  void theSimulatorFlag_overridesAProfileFromTheEnvironment_butNotOneNamedBeside()
      throws Exception {
    config("[ops]\nbase-url = " + zuora.baseUri() + "\n");

    CliRun fromEnv = CliRun.run(env("ZUORA_PROFILE", "ops"), "resend", "--simulator", "a1");
    CliRun beside = CliRun.run(env(), "resend", "--simulator", "--profile", "ops", "a1");

    assertThat(fromEnv.status()).isZero();
    assertThat(fromEnv.out()).contains("embedded simulator");
    assertThat(beside.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(beside.err()).contains("--simulator cannot be combined with --profile");
    assertThat(zuora.requests()).isEmpty();
  }

  @Test
  void aDryRun_namesTheProfilesCredentials() throws Exception {
    secret("t", TOKEN);
    config("[ops]\nbase-url = " + zuora.baseUri() + "\naccess-token-file = ~/t\n");

    CliRun run =
        CliRun.run(env(), "resend", "--profile", "ops", "--dry-run", "--output", "json", "k1");

    assertThat(run.status()).isZero();
    assertThat(run.out())
        .contains("\"credentials\" : \"access-token-file of profile 'ops'\"")
        .contains("\"url\" : \"" + zuora.baseUri() + "\"");
    assertThat(List.of(zuora.requests().size(), zuora.tokenRequestCount())).containsOnly(0);
  }
}
