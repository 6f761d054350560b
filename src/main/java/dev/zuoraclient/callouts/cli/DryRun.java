package dev.zuoraclient.callouts.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zuoraclient.callouts.JournalPlan;
import dev.zuoraclient.callouts.internal.SafeText;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a run would do, for {@code --dry-run}: the server, the IDs after dropping duplicates, the
 * batches, and the journal. It is printed once every check a run makes before sending has passed;
 * nothing is sent, the embedded simulator is not started and no token is asked for.
 *
 * @param server where the run would go (the embedded simulator without its address)
 * @param credentials the variables the credentials would come from, or null for the simulator
 * @param ids unique IDs
 * @param batchSize IDs per request ({@code --batch-size})
 * @param journal the {@code --journal} file, or null
 * @param plan what a run resumed from the journal does, or null when it holds no run
 * @param confirmation whether a real run would ask before sending
 */
record DryRun(
    RunReport.Target server,
    String credentials,
    int ids,
    int batchSize,
    Path journal,
    JournalPlan plan,
    boolean confirmation) {

  int batches() {
    return plan != null ? plan.batches() : (ids + batchSize - 1) / batchSize;
  }

  /** Whether the run would take batches other than {@code --batch-size} makes. */
  private boolean journalLayout() {
    return plan != null && !JournalLayout.note(plan, batchSize).isEmpty();
  }

  /**
   * Refuses a journal a run could not create: a real run would fail there before sending.
   *
   * @throws IllegalArgumentException saying why
   */
  static void checkCreatable(Path journal) {
    Path dir = journal.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new IllegalArgumentException(
          "journal " + journal + " cannot be created: " + dir + " is not a writable directory");
    }
  }

  private String journalText() {
    if (journal == null) {
      return "none";
    }
    String path = SafeText.printable(journal.toAbsolutePath().normalize().toString());
    if (plan != null) {
      return path
          + ": would resume the run it holds ("
          + plan.resolvedBatches()
          + " of "
          + batches()
          + " batches resolved, not sent again)"
          + JournalLayout.note(plan, batchSize);
    }
    return path
        + (Files.exists(journal) ? ": holds no run yet; would start one" : ": would be created");
  }

  void print(OutputFormat format, PrintStream out) {
    if (format == OutputFormat.JSON) {
      ObjectNode doc = JsonReport.object();
      doc.put("dryRun", true);
      doc.put("requested", ids);
      doc.put("batchSize", batchSize);
      doc.put("batches", batches());
      JsonReport.putServer(doc, server);
      doc.put("credentials", credentials);
      if (journal == null) {
        doc.putNull("journal");
      } else {
        doc.putObject("journal")
            .put("path", journal.toAbsolutePath().normalize().toString())
            .put("resumes", plan != null)
            .put("resolvedBatches", plan != null ? plan.resolvedBatches() : null)
            .put("batchSize", plan != null ? plan.batchSize() : null)
            .set("splitBatches", plan != null ? JsonReport.numbers(plan.splitBatches()) : null);
      }
      doc.put("confirmation", confirmation);
      JsonReport.print(doc, out);
      return;
    }
    out.println("Dry run: nothing was sent.");
    if (journalLayout()) {
      out.printf(
          "Would resend %d callout notification%s in %d batch%s, the journal's.%n",
          ids, ids == 1 ? "" : "s", batches(), batches() == 1 ? "" : "es");
    } else {
      out.printf(
          "Would resend %d callout notification%s in %d batch%s of up to %d.%n",
          ids, ids == 1 ? "" : "s", batches(), batches() == 1 ? "" : "es", batchSize);
    }
    out.println("Server: " + SafeText.printable(server.describe()));
    if (credentials != null) {
      out.println("Credentials: from " + credentials);
    }
    out.println("Journal: " + journalText());
    if (confirmation) {
      out.println(
          "A real run would ask before sending (production, over "
              + Confirmation.THRESHOLD
              + " IDs, on a terminal); --yes skips the question.");
    }
    out.flush();
  }
}
