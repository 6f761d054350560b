package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zuoraclient.callouts.BatchEventListener;
import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.ZuoraEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line's option building and server choice, as the plain classes they are. */
class RunOptionsAndServerChoiceTest {
  static RunOptions.Flags flags(String trackId, int batchSize, int concurrency, int maxAttempts) {
    return new RunOptions.Flags(
        trackId,
        "run-1",
        null,
        List.of("o1", "o2"),
        true,
        batchSize,
        concurrency,
        Path.of("run.journal"),
        maxAttempts,
        null);
  }

  @Test
  void runOptions_carryEveryFlag() {
    RunOptions o =
        RunOptions.of(flags("t1", 250, 4, 5), Duration.ofSeconds(30), new BatchEventListener() {});

    assertThat(o.request().trackId()).contains("t1");
    assertThat(o.request().idempotencyKey()).contains("run-1");
    assertThat(o.request().orgIds()).contains(List.of("o1", "o2"));
    assertThat(o.request().gzipRequest()).isTrue();
    assertThat(o.batches().batchSize()).isEqualTo(250);
    assertThat(o.batches().concurrency()).isEqualTo(4);
    assertThat(o.batches().journal()).contains(Path.of("run.journal"));
    assertThat(o.batches().stopGracePeriod()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.retry().maxAttempts()).isEqualTo(5);
  }

  @Test
  void aRefusedValue_namesItsFlag() {
    assertThatThrownBy(
            () -> RunOptions.of(flags("a:b", 10, 1, 3), Duration.ZERO, new BatchEventListener() {}))
        .isInstanceOfSatisfying(
            RunOptions.BadFlag.class, e -> assertThat(e.option()).isEqualTo("--track-id"))
        .hasMessageContaining("trackId must not contain ':'");
    assertThatThrownBy(
            () -> RunOptions.of(flags(null, 0, 1, 3), Duration.ZERO, new BatchEventListener() {}))
        .isInstanceOfSatisfying(
            RunOptions.BadFlag.class, e -> assertThat(e.option()).isEqualTo("--batch-size"));
    assertThatThrownBy(
            () -> RunOptions.of(flags(null, 10, 99, 3), Duration.ZERO, new BatchEventListener() {}))
        .isInstanceOfSatisfying(
            RunOptions.BadFlag.class, e -> assertThat(e.option()).isEqualTo("--concurrency"));
    assertThatThrownBy(
            () -> RunOptions.of(flags(null, 10, 1, 0), Duration.ZERO, new BatchEventListener() {}))
        .isInstanceOfSatisfying(
            RunOptions.BadFlag.class, e -> assertThat(e.option()).isEqualTo("--max-attempts"));
    assertThat(RunOptions.flagOf("orgIds[1] must not contain ','")).isEqualTo("--org-ids");
  }

  @Test
  void theSimulator_isChosenWhenNoServerIsNamed_andNeverWithOne() {
    assertThat(ServerChoice.simulator(false, null, null, List.of())).isTrue();
    assertThat(ServerChoice.simulator(true, null, null, List.of())).isTrue();
    assertThat(ServerChoice.simulator(false, "eu-production", null, List.of())).isFalse();
    assertThat(ServerChoice.simulator(false, null, "https://zuora.example", List.of())).isFalse();
    assertThatThrownBy(() -> ServerChoice.simulator(true, "eu-production", null, List.of()))
        .hasMessage("--simulator cannot be combined with --env or --base-url");
  }

  @Test
  void credentialsWithoutAServer_areRefused_unlessTheSimulatorIsAskedFor() {
    List<String> token = List.of("ZUORA_ACCESS_TOKEN");

    assertThatThrownBy(() -> ServerChoice.simulator(false, null, null, token))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("ZUORA_ACCESS_TOKEN is set, but no server is named: add --env NAME")
        .hasMessageContaining("--base-url URL")
        .hasMessageContaining("--simulator");
    assertThatThrownBy(
            () ->
                ServerChoice.simulator(
                    false, null, null, List.of("ZUORA_CLIENT_ID", "ZUORA_CLIENT_SECRET")))
        .hasMessageStartingWith("ZUORA_CLIENT_ID and ZUORA_CLIENT_SECRET are set, but");
    assertThat(ServerChoice.simulator(true, null, null, token)).isTrue();
    assertThat(ServerChoice.simulator(false, "eu-production", null, token)).isFalse();
  }

  @Test
  void credentialsPresent_isAnyCredentialVariableThatIsNotBlank() {
    assertThat(Credentials.present(Map.of())).isEmpty();
    assertThat(Credentials.present(Map.of("ZUORA_ACCESS_TOKEN", " ", "PATH", "/bin"))).isEmpty();
    assertThat(Credentials.present(Map.of("ZUORA_CLIENT_SECRET", "s")))
        .containsExactly("ZUORA_CLIENT_SECRET");
    assertThat(
            Credentials.present(
                Map.of(
                    "ZUORA_CLIENT_SECRET", "s", "ZUORA_CLIENT_ID", "c", "ZUORA_ACCESS_TOKEN", "t")))
        .containsExactly("ZUORA_ACCESS_TOKEN", "ZUORA_CLIENT_ID", "ZUORA_CLIENT_SECRET");
  }

  @Test
  void aServer_getsTheEnvironmentsCredentials_andBaseUrlOverridesEnv() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CalloutResendClient.Builder client = CalloutResendClient.builder();

    ResendRun.Server server =
        ServerChoice.configure(
            client,
            ZuoraEnvironment.EU_PRODUCTION,
            "https://zuora.example",
            Map.of("ZUORA_ACCESS_TOKEN", "a-token-of-ours"),
            HttpLogLevel.NONE,
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(server.target())
        .isEqualTo(new RunReport.Target("https://zuora.example", null, false));
    assertThat(server.credentials()).isEqualTo("ZUORA_ACCESS_TOKEN");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--base-url overrides --env");
    assertThat(client.build().baseUri()).isEqualTo(URI.create("https://zuora.example"));
  }

  @Test
  void anEnvironment_isTheTargetTheReportNames() {
    ResendRun.Server server = configureEu(Map.of("ZUORA_ACCESS_TOKEN", "a-token-of-ours"));

    assertThat(server.target())
        .isEqualTo(
            new RunReport.Target(
                ZuoraEnvironment.EU_PRODUCTION.baseUri().toString(),
                ZuoraEnvironment.EU_PRODUCTION,
                false));
    assertThat(server.target().describe())
        .isEqualTo(
            ZuoraEnvironment.EU_PRODUCTION.baseUri()
                + " ("
                + ZuoraEnvironment.EU_PRODUCTION.displayName()
                + ")");
  }

  /** EU production with these environment variables. */
  static ResendRun.Server configureEu(Map<String, String> variables) {
    return ServerChoice.configure(
        CalloutResendClient.builder(),
        ZuoraEnvironment.EU_PRODUCTION,
        null,
        variables,
        HttpLogLevel.NONE,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @Test
  void missingOrBrokenCredentials_areRefusedInWords() {
    assertThatThrownBy(() -> configureEu(Map.of("ZUORA_CLIENT_ID", "only-the-id")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ZUORA_CLIENT_SECRET");
    assertThatThrownBy(() -> configureEu(Map.of("ZUORA_ACCESS_TOKEN", "has space")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid value for environment variable ZUORA_ACCESS_TOKEN");
  }
}
