package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.ResendFailure;
import dev.zuoraclient.callouts.internal.FileErrors;
import dev.zuoraclient.callouts.internal.SafeText;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a {@link RunReport} for a person: the cause of the run's end when one explains it, a
 * summary line and the server it ran against, then a table of the IDs Zuora refused and one of the
 * IDs without an outcome, each with its reason. On a terminal each table shows its first rows and
 * names the file that holds them all ({@link RowLimit}).
 *
 * <pre>
 * Accepted 2 of 3 callout notifications: 1 failed, 0 unresolved.
 * Server: https://rest.zuora.com (US Production (Cloud 2))
 *
 * Failed (Zuora did not resend these):
 *   ID         CODE            MESSAGE
 *   unknown-1  ObjectNotFound  Callout history does not exist.
 *
 * Zuora-Request-Id: 6f0c...
 * </pre>
 */
final class TableReport {
  /** How many request IDs the table shows; JSON has them all. */
  static final int MAX_REQUEST_IDS = 10;

  private TableReport() {}

  static void print(RunReport r, PrintStream out) {
    print(r, out, RowLimit.NONE);
  }

  /** The same, with the Failed and Unresolved tables cut to {@code limit}. */
  static void print(RunReport r, PrintStream out, RowLimit limit) {
    if (r.cause() != null) {
      // First: with 20,000 IDs the rest of the report only repeats it.
      out.println(r.cause().line());
    }
    out.printf(
        "Accepted %d of %d callout notification%s: %d failed, %d unresolved.%n",
        r.accepted(),
        r.requested(),
        r.requested() == 1 ? "" : "s",
        r.failed().size(),
        r.unresolved().size());
    if (r.server() != null) {
      // Next to the counts: "accepted" means nothing without who accepted them.
      out.println("Server: " + printable(r.server().describe()));
    }
    if (!r.failed().isEmpty()) {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"ID", "CODE", "MESSAGE"});
      for (ResendFailure f : r.failed()) {
        rows.add(new String[] {f.id(), f.code(), f.message()});
      }
      out.println();
      out.println("Failed (Zuora did not resend these):");
      printRows(
          rows,
          out,
          limit,
          () -> limit.writeFailed(r.failed(), r.journal()),
          " (tab-separated: ID, code, message)");
    }
    if (!r.unresolved().isEmpty()) {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"ID", "BATCH", "REASON"});
      for (RunReport.Unresolved u : r.unresolved()) {
        rows.add(
            new String[] {u.id(), u.batch() == 0 ? "-" : Integer.toString(u.batch()), u.reason()});
      }
      out.println();
      out.println("Unresolved (never sent, or sent without a usable answer):");
      printRows(
          rows,
          out,
          limit,
          () -> limit.writeUnresolved(r.unresolvedIds(), r.journal()),
          " (one ID per line, as --ids-file reads them)");
      out.println();
      out.println(RerunAdvice.of(r));
    }
    if (r.error() != null && !r.errorIsABatchError() && !r.error().equals(r.journalError())) {
      out.println();
      out.println("Error: " + printable(r.error()));
    }
    if (!r.batchErrors().isEmpty()) {
      out.println();
      out.println("Errors:");
      r.batchErrorLines().forEach(e -> out.println("  " + printable(e)));
    }
    if (r.journalError() != null) {
      out.println();
      out.println(
          "The journal could not be written, so no batch started after that: "
              + printable(r.journalError())
              + ". This report is the full account of the run. Once the cause is dealt with (free"
              + " some space, say), running the same command again with --journal "
              + printable(r.journal())
              + " resumes the run safely.");
    }
    if (!r.requestIds().isEmpty()) {
      out.println();
      out.println("Zuora-Request-Id: " + printable(requestIds(r.requestIds())));
    }
    if (r.trackId() != null) {
      out.println("Zuora-Track-Id: " + printable(r.trackId()));
    }
    out.flush();
  }

  /** The first few: a run of 200,000 batches would otherwise print a 7 MB line. */
  private static String requestIds(List<String> ids) {
    if (ids.size() <= MAX_REQUEST_IDS) {
      return String.join(", ", ids);
    }
    return String.join(", ", ids.subList(0, MAX_REQUEST_IDS))
        + " and "
        + (ids.size() - MAX_REQUEST_IDS)
        + " more (--output json lists them all)";
  }

  /** Writes a full list to a file, and says which. */
  private interface ListFile {
    Path write() throws IOException;
  }

  /**
   * {@code rows} (a header, then one per ID), or on a terminal the first {@link
   * RowLimit#ON_A_TERMINAL} and a line naming the file that holds them all. When that file cannot
   * be written, every row, after a line that says why: nothing is lost.
   */
  private static void printRows(
      List<String[]> rows, PrintStream out, RowLimit limit, ListFile file, String format) {
    int count = rows.size() - 1;
    if (!limit.cuts(count)) {
      printTable(rows, out);
      return;
    }
    Path written;
    try {
      written = file.write();
    } catch (IOException | UncheckedIOException e) {
      IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      out.println(
          "  (The "
              + count
              + " rows could not be written to a file: "
              + printable(FileErrors.describe(io))
              + "; all of them follow.)");
      printTable(rows, out);
      return;
    }
    printTable(rows.subList(0, RowLimit.ON_A_TERMINAL + 1), out);
    out.println(
        "  ... and "
            + (count - RowLimit.ON_A_TERMINAL)
            + " more: all "
            + count
            + " are in "
            + printable(written.toString())
            + format
            + "; --all-rows prints them here.");
  }

  private static void printTable(List<String[]> rows, PrintStream out) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        row[c] = printable(row[c]);
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int c = 0; c < columns; c++) {
        line.append(row[c]);
        if (c < columns - 1) {
          line.append(" ".repeat(width[c] - row[c].length() + 2));
        }
      }
      out.println(line);
    }
  }

  /** Escapes what in a value from a server could rewrite or reorder the terminal. */
  private static String printable(String s) {
    return SafeText.printable(s);
  }
}
