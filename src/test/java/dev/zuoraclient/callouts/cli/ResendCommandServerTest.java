package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run never looks like a resend through Zuora when it was not one: credentials without a named
 * server are refused.
 */
class ResendCommandServerTest {
  static final String TOKEN = "tok-5f0d2c81-never-printed";
  static final String SECRET = "secret-0b7e41aa-never-printed";

  static Stream<Map<String, String>> credentials() {
    return Stream.of(
        Map.of("ZUORA_ACCESS_TOKEN", TOKEN),
        Map.of("ZUORA_CLIENT_ID", "ops-client", "ZUORA_CLIENT_SECRET", SECRET),
        // half a client: the operator meant Zuora, and --env would refuse it too
        Map.of("ZUORA_CLIENT_ID", "ops-client"),
        Map.of("ZUORA_CLIENT_SECRET", SECRET, "PATH", "/usr/bin"));
  }

  @ParameterizedTest
  @MethodSource("credentials")
  void credentialsWithoutAServer_areAUsageError_namingEnvBaseUrlAndSimulator_andNothingRuns(
      Map<String, String> env) {
    CliRun run = CliRun.run(env, "resend", "a1", "unknown-1");

    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .startsWith("error: ZUORA_")
        .contains("set, but no server is named")
        .contains("--env NAME (for example us-production-2)", "--base-url URL", "--simulator");
    env.keySet().stream()
        .filter(name -> name.startsWith("ZUORA_"))
        .forEach(name -> assertThat(run.err()).contains(name));
    assertThat(run.err())
        .as("no simulator started, nothing sent")
        .doesNotContain("Resending")
        .doesNotContain("nothing is sent to Zuora");
    assertThat(run.out()).isEmpty();
    assertThat(run.all()).doesNotContain(TOKEN).doesNotContain(SECRET);
  }

  @Test
  void theRefusal_withJsonOutput_isOneDocument_withTheMessage() throws Exception {
    CliRun run =
        CliRun.run(Map.of("ZUORA_ACCESS_TOKEN", TOKEN), "resend", "--output", "json", "a1");

    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    JsonNode doc = ResendCommandOutcomeTest.oneJsonDocument(run.out());
    assertThat(doc.get("requested").asInt()).isZero();
    assertThat(doc.get("accepted").asInt()).isZero();
    assertThat(doc.get("error").asText())
        .startsWith("ZUORA_ACCESS_TOKEN is set, but no server is named")
        .contains("--env", "--base-url", "--simulator");
  }

  @Test
  void theCommandLineDoc_quotesTheRefusalAsItIsPrinted() throws Exception {
    CliRun run = CliRun.run(Map.of("ZUORA_ACCESS_TOKEN", TOKEN), "resend", "a1");

    assertThat(Files.readString(Path.of("docs/command-line.md")))
        .contains(run.err().lines().findFirst().orElseThrow());
  }

  @Test
  void noCredentials_andNoServer_runAgainstTheSimulator() {
    CliRun run = CliRun.run(Map.of(), "resend", "a1");

    assertThat(run.status()).isEqualTo(ExitCodes.ALL_ACCEPTED);
    assertThat(run.err()).startsWith("No --env or --base-url given: using the embedded");
  }

  @Test
  void blankCredentialVariables_countAsUnset() {
    CliRun run =
        CliRun.run(Map.of("ZUORA_ACCESS_TOKEN", "", "ZUORA_CLIENT_ID", "  "), "resend", "a1");

    assertThat(run.status()).isEqualTo(ExitCodes.ALL_ACCEPTED);
    assertThat(run.err()).startsWith("No --env or --base-url given: using the embedded");
  }

  @Test
  void help_saysCredentialsNeedAServerOrTheSimulatorFlag() {
    String help = CliRun.run(Map.of(), "resend", "--help").out().replaceAll("\\s+", " ");

    assertThat(help)
        .contains("when any of the variables below is set, name the server, or give --simulator");
  }

  /** As an operator runs it: a JVM of its own, with the environment of the machine. */
  @Test
  void asAProcess_aTokenWithoutAServer_isRefused_andWithoutOneTheSimulatorRuns() throws Exception {
    Ran refused = process(TOKEN, "--output", "json", "a1");
    Ran simulated = process(null, "--output", "json", "a1");

    assertThat(refused.status()).as(refused.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err())
        .contains("ZUORA_ACCESS_TOKEN is set, but no server is named")
        .doesNotContain("Resending")
        .doesNotContain(TOKEN);
    JsonNode refusal = ResendCommandOutcomeTest.oneJsonDocument(refused.out());
    assertThat(refusal.get("error").asText()).contains("--simulator");

    assertThat(simulated.status()).as(simulated.err()).isEqualTo(ExitCodes.ALL_ACCEPTED);
    assertThat(simulated.err()).contains("using the embedded Zuora simulator");
    assertThat(ResendCommandOutcomeTest.oneJsonDocument(simulated.out()).get("accepted").asInt())
        .isEqualTo(1);
  }

  record Ran(int status, String out, String err) {}

  /** The command as a process, with {@code token} as its only credential (none when null). */
  static Ran process(String token, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ResendCommand.class.getName());
    command.add("resend");
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(name -> name.startsWith("ZUORA_"));
    if (token != null) {
      pb.environment().put("ZUORA_ACCESS_TOKEN", token);
    }
    Process p = pb.start();
    p.getOutputStream().close();
    // stderr is short: read it after stdout without risking a full pipe
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the command finished").isTrue();
    return new Ran(p.exitValue(), out, err);
  }
}
