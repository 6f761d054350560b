package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zuoraclient.callouts.ZuoraEnvironment;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResendCommandHelpTest {

  @Test
  void help_listsEveryOption_theExitCodes_theCredentials_andTheSimulatorConvention() {
    CliRun run = CliRun.run(Map.of(), "resend", "--help");

    assertThat(run.status()).isZero();
    assertThat(run.out())
        .contains("Usage: zuora-callout-resend resend [OPTIONS] [ID...]")
        .contains(
            "--ids-file",
            "--env",
            "--base-url",
            "--simulator",
            "--track-id",
            "--idempotency-key",
            "--entity-id",
            "--org-ids",
            "--gzip",
            "--batch-size",
            "--concurrency",
            "--max-attempts",
            "--output",
            "--verbose",
            "--version")
        .contains("ZUORA_ACCESS_TOKEN", "ZUORA_CLIENT_ID", "ZUORA_CLIENT_SECRET")
        .contains("'unknown'", "ObjectNotFound")
        .containsPattern("(?m)^  0 +every ID was accepted")
        .containsPattern("(?m)^  4 +Zuora refused every ID");
    for (ZuoraEnvironment env : ZuoraEnvironment.values()) {
      assertThat(run.out()).contains(EnvironmentNames.of(env));
    }
  }

  @Test
  void environmentNames_areTheEnumNamesInLowerCaseWithDashes() {
    assertThat(EnvironmentNames.parse("eu-api-sandbox")).isEqualTo(ZuoraEnvironment.EU_API_SANDBOX);
    assertThat(EnvironmentNames.of(ZuoraEnvironment.US_PRODUCTION_2)).isEqualTo("us-production-2");
    assertThatThrownBy(() -> EnvironmentNames.parse("mars"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("us-central-sandbox");
  }

  @Test
  void topLevelHelp_namesTheResendCommand() {
    CliRun run = CliRun.run(Map.of(), "--help");

    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("resend");
  }

  @Test
  void version_printsTheToolsNameAndVersion() {
    CliRun top = CliRun.run(Map.of(), "--version");
    CliRun sub = CliRun.run(Map.of(), "resend", "--version");

    assertThat(top.status()).isZero();
    assertThat(top.out()).startsWith("zuora-callout-resend ");
    assertThat(sub.out()).isEqualTo(top.out());
  }
}
