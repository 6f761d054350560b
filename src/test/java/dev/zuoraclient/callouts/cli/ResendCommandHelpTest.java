package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zuoraclient.callouts.ZuoraEnvironment;
import dev.zuoraclient.callouts.internal.ErrorRules;
import dev.zuoraclient.callouts.internal.SpecRules;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

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

  @Test
  void help_quotesTheSpecsLimits_theRetryRule_andTheSimulatorsPrefix_fromTheCode() {
    String help = CliRun.run(Map.of(), "resend", "--help").out().replaceAll("\\s+", " ");

    assertThat(help)
        .contains("up to " + SpecRules.MAX_IDS_TEXT + " per request")
        .contains("IDs per request, 1.." + SpecRules.MAX_IDS_TEXT + " (default ")
        .contains("up to " + SpecRules.ZUORA_TRACK_ID_MAX_LENGTH + " printable US-ASCII")
        .contains("network errors and " + ErrorRules.RETRIED_STATUSES + " are retried")
        .contains("starting with '" + ZuoraSimulator.UNKNOWN_ID_PREFIX + "' fail")
        .doesNotContain("${")
        .doesNotContain("bundle:");
  }

  @Test
  void helpText_describesEveryArgument_andHoldsNoKeyThatDescribesNothing() throws IOException {
    CommandSpec spec =
        new CommandLine(
                new ResendSubcommand(quietContext(), java.util.List.of(), Terminal.none(), null))
            .getCommandSpec();
    Set<String> argumentKeys = new HashSet<>();
    for (ArgSpec arg : spec.args()) {
      String text = String.join(" ", arg.description());
      assertThat(text).as("help for %s", arg.paramLabel()).isNotBlank();
      if (arg instanceof OptionSpec option) {
        argumentKeys.add(option.longestName().replaceFirst("^-+", ""));
      }
      if (arg.descriptionKey() != null && !arg.descriptionKey().isEmpty()) {
        argumentKeys.add(arg.descriptionKey());
      }
    }

    Properties text = new Properties();
    try (InputStream in = ResendHelp.class.getResourceAsStream(ResendHelp.TEXT);
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      text.load(reader);
    }
    Map<String, Set<Integer>> sectionLines = new HashMap<>();
    for (String key : text.stringPropertyNames()) {
      Matcher section = SECTION_KEY.matcher(key);
      assertThat(section.matches() || argumentKeys.contains(key))
          .as("key %s of %s describes an argument or a help section", key, ResendHelp.TEXT)
          .isTrue();
      if (section.matches() && section.group(2) != null) {
        sectionLines
            .computeIfAbsent(section.group(1), s -> new HashSet<>())
            .add(Integer.parseInt(section.group(2)));
      }
    }
    // picocli reads numbered lines up to the first gap: a gap would drop the rest unseen
    sectionLines.forEach(
        (section, lines) ->
            assertThat(lines)
                .as("line numbers of %s in %s", section, ResendHelp.TEXT)
                .containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, lines.size()).boxed().toList()));
  }

  /** The help sections picocli reads from a bundle, as {@code usage.SECTION[.LINE]}. */
  private static final Pattern SECTION_KEY =
      Pattern.compile(
          "usage\\.(header|description|exitCodeListHeading|exitCodeList|footerHeading|footer)"
              + "(?:\\.(\\d+))?");

  private static CliContext quietContext() {
    PrintStream sink = new PrintStream(PrintStream.nullOutputStream());
    return new CliContext(new ByteArrayInputStream(new byte[0]), sink, sink, Map.of());
  }
}
