package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.exception.ZuoraException;
import dev.zuoraclient.callouts.history.FailedCalloutQuery;
import dev.zuoraclient.callouts.history.FailedCallouts;
import dev.zuoraclient.callouts.history.FindSummary;
import dev.zuoraclient.callouts.history.QueryJobException;
import dev.zuoraclient.callouts.history.QueryJobListener;
import dev.zuoraclient.callouts.internal.FileErrors;
import dev.zuoraclient.callouts.internal.SafeText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.ParameterException;

/**
 * The IDs {@code resend --failed} resends: found with the client, or, when the run resumes a
 * journal, the set the first run found and kept beside it ({@link FoundSet}), without querying
 * again.
 */
final class FailedIds {
  /**
   * The IDs, and what the find said (null on a resume).
   *
   * @param resumedFrom the found set read on a resume, else null
   */
  record Found(List<String> ids, FindSummary summary, Path resumedFrom) {}

  private FailedIds() {}

  /**
   * Checks, before anything starts, that {@code journal} can be resumed or started by a run with
   * {@code --failed}: the recorded query of a resume, read and compared.
   *
   * @return the recorded set of a resume, or null for a new run
   * @throws IllegalArgumentException why it cannot, in words for the operator
   */
  static FoundSet.Recorded resumable(Path journal, FailedCalloutQuery query, boolean toGiven) {
    if (journal == null) {
      return null;
    }
    Path set = FoundSet.of(journal);
    boolean journalExists = Files.exists(journal);
    if (!Files.exists(set)) {
      if (journalExists) {
        throw new IllegalArgumentException(
            "Cannot resume: "
                + SafeText.printable(journal.toString())
                + " was not written by resend --failed (there is no "
                + SafeText.printable(set.getFileName().toString())
                + " beside it). Resume it with the command that wrote it, or use a new journal file.");
      }
      return null;
    }
    FoundSet.Recorded recorded;
    try {
      recorded = FoundSet.read(set);
    } catch (FoundSet.Damaged e) {
      throw new IllegalArgumentException(
          "Cannot resume: " + SafeText.printable(e.getMessage()) + "; nothing was sent.");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot resume: cannot read "
              + SafeText.printable(set.toString())
              + ": "
              + FileErrors.describe(e));
    }
    String differences = recorded.query().differences(query, toGiven);
    if (!differences.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot resume: "
              + SafeText.printable(set.toString())
              + " was found by another query ("
              + SafeText.printable(differences)
              + "). Resume with the options that started the run, or use a new journal file.");
    }
    return recorded;
  }

  /**
   * The IDs to resend: {@code recorded}'s when resuming, else those a new find gives, kept beside
   * {@code journal} (when there is one) before anything is sent.
   *
   * @throws dev.zuoraclient.callouts.history.QueryJobException when the find gives no complete list
   * @throws IOException when the found set cannot be written beside the journal
   */
  static Found of(
      CalloutResendClient client,
      FailedCalloutQuery query,
      Path journal,
      FoundSet.Recorded recorded,
      QueryJobListener listener,
      PrintStream err)
      throws IOException {
    if (recorded != null) {
      Path set = FoundSet.of(journal);
      err.println(
          "Resuming with the "
              + FindReport.plural(recorded.ids().size(), "failed callout")
              + " found when the run started ("
              + SafeText.printable(set.toString())
              + "); Zuora is not queried again.");
      return new Found(recorded.ids(), null, set);
    }
    try (FailedCallouts found = client.findFailedCallouts(query, listener)) {
      List<String> ids = new ArrayList<>((int) Math.min(Integer.MAX_VALUE, found.size()));
      found.ids().forEach(ids::add);
      err.println(FindReport.headline(found.summary(), query));
      String left = FindReport.leftOut(found.summary(), query);
      if (!left.isEmpty()) {
        err.println(left);
      }
      if (journal != null && !ids.isEmpty()) {
        FoundSet.write(
            FoundSet.of(journal), FoundSet.Query.of(query), found.summary().jobId(), ids);
      }
      return new Found(List.copyOf(ids), found.summary(), null);
    }
  }

  /**
   * {@code resend --failed}'s source of IDs, with what it needs of the command.
   *
   * @param usage turns a message into the command's usage error
   */
  record Resend(
      CliContext context,
      Terminal terminal,
      boolean quiet,
      Function<String, ParameterException> usage,
      Path journal,
      boolean yes,
      int batchSize) {
    /**
     * The IDs of {@code resend --failed}: the recorded set on a resume, else a find, recorded
     * beside the journal before anything is sent. A find that gives no list, no list at all, or a
     * big run against production that is not confirmed, ends the run with its exit status and sends
     * nothing.
     */
    ResendRun.IdSource source(
        FailedCalloutQuery query,
        FoundSet.Recorded recorded,
        boolean json,
        ResendRun.Server server) {
      return (client, target) -> {
        FindRun finds = new FindRun(context, terminal, EmbeddedSimulator::start, quiet, usage);
        if (recorded == null) {
          finds.announce(query, target);
        }
        FailedIds.Found found;
        StopSignals.finding(recorded == null);
        try {
          found = FailedIds.of(client, query, journal, recorded, finds.progress(), context.err());
        } catch (QueryJobException | ZuoraException e) {
          int status = finds.failure(e, target, server.credentials());
          if (json) {
            finds.printError(e, target);
          }
          throw new ResendRun.Stopped(status, RunReport.message(e), e);
        } catch (IOException e) {
          String error =
              "Cannot write "
                  + SafeText.printable(FoundSet.of(journal).toString())
                  + " beside the journal: "
                  + FileErrors.describe(e)
                  + "; nothing was sent.";
          context.err().println("error: " + error);
          if (json) {
            JsonReport.print(RunReport.notStarted(error, journal.toString()), context.out());
          }
          throw new ResendRun.Stopped(ExitCodes.USAGE, error, e);
        } finally {
          StopSignals.finding(false);
        }
        if (found.ids().isEmpty()) {
          String none = "No failed callouts to resend: nothing was sent.";
          context.err().println(none);
          if (json) {
            // not an error: nothing failed, so the document carries none (and exit status 0)
            JsonReport.print(RunReport.nothingToResend(), context.out());
          }
          throw new ResendRun.Stopped(ExitCodes.ALL_ACCEPTED, none, null);
        }
        int n = found.ids().size();
        if (Confirmation.needed(target, n, yes, false, terminal)
            && !Confirmation.ask(
                terminal, context.err(), target, n, (n + batchSize - 1) / batchSize)) {
          String error = "Not confirmed: nothing was sent.";
          if (recorded == null && journal != null) {
            try {
              // not asked to go on: the next run finds again rather than resuming this set
              java.nio.file.Files.deleteIfExists(FoundSet.of(journal));
            } catch (IOException e) {
              context.err().println("Note: could not delete " + FoundSet.of(journal) + ".");
            }
          }
          context.err().println(error);
          if (json) {
            JsonReport.print(
                RunReport.notStarted(error, journal == null ? null : journal.toString()),
                context.out());
          }
          throw new ResendRun.Stopped(ExitCodes.NOT_CONFIRMED, error, null);
        }
        return found.ids();
      };
    }
  }
}
