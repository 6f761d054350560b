package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.internal.Durations;
import dev.zuoraclient.callouts.internal.SpecRules;
import dev.zuoraclient.callouts.internal.StatusRules;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.IParamLabelRenderer;
import picocli.CommandLine.Help.Layout;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.Messages;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The {@code resend} subcommand's help text, as picocli's resource bundle: the words live in {@code
 * resend-help.properties}; this class adds the values they quote from the code ({@code
 * ${bundle:spec.max-ids}} and the like), so that a change of the spec or of the retry rule changes
 * the help without anyone editing it.
 *
 * <p>It also lays the help out ({@link #install}): examples first, after the synopsis, then the
 * options in the {@link #GROUPS}, each under its heading ({@code group.NAME} in the text). The
 * groups are the one place that says where an option shows: an option added to the command and to
 * no group still shows, under "Other options", and a test fails until it has its group.
 */
public final class ResendHelp extends ListResourceBundle {
  static final String TEXT = "resend-help.properties";

  /**
   * A group of options in the help, shown in this order under the heading {@code group.NAME}.
   *
   * @param name the group's key in the text
   * @param members long option names, or the label of a positional parameter ({@code ID})
   */
  record Group(String name, List<String> members) {
    Group(String name, String... members) {
      this(name, List.of(members));
    }
  }

  /** Every option's group, in the order the help shows them. */
  static final List<Group> GROUPS =
      List.of(
          new Group(
              "what",
              "ID",
              "--ids-file",
              "--failed",
              "--from",
              "--to",
              "--event-category",
              "--notification-id",
              "--object-id",
              "--account-id",
              "--response-code",
              "--include-superseded"),
          new Group(
              "where", "--env", "--base-url", "--simulator", "--profile", Credentials.SECRET_STDIN),
          new Group(
              "how",
              "--track-id",
              "--idempotency-key",
              "--entity-id",
              "--org-ids",
              "--gzip",
              "--batch-size",
              "--concurrency",
              "--max-attempts",
              "--timeout",
              "--attempt-timeout",
              "--journal",
              "--dry-run",
              "--yes"),
          new Group(
              "output",
              "--output",
              "--all-rows",
              "--quiet",
              "--verbose",
              "--log-file",
              "--help",
              "--version"));

  /** Where options of no group show, so that nothing is left out of the help. */
  static final String OTHER = "other";

  static final String EXAMPLES = "examples";

  /** The values the help text quotes, by key. */
  static final Map<String, String> QUOTED =
      Map.of(
          "spec.max-ids", SpecRules.MAX_IDS_TEXT,
          "spec.track-id-max-length", String.valueOf(SpecRules.ZUORA_TRACK_ID_MAX_LENGTH),
          "errors.retried-statuses", StatusRules.RETRIED_STATUSES,
          "simulator.unknown-prefix", ZuoraSimulator.UNKNOWN_ID_PREFIX,
          "confirm.threshold", String.valueOf(Confirmation.THRESHOLD),
          "stop.grace", Durations.seconds(StopSignals.GRACE),
          "client.attempt-timeout",
              Durations.seconds(CalloutResendClient.Builder.DEFAULT_ATTEMPT_TIMEOUT));

  /** For {@link java.util.ResourceBundle#getBundle}, which picocli calls. */
  public ResendHelp() {}

  @Override
  protected Object[][] getContents() {
    InputStream in = ResendHelp.class.getResourceAsStream(TEXT);
    if (in == null) {
      throw new MissingResourceException(
          "the help text " + TEXT + " is not on the class path", ResendHelp.class.getName(), "");
    }
    Properties text = new Properties();
    try (in;
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      text.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + TEXT, e);
    }
    List<Object[]> contents = new ArrayList<>();
    text.forEach((key, value) -> contents.add(new Object[] {key, value}));
    QUOTED.forEach((key, value) -> contents.add(new Object[] {key, value}));
    return contents.toArray(new Object[0][]);
  }

  /**
   * Lays out the help of {@code resend}: header and synopsis, the examples, the description, the
   * option groups, the exit codes and the footer.
   */
  static void install(CommandLine resend) {
    Map<String, IHelpSectionRenderer> sections = new LinkedHashMap<>(resend.getHelpSectionMap());
    List<String> keys = new ArrayList<>();
    keys.add(CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER_HEADING);
    keys.add(CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER);
    keys.add(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS_HEADING);
    keys.add(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS);
    keys.add(EXAMPLES);
    sections.put(EXAMPLES, ResendHelp::examples);
    keys.add(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION_HEADING);
    keys.add(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION);
    for (Group group : GROUPS) {
      keys.add("group." + group.name());
      sections.put("group." + group.name(), help -> group(help, group.name(), group.members()));
    }
    keys.add("group." + OTHER);
    sections.put("group." + OTHER, help -> group(help, OTHER, ungrouped(help.commandSpec())));
    keys.add(CommandLine.Model.UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING);
    keys.add(CommandLine.Model.UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST);
    keys.add(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING);
    keys.add(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER);
    resend.setHelpSectionMap(sections);
    resend.setHelpSectionKeys(keys);
  }

  /** The options of {@code spec} that no group holds, by their longest name. */
  static List<String> ungrouped(CommandSpec spec) {
    Set<String> grouped = new HashSet<>();
    GROUPS.forEach(g -> grouped.addAll(g.members()));
    List<String> rest = new ArrayList<>();
    for (OptionSpec option : spec.options()) {
      if (!option.hidden() && !grouped.contains(option.longestName())) {
        rest.add(option.longestName());
      }
    }
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (!p.hidden() && !grouped.contains(p.paramLabel())) {
        rest.add(p.paramLabel());
      }
    }
    return rest;
  }

  /** {@code examples.N} under {@code examplesHeading}, as written. */
  private static String examples(Help help) {
    Messages text = help.commandSpec().usageMessage().messages();
    String[] lines = text == null ? null : text.getStringArray(EXAMPLES, null);
    if (lines == null || lines.length == 0) {
      return "";
    }
    return help.createHeading(text.getString("examplesHeading", "Examples:%n"))
        + String.join(System.lineSeparator(), lines)
        + System.lineSeparator();
  }

  /** The options named {@code members}, in that order, under the heading {@code group.NAME}. */
  private static String group(Help help, String name, List<String> members) {
    CommandSpec spec = help.commandSpec();
    Layout layout = help.createDefaultLayout(); // column widths from every option: groups align
    IParamLabelRenderer labels = help.parameterLabelRenderer();
    boolean any = false;
    for (String member : members) {
      if (member.startsWith("-")) {
        OptionSpec option = spec.findOption(member);
        if (option != null && !option.hidden()) {
          layout.addOption(option, labels);
          any = true;
        }
      } else {
        for (PositionalParamSpec p : spec.positionalParameters()) {
          if (p.paramLabel().equals(member) && !p.hidden()) {
            layout.addPositionalParameter(p, labels);
            any = true;
          }
        }
      }
    }
    if (!any) {
      return "";
    }
    Messages text = spec.usageMessage().messages();
    String heading = text == null ? null : text.getString("group." + name, null);
    return help.createHeading("%n" + (heading == null ? name + ":" : heading) + "%n") + layout;
  }
}
