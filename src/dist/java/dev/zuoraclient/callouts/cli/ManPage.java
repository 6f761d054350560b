package dev.zuoraclient.callouts.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The man page of the distribution, in troff ({@code man 1}), written from the same picocli model
 * as {@code --help}: the synopsis, description, examples, option groups, exit codes and notes of
 * {@code resend}. Picocli's own {@code ManPageGenerator} writes AsciiDoc, which would need
 * Asciidoctor (JRuby) in every build to become a page {@code man} reads.
 */
final class ManPage {
  /** How the examples start the tool from a jar; the installed tool is a command of its own. */
  private static final String JAR_COMMAND = "java -jar zuora-callout-resend-cli.jar";

  private final StringBuilder out = new StringBuilder();

  private ManPage() {}

  static String render(CommandLine top, String version, String date) {
    return new ManPage().page(top, version, date);
  }

  private String page(CommandLine top, String version, String date) {
    CommandLine resend = top.getSubcommands().get("resend");
    CommandSpec spec = resend.getCommandSpec();
    UsageMessageSpec usage = spec.usageMessage();
    String name = top.getCommandName();
    Help help = resend.getHelp();
    Help topHelp = top.getHelp();

    line(".\\\" Written by the build from the command's help; edit the help, not this file.");
    line(
        ".TH \""
            + name.toUpperCase(java.util.Locale.ROOT).replace("-", "\\-")
            + "\" \"1\" \""
            + date
            + "\" \""
            + esc(name + " " + version)
            + "\" \"User Commands\"");
    section("NAME");
    line(esc(name) + " \\- " + esc(lowerFirst(stripPeriod(first(top.getCommandSpec())))));

    section("SYNOPSIS");
    noFill(topHelp.synopsis(0) + help.synopsis(0));

    section("DESCRIPTION");
    paragraph(String.join(" ", usage.header()));
    paragraph(String.join(" ", text(usage.description())));
    paragraph(
        "This page is written from the command's help, which "
            + name
            + " help resend (or resend --help) prints.");

    String examples = examples(spec);
    if (!examples.isEmpty()) {
      section("EXAMPLES");
      noFill(examples);
    }

    section("OPTIONS");
    Set<String> shown = new HashSet<>();
    for (ResendHelp.Group group : ResendHelp.GROUPS) {
      options(spec, heading(spec, group.name()), group.members(), shown);
    }
    options(spec, heading(spec, ResendHelp.OTHER), ResendHelp.ungrouped(spec), shown);

    CommandLine failed = top.getSubcommands().get("failed");
    if (failed != null) {
      CommandSpec failedSpec = failed.getCommandSpec();
      section("FAILED CALLOUTS");
      noFill(topHelp.synopsis(0) + failed.getHelp().synopsis(0));
      paragraph(String.join(" ", text(failedSpec.usageMessage().description())));
      List<String> names = new ArrayList<>();
      for (OptionSpec o : failedSpec.options()) {
        if (!o.hidden() && !o.usageHelp() && !o.versionHelp()) {
          names.add(o.longestName());
        }
      }
      options(failedSpec, "Options of failed", names, new HashSet<>());
    }

    Map<String, String> exitCodes = usage.exitCodeList();
    if (!exitCodes.isEmpty()) {
      section("EXIT STATUS");
      exitCodes.forEach(
          (code, meaning) -> {
            line(".TP");
            line(esc(code.strip()));
            line(esc(meaning.strip()));
          });
    }

    // As the help wraps it: its lists are laid out in columns.
    String footer = help.footer().replace(System.lineSeparator(), "\n");
    if (!footer.isBlank()) {
      section("NOTES");
      noFill(footer.replaceAll("\n\\s*\n", "\n.sp\n"));
    }

    section("ENVIRONMENT");
    tagged(
        "JAVA_HOME",
        "The Java runtime (17 or newer) to run the tool with: $JAVA_HOME/bin/java. Unset, the"
            + " java found on PATH.");
    tagged(
        "JAVA_OPTS",
        "Options for the Java virtual machine, for example -Xmx1g. They come after the"
            + " launcher's own, so they can override them.");
    tagged(
        "XDG_CACHE_HOME",
        "Where the launcher keeps its class data sharing archive, which makes the tool start"
            + " faster: $XDG_CACHE_HOME/zuora-callout-resend, else"
            + " $HOME/.cache/zuora-callout-resend.");
    tagged(
        "ZUORA_CALLOUT_RESEND_CDS",
        "Set to off, the launcher neither writes nor uses the archive.");
    tagged(
        "ZUORA_ACCESS_TOKEN, ZUORA_CLIENT_ID, ZUORA_CLIENT_SECRET, ZUORA_ACCESS_TOKEN_FILE,"
            + " ZUORA_CLIENT_SECRET_FILE, ZUORA_PROFILE",
        "Credentials and the profile; see NOTES.");

    section("FILES");
    tagged(
        "~/.config/zuora-callout-resend/config",
        "Profiles: a server, a client ID and the path of a file holding the secret"
            + " ($XDG_CONFIG_HOME/zuora-callout-resend/config when XDG_CONFIG_HOME is set).");
    tagged(
        "~/.cache/zuora-callout-resend/*.jsa",
        "The launcher's class data sharing archives, one per version of the tool and Java"
            + " runtime; safe to delete.");

    section("SEE ALSO");
    paragraph(
        "https://github.com/zuoraclient/zuora-callout-resend (docs/command-line.md: the"
            + " operators' guide).");
    return out.toString();
  }

