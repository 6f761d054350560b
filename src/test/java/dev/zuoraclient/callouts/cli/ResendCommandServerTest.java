package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zuoraclient.callouts.BatchOptions;
import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.ZuoraEnvironment;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
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
 * server are refused, and every report names the server it ran against.
 */
class ResendCommandServerTest {
  static final String TOKEN = "tok-5f0d2c81-never-printed";
  static final String SECRET = "secret-0b7e41aa-never-printed";
  static final String SIMULATOR_URL = "http://127\\.0\\.0\\.1:\\d+";
  static final List<String> JSON_FIELDS =
      List.of(
          "requested",
          "accepted",
          "failed",
          "unresolved",
          "requestIds",
          "trackId",
          "error",
          "unresolvedDetails",
          "server",
          "journal",
          "cause");

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
  void theRefusal_withJsonOutput_isOneDocument_withTheMessage_andNoServer() throws Exception {
    CliRun run =
        CliRun.run(Map.of("ZUORA_ACCESS_TOKEN", TOKEN), "resend", "--output", "json", "a1");

    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    JsonNode doc = ResendCommandOutcomeTest.oneJsonDocument(run.out());
    assertThat(doc.get("requested").asInt()).isZero();
    assertThat(doc.get("accepted").asInt()).isZero();
    assertThat(doc.get("error").asText())
        .startsWith("ZUORA_ACCESS_TOKEN is set, but no server is named")
        .contains("--env", "--base-url", "--simulator");
    assertThat(doc.get("server").isNull()).isTrue();
    assertThat(fieldNames(doc)).isEqualTo(JSON_FIELDS);
  }

  @Test
  void theCommandLineDoc_quotesTheRefusalAsItIsPrinted() throws Exception {
    CliRun run = CliRun.run(Map.of("ZUORA_ACCESS_TOKEN", TOKEN), "resend", "a1");

    assertThat(Files.readString(Path.of("docs/command-line.md")))
        .contains(run.err().lines().findFirst().orElseThrow());
  }

  @Test
  void noCredentials_andNoServer_runAgainstTheSimulator_andTheTableNamesIt() {
    CliRun run = CliRun.run(Map.of(), "resend", "a1");

    assertThat(run.status()).isEqualTo(ExitCodes.ALL_ACCEPTED);
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo("Accepted 1 of 1 callout notification: 0 failed, 0 unresolved.");
    assertThat(lines.get(1))
        .matches(
            "Server: embedded simulator at " + SIMULATOR_URL + " \\(nothing was sent to Zuora\\)");
  }

  @Test
  void blankCredentialVariables_countAsUnset() {
    CliRun run =
        CliRun.run(Map.of("ZUORA_ACCESS_TOKEN", "", "ZUORA_CLIENT_ID", "  "), "resend", "a1");

    assertThat(run.status()).isEqualTo(ExitCodes.ALL_ACCEPTED);
    assertThat(run.out()).contains("Server: embedded simulator at");
  }

  @Test
  void aSimulatorRun_inJson_namesTheSimulator_lastOfTheFields() throws Exception {
    CliRun run = CliRun.run(Map.of(), "resend", "--output", "json", "a1", "unknown-1");

    assertThat(run.status()).isEqualTo(ExitCodes.SOME_FAILED);
    JsonNode doc = ResendCommandOutcomeTest.oneJsonDocument(run.out());
    assertThat(fieldNames(doc)).isEqualTo(JSON_FIELDS);
    JsonNode server = doc.get("server");
    assertThat(server.get("url").asText()).matches(SIMULATOR_URL);
    assertThat(server.get("environment").isNull()).isTrue();
    assertThat(server.get("simulator").asBoolean()).isTrue();
    assertThat(fieldNames(server)).containsExactly("url", "environment", "simulator");
  }

