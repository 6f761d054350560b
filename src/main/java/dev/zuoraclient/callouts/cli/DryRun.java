package dev.zuoraclient.callouts.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zuoraclient.callouts.internal.SafeText;
import java.io.IOException;
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
 * @param batchSize IDs per request
 * @param journal the {@code --journal} file, or null
 * @param confirmation whether a real run would ask before sending
 */
record DryRun(
    RunReport.Target server,
    String credentials,
    int ids,
    int batchSize,
    Path journal,
    boolean confirmation) {

  int batches() {
    return (ids + batchSize - 1) / batchSize;
  }

  /**
   * What the journal would do: resume the run it holds, or start one. A file that cannot be read,
   * or a place where none can be created, is refused as a real run refuses it.
   *
   * @throws IllegalArgumentException saying why the journal cannot be used
   */
  static boolean resumes(Path journal) {
    if (Files.exists(journal)) {
      if (!Files.isRegularFile(journal) || !Files.isReadable(journal)) {
        throw new IllegalArgumentException(
            "journal " + journal + " is not a regular file that can be read");
      }
      try {
        return Files.size(journal) > 0;
      } catch (IOException e) {
        throw new IllegalArgumentException("journal " + journal + ": " + e.getMessage(), e);
      }
    }
    Path dir = journal.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new IllegalArgumentException(
          "journal " + journal + " cannot be created: " + dir + " is not a writable directory");
    }
    return false;
  }

  private String journalText() {
    if (journal == null) {
      return "none";
    }
    String path = SafeText.printable(journal.toAbsolutePath().normalize().toString());
    return resumes(journal)
        ? path
            + ": would resume the run it holds (its IDs and batch size are checked when the run"
            + " starts, before anything is sent)"
        : path + ": would be created";
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
            .put("resumes", resumes(journal));
      }
      doc.put("confirmation", confirmation);
      JsonReport.print(doc, out);
      return;
    }
    out.println("Dry run: nothing was sent.");
    out.printf(
        "Would resend %d callout notification%s in %d batch%s of up to %d.%n",
        ids, ids == 1 ? "" : "s", batches(), batches() == 1 ? "" : "es", batchSize);
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
