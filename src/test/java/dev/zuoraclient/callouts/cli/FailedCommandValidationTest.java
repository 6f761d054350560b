package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code failed} refuses a bad window or filter before it starts anything (no simulator, no query
 * job), with a message that says what to write instead, and exit 2.
 */
class FailedCommandValidationTest {
  private static final Map<String, String> NO_ENV = Map.of();

  private static CliRun failed(String line) {
    return CliRun.run(NO_ENV, CliRun.words("failed " + line));
  }

  @Test
  void withoutFrom_saysItIsRequired() {
    CliRun run = CliRun.run(NO_ENV, "failed");
    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--from is required").contains("2026-12-01T02:00:00Z");
    assertThat(run.err()).doesNotContain("simulator");
  }

  @Test
  void aTimeWithoutAnOffset_isRefused_withTheFix() {
    CliRun run = failed("--from 2026-12-01T02:00:00");
    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("has no zone offset").contains("2026-12-01T02:00:00Z");
  }

  @Test
  void anUnknownEnvironment_isRefused_inTheWordsResendUses() {
    CliRun failed = failed("--env us-prod --from 2026-12-01T02:00:00Z");
    CliRun resend = CliRun.run(NO_ENV, CliRun.words("resend --env us-prod a1"));

    assertThat(failed.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(failed.err())
        .contains("Invalid value for option '--env': environment must be one of")
        .contains("(got 'us-prod')");
    assertThat(resend.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(firstLine(failed.err())).isEqualTo(firstLine(resend.err()));
  }

  private static String firstLine(String text) {
    return text.lines().findFirst().orElse("");
  }

  @Test
  void notATime_isRefused() {
    CliRun run = failed("--from yesterday");
    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("not an ISO-8601 time: 'yesterday'");
  }

  @Test
  void anInvertedWindow_isRefused() {
    CliRun run = failed("--from 2026-12-02T00:00:00Z --to 2026-12-01T00:00:00Z");
    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains("the window is empty: --from (2026-12-02T00:00:00Z) must be before --to");
  }

  @Test
  void anEmptyWindow_isRefused() {
    CliRun run = failed("--from 2026-12-01T00:00:00Z --to 2026-12-01T01:00:00+01:00");
    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("the window is empty");
  }

  @Test
  void aWindowLongerThanZuoraCanAnswer_isRefused() {
    CliRun run = failed("--from 2026-10-01T00:00:00Z --to 2026-12-01T00:00:00Z");
    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("is longer than 31 days; split it");
  }

  @Test
  void aSuccessCode_isNoFailure() {
    CliRun run =
        failed("--from 2026-12-01T00:00:00Z --to 2026-12-01T01:00:00Z --response-code 200");
    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--response-code: 200 is a success");
  }

  @Test
  void aBlankFilterValue_isRefused_byItsOptionName() {
    CliRun run =
        CliRun.run(
            NO_ENV,
            "failed",
            "--from",
            "2026-12-01T00:00:00Z",
            "--to",
            "2026-12-01T01:00:00Z",
            "--event-category",
            " ");
    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--event-category[0] must not be blank");
  }

  @Test
  void anUnknownOutput_namesTheChoices() {
    CliRun run = failed("--from 2026-12-01T00:00:00Z --to 2026-12-01T01:00:00Z -o csv");
    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("must be 'table', 'json' or 'ids'");
  }

  @Test
  void credentialsWithoutAServer_areRefused_asForResend() {
    CliRun run =
        CliRun.run(
            Map.of("ZUORA_ACCESS_TOKEN", "abc"),
            CliRun.words("failed --from 2026-12-01T00:00:00Z --to 2026-12-01T01:00:00Z"));
    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("but no server is named").doesNotContain("abc");
  }
}
