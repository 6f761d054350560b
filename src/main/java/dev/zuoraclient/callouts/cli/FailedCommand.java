package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.exception.ZuoraException;
import dev.zuoraclient.callouts.history.FailedCalloutQuery;
import dev.zuoraclient.callouts.history.FailedCallouts;
import dev.zuoraclient.callouts.history.QueryJobException;
import dev.zuoraclient.callouts.internal.FileErrors;
import dev.zuoraclient.callouts.internal.SafeText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code failed}: lists the failed callouts of a time window, found with Zuora's Data Query ({@link
 * CalloutResendClient#findFailedCallouts}). {@code --output ids} prints one ID per line, ready for
 * {@code resend --ids-file -}. Like {@code resend}, without a server named it asks the embedded
 * simulator, which holds a few failed callouts.
 */
@Command(
    name = "failed",
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    description = {
      "Lists the failed callouts created in a time window, found with Zuora's Data Query.",
      "Failures a later callout of the same notification and object superseded are left out"
          + " (--include-superseded keeps them).",
      "Exit status: 0 the list is complete (it may be empty), 2 usage error, 7 --timeout passed"
          + " (the job was cancelled), 8 the query job failed or was cancelled, 9 the result file"
          + " could not be read whole, 1 anything else (authentication, network), 130 Ctrl-C."
    })
final class FailedCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin FindOptions find;

  @Mixin ServerOptions server;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table, json or ids (one ID per line). Default: ${DEFAULT-VALUE}.")
  String output;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationArg.class,
      description = "How long the find may take in all (default 30m); the job is then cancelled.")
  Duration timeout;

  @Option(names = "--all-rows", description = "Print every row, even on a terminal.")
  boolean allRows;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log each request and answer on stderr; twice adds headers.")
  boolean[] verbose = new boolean[0];

  @Option(names = "--log-file", paramLabel = "PATH", description = "Append the log to PATH.")
  Path logFile;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print no progress.")
  boolean quiet;

  private final CliContext context;
  private final Terminal terminal;
  private final java.util.function.Function<Thread, EmbeddedSimulator> simulators;

  FailedCommand(
      CliContext context,
      Terminal terminal,
      java.util.function.Function<Thread, EmbeddedSimulator> simulators) {
    this.context = context;
    this.terminal = terminal;
    this.simulators = simulators;
  }

  @Override
  public Integer call() {
    FindReport.Format format = valid("option '--output'", () -> FindReport.Format.parse(output));
    FailedCalloutQuery query = valid(() -> find.query(timeout));
    LogOptions logs = LogOptions.of(verbose.length, logFile);
    String logRefused = logs.refusal(null, null);
    if (logRefused != null) {
      throw usage("Cannot use --log-file: " + logRefused);
    }
    CalloutResendClient.Builder client =
        CalloutResendClient.builder()
            .httpLogLevel(logs.client())
            .applicationId(CliVersion.USER_AGENT_TOKEN);
    ResendRun.Server chosen;
    try {
      chosen =
          server.choose(
              client, context, Credentials.Missing.prompt(terminal, context.err()), logs.tokens());
    } catch (RunOptions.BadFlag e) {
      throw usage("Invalid value for option '" + e.option() + "': " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    LogSink log;
    try {
      log = logs.open(context.err());
    } catch (IOException e) {
      throw usage("Cannot use --log-file: " + FileErrors.describe(e));
    }
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
      CalloutResendClient finder;
      try {
        finder = client.build();
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw usage("Invalid value for option '--base-url': " + e.getMessage());
      }
      if (!quiet) {
        err.println(
            "Finding failed callouts created from "
                + query.from()
                + " to "
                + query.to()
                + " on "
                + target.describe()
                + ".");
      }
      try (finder;
          FailedCallouts found = finder.findFailedCallouts(query, progress(err))) {
        if (!quiet) {
          err.println(FindReport.headline(found.summary(), query));
          String left = FindReport.leftOut(found.summary(), query);
          if (!left.isEmpty()) {
            err.println(left);
          }
        }
        FindReport.print(
            format,
            found,
            target.describe(),
            context.out(),
            allRows ? RowLimit.NONE : RowLimit.onTerminal(terminal),
            false);
        return ExitCodes.ALL_ACCEPTED;
      } catch (QueryJobException e) {
        return failed(format, e, target, chosen);
      } catch (ZuoraException e) {
        return failed(format, e, target, chosen);
      }
    }
  }

  /** Prints why the find gave no list, and returns the exit status that says so. */
  private int failed(
      FindReport.Format format, RuntimeException e, RunReport.Target target, ResendRun.Server s) {
    PrintStream err = context.err();
    RuntimeException cause =
        e instanceof QueryJobException q && q.getCause() instanceof ZuoraException z ? z : e;
    RunCause runCause = RunCause.of(cause, target, s.credentials());
    if (runCause != null) {
      err.println(runCause.line());
    }
    err.println("error: " + SafeText.printable(RunReport.message(e)));
    err.println("Nothing was listed, and nothing was resent.");
    int status = exitStatus(e);
    if (format == FindReport.Format.JSON) {
      JsonReport.printError(
          RunReport.message(e),
          e instanceof QueryJobException q ? q.reason().name() : "CALL_FAILED",
          e instanceof QueryJobException q ? q.jobId().orElse(null) : null,
          target.describe(),
          context.out());
    }
    return status;
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

  /** The job's states on stderr, one line each, unless {@code --quiet}. */
  private dev.zuoraclient.callouts.history.QueryJobListener progress(PrintStream err) {
    if (quiet) {
      return dev.zuoraclient.callouts.history.QueryJobListener.NONE;
    }
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

  private EmbeddedSimulator startSimulator(ResendRun.Server chosen) {
    PrintStream err = context.err();
    err.println(
        (chosen.simulatorAsked() ? "Using" : "No --env or --base-url given: using")
            + " the embedded Zuora simulator; nothing is sent to Zuora.");
    return simulators.apply(Thread.currentThread());
  }

  private <T> T valid(Supplier<T> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private <T> T valid(String what, Supplier<T> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      throw usage("Invalid value for " + what + ": " + e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
