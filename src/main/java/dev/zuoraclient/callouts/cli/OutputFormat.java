package dev.zuoraclient.callouts.cli;

import java.io.PrintStream;
import java.util.Locale;

/** How the report is printed on stdout. */
enum OutputFormat {
  /** A summary line and tables of the IDs that were not accepted. */
  TABLE,
  /** One JSON document. */
  JSON;

  /** Prints {@code report} on {@code out} in this format. */
  void print(RunReport report, PrintStream out) {
    print(report, out, RowLimit.NONE);
  }

  /** The same, with a table's ID lists cut to {@code rows}; JSON always has them all. */
  void print(RunReport report, PrintStream out, RowLimit rows) {
    if (this == JSON) {
      JsonReport.print(report, out);
    } else {
      TableReport.print(report, out, rows);
    }
  }

  /**
   * The format named on the command line.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  static OutputFormat parse(String name) {
    for (OutputFormat f : values()) {
      if (f.name().toLowerCase(Locale.ROOT).equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("must be 'table' or 'json' (got '" + name + "')");
  }

  /**
   * The format asked for in raw arguments ({@code --output} or {@code -o}), for reporting an error
   * found while parsing them, when the parsed value may not exist yet. Stops at {@code --}, after
   * which everything is an ID.
   */
  static OutputFormat requestedIn(String[] args) {
    String value = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        break;
      } else if (a.equals("--output") || a.equals("-o")) {
        value = i + 1 < args.length ? args[++i] : null;
      } else if (a.startsWith("--output=")) {
        value = a.substring("--output=".length());
      } else if (a.startsWith("-o")) { // -ojson and -o=json, as picocli reads a short option
        value = a.substring(a.startsWith("-o=") ? 3 : 2);
      }
    }
    return value != null && value.equals("json") ? JSON : TABLE;
  }

  /**
   * The last value of {@code option} in raw arguments, or null; stops at {@code --}, after which
   * everything is an ID.
   */
  static String valueIn(String[] args, String option) {
    String value = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        break;
      } else if (args[i].startsWith(option + "=")) {
        value = args[i].substring(option.length() + 1);
      } else if (args[i].equals(option) && i + 1 < args.length) {
        value = args[++i];
      }
    }
    return value;
  }
}
