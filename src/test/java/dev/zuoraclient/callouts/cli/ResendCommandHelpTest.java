package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zuoraclient.callouts.ZuoraEnvironment;
import dev.zuoraclient.callouts.internal.SpecRules;
import dev.zuoraclient.callouts.internal.StatusRules;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
        .contains("carries up to " + SpecRules.MAX_IDS_TEXT + " IDs")
        .contains("IDs per request, 1.." + SpecRules.MAX_IDS_TEXT + " (default ")
        .contains("up to " + SpecRules.ZUORA_TRACK_ID_MAX_LENGTH + " printable US-ASCII")
        .contains("network errors and " + StatusRules.RETRIED_STATUSES + " are retried")
        .contains("starting with '" + ZuoraSimulator.UNKNOWN_ID_PREFIX + "' fail")
        .doesNotContain("${")
        .doesNotContain("bundle:");
  }

  @Test
  void helpText_describesEveryArgument_andHoldsNoKeyThatDescribesNothing() throws IOException {
    CommandSpec spec =
        new CommandLine(
                new ResendCommand(quietContext(), java.util.List.of(), Terminal.none(), null))
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
      if (section.matches() && section.group(3) != null) {
        sectionLines
            .computeIfAbsent(
                section.group(1) != null ? section.group(1) : section.group(2),
                s -> new HashSet<>())
            .add(Integer.parseInt(section.group(3)));
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
          "(?:usage\\.(header|descriptionHeading|description|exitCodeListHeading|exitCodeList"
              + "|footerHeading|footer)|(examples)|examplesHeading|group\\.\\w+)(?:\\.(\\d+))?");

  @Test
  void environmentNames_suggestTheClosestName_forATypo_andNoneWhenTwoAreAsClose() {
    assertThatThrownBy(() -> EnvironmentNames.parse("us-prodution-2"))
        .hasMessageEndingWith("(got 'us-prodution-2'); did you mean us-production-2?");
    assertThatThrownBy(() -> EnvironmentNames.parse("US_PRODUCTION_2"))
        .hasMessageEndingWith("did you mean us-production-2?");
    assertThatThrownBy(() -> EnvironmentNames.parse("eu-sandbox"))
        .hasMessageEndingWith("(got 'eu-sandbox')");
    assertThatThrownBy(() -> EnvironmentNames.parse("us-production"))
        .as("us-production-1 and us-production-2 are as close")
        .hasMessageEndingWith("(got 'us-production')");

    CliRun run =
        CliRun.run(
            Map.of("ZUORA_ACCESS_TOKEN", "t0123456789"),
            "resend",
            "--env",
            "us-api-sanbox-1",
            "a1");
    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("did you mean us-api-sandbox-1?");
  }

  @Test
  void help_asACommand_printsWhatHelpOptionsPrint() {
    CliRun top = CliRun.run(Map.of(), "help");
    CliRun resend = CliRun.run(Map.of(), "help", "resend");

    assertThat(top.status()).isZero();
    assertThat(top.out()).isEqualTo(CliRun.run(Map.of(), "--help").out()).contains("help");
    assertThat(resend.status()).isZero();
    assertThat(resend.out()).isEqualTo(CliRun.run(Map.of(), "resend", "--help").out());
    assertThat(CliRun.run(Map.of(), "help", "nope").status()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void help_saysItsFirstSentenceOnce() {
    String help = CliRun.run(Map.of(), "resend", "--help").out();

    assertThat(help).startsWith("Resends Zuora callout notifications by callout history ID.");
    assertThat(help.split("Resends Zuora callout notifications", -1)).hasSize(2);
  }

  @Test
  void help_showsAnExampleFirst_thenTheOptionsInTheirGroups() {
    String help = CliRun.run(Map.of(), "resend", "--help").out();

    List<String> order =
        List.of(
            "Usage: ",
            "Examples:",
            "java -jar zuora-callout-resend-cli.jar resend",
            "What to send:",
            "[ID...]",
            "--ids-file",
            "Where to send it, and with which credentials:",
            "--env",
            "--profile",
            "--secret-stdin",
            "How to send it:",
            "--track-id",
            "--yes",
            "Output:",
            "-o, --output",
            "-h, --help",
            "Exit codes:");
    int at = -1;
    for (String text : order) {
      int next = help.indexOf(text, at + 1);
      assertThat(next).as("%s after the previous one", text).isGreaterThan(at);
      at = next;
    }
    assertThat(help).doesNotContain("Other options:");
  }

  /**
   * Fails when an option is added to {@code resend} and to no group of {@link ResendHelp#GROUPS}
   * (it would show under "Other options"), when a group names an option that does not exist, or
   * when one is in two groups.
   */
  @Test
  void everyOption_isInExactlyOneHelpGroup() {
    CommandLine cli =
        new CommandLine(
            new ResendCommand(quietContext(), java.util.List.of(), Terminal.none(), null));
    CommandSpec spec = cli.getCommandSpec();

    assertThat(ResendHelp.ungrouped(spec)).as("options in no group").isEmpty();
    List<String> members = ResendHelp.GROUPS.stream().flatMap(g -> g.members().stream()).toList();
    assertThat(members).as("options in two groups").doesNotHaveDuplicates();
    for (String member : members) {
      boolean exists =
          member.startsWith("-")
              ? spec.findOption(member) != null
              : spec.positionalParameters().stream().anyMatch(p -> p.paramLabel().equals(member));
      assertThat(exists).as("group member %s is an option of resend", member).isTrue();
    }
    ResendHelp.GROUPS.forEach(
        g ->
            assertThat(new ResendHelp().getString("group." + g.name()))
                .as("heading of group %s", g.name())
                .isNotBlank());
  }

  @Test
  void anOptionOfNoGroup_stillShows_underOtherOptions() {
    CommandLine cli =
        new CommandLine(
            new ResendCommand(quietContext(), java.util.List.of(), Terminal.none(), null));
    cli.getCommandSpec()
        .addOption(OptionSpec.builder("--lost").description("An option nobody grouped.").build());
    ResendHelp.install(cli);

    assertThat(ResendHelp.ungrouped(cli.getCommandSpec())).containsExactly("--lost");
    assertThat(cli.getUsageMessage())
        .containsPattern("(?s)Other options:\\R +--lost +An option nobody grouped\\.");
  }

  @Test
  void shortOutputOption_givesJson_alsoForAUsageError() throws Exception {
    CliRun ok = CliRun.run(Map.of(), "resend", "-o", "json", "a1");
    CliRun joined = CliRun.run(Map.of(), "resend", "-ojson", "a1");
    CliRun usage = CliRun.run(Map.of(), "resend", "-o", "json", "--batch-size", "0", "a1");

    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    assertThat(json.readTree(ok.out()).get("accepted").asInt()).isOne();
    assertThat(json.readTree(joined.out()).get("accepted").asInt()).isOne();
    assertThat(usage.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(json.readTree(usage.out()).get("error").asText()).contains("--batch-size");
  }

  private static CliContext quietContext() {
    PrintStream sink = new PrintStream(PrintStream.nullOutputStream());
    return new CliContext(new ByteArrayInputStream(new byte[0]), sink, sink, Map.of());
  }

  @Test
  void help_namesEveryFieldOfTheJsonReport() throws Exception {
    CliRun report = CliRun.run(Map.of(), "resend", "--simulator", "-o", "json", "a1", "unknown-1");
    List<String> fields = new ArrayList<>();
    new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(report.out())
        .fieldNames()
        .forEachRemaining(fields::add);
    String help = CliRun.run(Map.of(), "resend", "--help").out().replaceAll("\\s+", " ");
    String list =
        help.substring(
            help.indexOf("stdout holds exactly one JSON document:"),
            help.indexOf("A usage error prints one too"));

    assertThat(fields).contains("unresolvedDetails", "cause");
    assertThat(fields).allSatisfy(field -> assertThat(list).containsPattern("\\b" + field + "\\b"));
  }
}