  /** The option groups' members, under a subsection; each option once. */
  private void options(CommandSpec spec, String heading, List<String> members, Set<String> shown) {
    List<String> entries = new ArrayList<>();
    for (String member : members) {
      if (!shown.add(member)) {
        continue;
      }
      if (member.startsWith("-")) {
        OptionSpec option = spec.findOption(member);
        if (option != null && !option.hidden()) {
          entries.add(optionLabel(option) + "\n" + esc(description(option.description())));
        }
      } else {
        for (PositionalParamSpec p : spec.positionalParameters()) {
          if (p.paramLabel().equals(member) && !p.hidden()) {
            entries.add(
                "\\fI" + esc(p.paramLabel()) + "\\fR...\n" + esc(description(p.description())));
          }
        }
      }
    }
    if (entries.isEmpty()) {
      return;
    }
    line(".SS " + esc(stripColon(heading)));
    for (String entry : entries) {
      line(".TP");
      line(entry);
    }
  }

  private static String optionLabel(OptionSpec option) {
    List<String> names = new ArrayList<>();
    for (String n : option.names()) {
      names.add("\\fB" + esc(n) + "\\fR");
    }
    String label = String.join(", ", names);
    if (option.typeInfo().isBoolean() || option.arity().max() == 0) {
      return label;
    }
    return label + "=\\fI" + esc(option.paramLabel()) + "\\fR";
  }

  private static String heading(CommandSpec spec, String group) {
    CommandLine.Model.Messages text = spec.usageMessage().messages();
    String heading = text == null ? null : text.getString("group." + group, null);
    return heading == null ? group : heading;
  }

  private static String examples(CommandSpec spec) {
    CommandLine.Model.Messages text = spec.usageMessage().messages();
    String[] lines = text == null ? null : text.getStringArray(ResendHelp.EXAMPLES, null);
    if (lines == null) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      out.add(l.replace(JAR_COMMAND, CliVersion.NAME).stripTrailing());
    }
    return String.join("\n", out);
  }

  /** An option's description lines, as one paragraph; picocli's {@code %n} is a line break. */
  private static String description(String[] lines) {
    return String.join(" ", text(lines)).replace("\n", " ").strip();
  }

  /** Picocli's format-string text, as plain text. */
  private static List<String> text(String[] lines) {
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      out.add(l.replace("%n", "\n").replace("%%", "%"));
    }
    return out;
  }

  private static String first(CommandSpec spec) {
    String[] d = spec.usageMessage().description();
    return d.length == 0 ? spec.name() : d[0];
  }

  private static String stripPeriod(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static String stripColon(String s) {
    return s.endsWith(":") ? s.substring(0, s.length() - 1) : s;
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private void section(String title) {
    line(".SH \"" + title + "\"");
  }

  private void paragraph(String text) {
    line(".PP");
    line(esc(text.strip()));
  }

  private void tagged(String tag, String text) {
    line(".TP");
    line("\\fB" + esc(tag) + "\\fR");
    line(esc(text));
  }

  /** Lines kept as they are (the help's own layout), indented. */
  private void noFill(String text) {
    line(".RS 4");
    line(".nf");
    for (String l : text.replaceAll("^\n+|\s+$", "").split("\n", -1)) {
      line(l.equals(".sp") ? l : esc(l.stripTrailing()));
    }
    line(".fi");
    line(".RE");
  }

  private void line(String l) {
    out.append(l).append('\n');
  }

  /** Troff text: backslashes and hyphens escaped, no line taken for a request. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder();
    for (String l : s.split("\n", -1)) {
      if (b.length() > 0) {
        b.append('\n');
      }
      String t = l.replace("\\", "\\e").replace("-", "\\-");
      if (t.startsWith(".") || t.startsWith("'")) {
        t = "\\&" + t;
      }
      b.append(t);
    }
    return b.toString();
  }
}
