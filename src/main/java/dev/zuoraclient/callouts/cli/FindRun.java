package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.exception.ZuoraException;
import dev.zuoraclient.callouts.history.FailedCalloutQuery;
import dev.zuoraclient.callouts.history.FailedCallouts;
import dev.zuoraclient.callouts.history.QueryJobException;
import dev.zuoraclient.callouts.history.QueryJobListener;
import dev.zuoraclient.callouts.internal.SafeText;
import java.io.PrintStream;
import java.util.function.Function;
import picocli.CommandLine.ParameterException;

/**
 * One find on the command line, for {@code failed} and for {@code resend --failed --dry-run}:
 * starts the embedded simulator when asked, runs the query with the job's states on stderr, prints
 * the list, and says in an exit status how it ended. Also the one place a find's failure is told
 * ({@link #failure}), which {@code resend --failed} uses too.
 */
final class FindRun {
  private final CliContext context;
  private final Terminal terminal;
  private final Function<Thread, EmbeddedSimulator> simulators;
  private final boolean quiet;
  private final Function<String, ParameterException> usage;

  /**
   * @param usage turns a message into the command's usage error
   */
  FindRun(
      CliContext context,
      Terminal terminal,
      Function<Thread, EmbeddedSimulator> simulators,
      boolean quiet,
      Function<String, ParameterException> usage) {
    this.usage = usage;
    this.context = context;
    this.terminal = terminal;
    this.simulators = simulators;
    this.quiet = quiet;
  }

  /**
   * Finds and prints.
   *
   * @param log where the HTTP log goes, or null
   * @param dryRun whether this is {@code resend --failed --dry-run} (the report says nothing was
   *     sent)
   * @return the exit status
   */
  int list(
      FailedCalloutQuery query,
      FindReport.Format format,
      ResendRun.Server chosen,
      CalloutResendClient.Builder client,
      LogSink log,
      boolean allRows,
      boolean dryRun) {
    PrintStream err = context.err();
    try (HttpLogRedirect redirect = log == null ? null : HttpLogRedirect.to(log);
        EmbeddedSimulator sim = chosen.isSimulator() ? startSimulator(chosen) : null) {
      RunReport.Target target;
      if (sim != null) {
        client.baseUri(sim.baseUri()).accessTokenProvider(sim.tokens());
        target = RunReport.Target.simulator(sim.baseUri().toString());
      } else {
        target = chosen.target();
      }
      CalloutResendClient finder = build(client);
      announce(query, target);
      StopSignals.finding(true);
      try (finder;
          FailedCallouts found = finder.findFailedCallouts(query, progress())) {
        StopSignals.finding(false);
        if (!quiet && format != FindReport.Format.TABLE) {
          // the table says it on stdout; with the IDs or JSON there, stderr says it
          err.println(FindReport.headline(found.summary(), query));
          String left = FindReport.leftOut(found.summary(), query);
          if (!left.isEmpty()) {
            err.println(left);
          }
        }
        if (dryRun && !quiet) {
          err.println("Dry run: nothing was sent.");
        }
        FindReport.print(
            format,
            found,
            target.describe(),
            context.out(),
            allRows ? RowLimit.NONE : RowLimit.onTerminal(terminal),
            dryRun);
        return ExitCodes.ALL_ACCEPTED;
      } catch (QueryJobException | ZuoraException e) {
        StopSignals.finding(false);
        int status = failure(e, target, chosen.credentials());
        if (format == FindReport.Format.JSON) {
          printError(e, target);
        }
        return status;
      }
    }
  }

  /** Says where the find goes, unless quiet. */
  void announce(FailedCalloutQuery query, RunReport.Target target) {
    if (!quiet) {
      context
          .err()
          .println(
              "Finding failed callouts created from "
                  + query.from()
                  + " to "
                  + query.to()
                  + " on "
                  + target.describe()
                  + ".");
    }
  }

  /**
   * Tells on stderr why a find gave no list (the cause first, when it is one a hint helps with),
   * and returns the exit status that says so.
   */
  int failure(RuntimeException e, RunReport.Target target, String credentials) {
    PrintStream err = context.err();
    RuntimeException cause =
        e instanceof QueryJobException q && q.getCause() instanceof ZuoraException z ? z : e;
    RunCause runCause = RunCause.of(cause, target, credentials);
    if (runCause != null) {
      err.println(runCause.line());
    }
    err.println("error: " + SafeText.printable(RunReport.message(e)));
    err.println("No failed callouts were listed, and nothing was resent.");
    err.flush();
    return exitStatus(e);
  }

  /** The JSON document of a find that gave no list. */
  void printError(RuntimeException e, RunReport.Target target) {
    JsonReport.printError(
        RunReport.message(e),
        e instanceof QueryJobException q ? q.reason().name() : "CALL_FAILED",
        e instanceof QueryJobException q ? q.jobId().orElse(null) : null,
        target.describe(),
        context.out());
  }

  static int exitStatus(RuntimeException e) {
    if (!(e instanceof QueryJobException q)) {
      return ExitCodes.ERROR;
    }
    return switch (q.reason()) {
      case JOB_FAILED, JOB_CANCELLED -> ExitCodes.QUERY_JOB_FAILED;
      case DOWNLOAD_FAILED -> ExitCodes.RESULT_UNREADABLE;
      case TIMED_OUT -> ExitCodes.TIMED_OUT;
      case INTERRUPTED -> ExitCodes.INTERRUPTED;
      case CALL_FAILED -> ExitCodes.ERROR;
    };
  }

  /** The job's states on stderr, one line each, unless quiet. */
  QueryJobListener progress() {
    if (quiet) {
      return QueryJobListener.NONE;
    }
    PrintStream err = context.err();
    return (jobId, state, elapsed) ->
        err.println(
            "Query job "
                + jobId
                + ": "
                + state.replace('_', ' ')
                + " ("
                + elapsed.toSeconds()
                + " s)");
  }

  private CalloutResendClient build(CalloutResendClient.Builder client) {
    try {
      return client.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw usage.apply("Invalid value for option '--base-url': " + e.getMessage());
    }
  }

  private EmbeddedSimulator startSimulator(ResendRun.Server chosen) {
    context
        .err()
        .println(
            (chosen.simulatorAsked() ? "Using" : "No --env or --base-url given: using")
                + " the embedded Zuora simulator; nothing is sent to Zuora.");
    return simulators.apply(Thread.currentThread());
  }
}