  @Test
  void aBaseUrlRun_namesThatUrl_andNotTheSimulator_inTheJsonAndTheTable() throws Exception {
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder().acceptToken(TOKEN).knownIds("k1", "k2").start()) {
      String url = zuora.baseUri().toString();
      Map<String, String> env = Map.of("ZUORA_ACCESS_TOKEN", TOKEN);

      CliRun json = CliRun.run(env, "resend", "--base-url", url, "--output", "json", "k1");
      CliRun table = CliRun.run(env, "resend", "--base-url", url, "k2");

      assertThat(json.status()).isEqualTo(ExitCodes.ALL_ACCEPTED);
      JsonNode server = ResendCommandOutcomeTest.oneJsonDocument(json.out()).get("server");
      assertThat(server.get("url").asText()).isEqualTo(url);
      assertThat(server.get("environment").isNull()).isTrue();
      assertThat(server.get("simulator").asBoolean()).isFalse();
      assertThat(table.status()).isEqualTo(ExitCodes.ALL_ACCEPTED);
      assertThat(table.out().lines().toList().get(1)).isEqualTo("Server: " + url);
      assertThat(table.out()).doesNotContain("simulator");
      assertThat(zuora.requests().stream().filter(r -> r.isResend())).hasSize(2);
      assertThat(json.all() + table.all()).doesNotContain(TOKEN);
    }
  }

  @Test
  void aBaseUrlThatOverridesEnv_isWhatTheReportNames_notTheEnvironment() throws Exception {
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder().acceptToken(TOKEN).knownIds("k1").start()) {
      String url = zuora.baseUri().toString();

      CliRun run =
          CliRun.run(
              Map.of("ZUORA_ACCESS_TOKEN", TOKEN),
              CliRun.words("resend --env us-production-2 --base-url " + url + " --output json k1"));

      assertThat(run.status()).isEqualTo(ExitCodes.ALL_ACCEPTED);
      JsonNode server = ResendCommandOutcomeTest.oneJsonDocument(run.out()).get("server");
      assertThat(server.get("url").asText()).isEqualTo(url);
      assertThat(server.get("environment").isNull()).isTrue();
    }
  }

  /** A run with --env reaches Zuora itself, so its report is checked from the report up. */
  @Test
  void anEnvironmentsReport_namesItsAddressAndEnvironment_inTheJsonAndTheTable() throws Exception {
    ZuoraEnvironment env = ZuoraEnvironment.US_PRODUCTION_2;
    RunReport.Target target =
        ServerChoice.configure(
                CalloutResendClient.builder(),
                env,
                null,
                Map.of("ZUORA_ACCESS_TOKEN", TOKEN),
                HttpLogLevel.NONE,
                new PrintStream(PrintStream.nullOutputStream()))
            .target();
    RunReport report =
        new RunReport(
            1, 1, List.of(), List.of(), List.of(), null, null, List.of(), null, null, null, target,
            false, false, null);

    JsonNode server = ResendCommandOutcomeTest.oneJsonDocument(printed(OutputFormat.JSON, report));
    assertThat(server.get("server").get("url").asText()).isEqualTo("https://rest.zuora.com");
    assertThat(server.get("server").get("environment").asText()).isEqualTo("us-production-2");
    assertThat(server.get("server").get("simulator").asBoolean()).isFalse();
    assertThat(printed(OutputFormat.TABLE, report).lines().toList().get(1))
        .isEqualTo("Server: https://rest.zuora.com (US Production (Cloud 2))");
  }

  @Test
  void aSimulatorThatCouldNotStart_isStillNamedInTheReport() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ResendRun run =
        new ResendRun(
            new CliContext(
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of()),
            message -> {
              throw new AssertionError("not a usage error: " + message);
            },
            new ResendRun.Labels(null, null, null),
            null,
            runner -> {
              throw new IllegalStateException("cannot listen (injected)");
            },
            new RunStatus(RunStatus.Mode.QUIET, System.err, null));

    RunReport report =
        run.send(
            List.of("a1"),
            BatchOptions.builder().build(),
            CalloutResendClient.builder(),
            ResendRun.Server.simulator(false, List.of()));

    assertThat(report.server()).isEqualTo(new RunReport.Target(null, null, true));
    assertThat(printed(OutputFormat.TABLE, report))
        .contains("Server: embedded simulator (nothing was sent to Zuora)");
    JsonNode server =
        ResendCommandOutcomeTest.oneJsonDocument(printed(OutputFormat.JSON, report)).get("server");
    assertThat(server.get("url").isNull()).isTrue();
    assertThat(server.get("simulator").asBoolean()).isTrue();
  }

  @Test
  void help_saysCredentialsNeedAServerOrTheSimulatorFlag() {
    String help = CliRun.run(Map.of(), "resend", "--help").out().replaceAll("\\s+", " ");

    assertThat(help)
        .contains("when any of the variables below is set, name the server, or give --simulator")
        .contains("Every report names the server it ran against")
        .contains("server {url, environment, simulator}");
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
    assertThat(refusal.get("server").isNull()).isTrue();

    assertThat(simulated.status()).as(simulated.err()).isEqualTo(ExitCodes.ALL_ACCEPTED);
    JsonNode server = ResendCommandOutcomeTest.oneJsonDocument(simulated.out()).get("server");
    assertThat(server.get("simulator").asBoolean()).isTrue();
    assertThat(server.get("url").asText()).matches(SIMULATOR_URL);
  }

  record Ran(int status, String out, String err) {}

  /** The command as a process, with {@code token} as its only credential (none when null). */
  static Ran process(String token, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
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

  static String printed(OutputFormat format, RunReport report) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    format.print(report, new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
