package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.history.FailedCalloutQuery;
import dev.zuoraclient.callouts.internal.FileErrors;
import dev.zuoraclient.callouts.internal.SafeText;
import dev.zuoraclient.callouts.internal.SpecRules;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code resend} subcommand: its options, and the checks that run before anything is sent;
 * {@link ResendRun} then sends. Its help text is {@link ResendHelp}'s. Started by {@link Main},
 * which gives it a {@link CliContext}.
 */
@Command(
    name = "resend",
    resourceBundle = "dev.zuoraclient.callouts.cli.ResendHelp",
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    abbreviateSynopsis = true,
    sortOptions = false,
    usageHelpAutoWidth = true)
final class ResendCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "ID", arity = "0..*", descriptionKey = "ids")
  private List<String> ids = new ArrayList<>();

  @Option(names = "--ids-file", paramLabel = "PATH")
  private String idsFile;

  @Option(names = "--failed")
  private boolean failed;

  @Mixin private FindOptions find = new FindOptions();

  @Mixin private ServerOptions serverOptions = new ServerOptions();

  @Option(names = "--track-id", paramLabel = "V")
  private String trackId;

  @Option(names = "--idempotency-key", paramLabel = "V")
  private String idempotencyKey;

  @Option(names = "--entity-id", paramLabel = "V")
  private String entityId;

  @Option(names = "--org-ids", paramLabel = "ORG", split = ",")
  private List<String> orgIds;

  @Option(names = "--gzip")
  private boolean gzip;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = SpecRules.MAX_IDS_TEXT)
  private int batchSize;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "1")
  private int concurrency;

  @Option(names = "--journal", paramLabel = "FILE")
  private Path journal;

  @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "3")
  private int maxAttempts;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table")
  private String output;

  @Option(names = "--all-rows")
  private boolean allRows;

  @Option(names = {"-v", "--verbose"})
  private boolean[] verbose = new boolean[0];

  @Option(names = "--log-file", paramLabel = "PATH")
  private Path logFile;

  @Option(names = {"-q", "--quiet"})
  private boolean quiet;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationArg.class)
  private Duration timeout;

  @Option(names = "--attempt-timeout", paramLabel = "DURATION", converter = DurationArg.class)
  private Duration attemptTimeout;

  @Option(names = "--dry-run")
  private boolean dryRun;

  @Option(names = "--yes")
  private boolean yes;

  private final CliContext context;
  private final List<String> args;
  private final Terminal terminal;
  private final StatusLine line;

  /**
   * @param args the command's arguments as given, from {@code resend} on, for the command that
   *     resumes the run
   * @param line the status line, when stderr is a terminal; else null
   */
  ResendCommand(CliContext context, List<String> args, Terminal terminal, StatusLine line) {
    this.context = context;
    this.args = List.copyOf(args);
    this.terminal = terminal;
    this.line = line;
  }

  @Override
  public Integer call() {
    OutputFormat format = valid(option("--output"), () -> OutputFormat.parse(output));
    RunStatus status =
        new RunStatus(
            quiet
                ? RunStatus.Mode.QUIET
                : line != null ? RunStatus.Mode.LIVE : RunStatus.Mode.LINES,
            context.err(),
            line);
    RunOptions options;
    try {
      options =
          RunOptions.of(
              new RunOptions.Flags(
                  trackId,
                  idempotencyKey,
                  entityId,
                  orgIds,
                  gzip,
                  batchSize,
                  concurrency,
                  journal,
                  maxAttempts,
                  timeout),
              StopSignals.GRACE,
              status);
    } catch (RunOptions.BadFlag e) {
      throw usage(
          "Invalid value"
              + (e.option() == null ? "" : " for " + option(e.option()))
              + ": "
              + e.getMessage());
    }
    ServerOptions.Choice choice = valid(() -> serverOptions.read(context));
    boolean idsFromStdin = "-".equals(idsFile);
    boolean secretStdin = serverOptions.secretStdin();
    if (secretStdin && idsFromStdin) {
      throw usage(
          Credentials.SECRET_STDIN
              + " cannot be combined with --ids-file -: stdin holds either the secret or the IDs");
    }
    FailedCalloutQuery query = null;
    FoundSet.Recorded recorded = null;
    List<String> unique;
    if (failed) {
      if (!ids.isEmpty() || idsFile != null) {
        throw usage(
            "--failed finds the IDs to resend: give no ID arguments and no --ids-file with it");
      }
      FailedCalloutQuery q = valid(() -> find.query(null));
      query = q;
      recorded = valid(() -> FailedIds.resumable(journal, q, find.to != null));
      unique = List.of();
    } else {
      if (find.anyGiven()) {
        throw usage(
            "--from, --to and the filters of a find need --failed (resend --failed --from ...)");
      }
      unique = readIds();
    }
    LogOptions logs = LogOptions.of(verbose.length, logFile);
    String logRefused = logs.refusal(journal, idsFile);
    if (logRefused != null) {
      throw usage(cannotUseLogFile(logRefused));
    }
    HttpLogLevel logLevel = logs.client();
    CalloutResendClient.Builder client =
        CalloutResendClient.builder()
            .retryPolicy(options.retry())
            .httpLogLevel(logLevel)
            .applicationId(CliVersion.USER_AGENT_TOKEN);
    if (attemptTimeout != null) {
      valid(option("--attempt-timeout"), () -> client.attemptTimeout(attemptTimeout));
    }
    ResendRun.Server server;
    try {
      Credentials.Missing missing =
          idsFromStdin
              ? Credentials.Missing.none()
              : dryRun
                  ? Credentials.Missing.wouldPrompt(terminal)
                  : Credentials.Missing.prompt(terminal, context.err());
      server = choice.configure(client, context, missing, logs.tokens());
    } catch (RunOptions.BadFlag e) {
      throw usage("Invalid value for " + option(e.option()) + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    RunReport.Target target =
        server.isSimulator() ? RunReport.Target.simulator(null) : server.target();
    if (dryRun && failed) {
      LogSink log = openLog(logs);
      return new FindRun(context, terminal, EmbeddedSimulator::start, quiet, this::usage)
          .list(
              query,
              format == OutputFormat.JSON ? FindReport.Format.JSON : FindReport.Format.TABLE,
              server,
              client,
              log,
              allRows,
              true);
    }
    if (dryRun) {
      return dryRun(format, client, server, target, unique, options, idsFromStdin);
    }
    if (!failed && Confirmation.needed(target, unique.size(), yes, idsFromStdin, terminal)) {
      int batches = (unique.size() + batchSize - 1) / batchSize;
      if (!Confirmation.ask(terminal, context.err(), target, unique.size(), batches)) {
        String error = "Not confirmed: nothing was sent.";
        context.err().println(error);
        if (format == OutputFormat.JSON) {
          JsonReport.print(
              RunReport.notStarted(error, journal == null ? null : journal.toString()),
              context.out());
        }
        return ExitCodes.NOT_CONFIRMED;
      }
    }
    String rerun = RerunCommand.of(args, context.env());
    if (journal != null) {
      StopSignals.rerunWith(rerun);
    }
    LogSink log = openLog(logs);
    ResendRun.IdSource source =
        failed
            ? new FailedIds.Resend(context, terminal, quiet, this::usage, journal, yes, batchSize)
                .source(query, recorded, format == OutputFormat.JSON, server)
            : ResendRun.IdSource.of(unique);
    RunReport report;
    try {
      report =
          new ResendRun(
                  context,
                  this::usage,
                  new ResendRun.Labels(trackId, idempotencyKey, journal),
                  log,
                  status)
              .send(source, options.batches(), client, server);
    } catch (ResendRun.Stopped stopped) {
      return stopped.exitStatus();
    }
    format.print(report, context.out(), allRows ? RowLimit.NONE : RowLimit.onTerminal(terminal));
    printWayBack(report, rerun);
    return ExitCodes.of(report);
  }

  private LogSink openLog(LogOptions logs) {
    try {
      return logs.open(context.err());
    } catch (IOException e) {
      throw usage(cannotUseLogFile(FileErrors.describe(e)));
    }
  }

  /**
   * When IDs are left without an outcome, the last lines on stderr say how to finish the run, below
   * everything the report printed: the command that resumes it (with the journal) or reruns it
   * safely (with an idempotency key), else the advice on sending them again.
   */
  private void printWayBack(RunReport report, String rerun) {
    if (report.unresolved().isEmpty()) {
      return;
    }
    java.io.PrintStream err = context.err();
    err.println();
    RerunAdvice.why(report).forEach(err::println);
    if (journal == null && idempotencyKey == null) {
      err.println(RerunAdvice.of(report));
      err.println(RerunAdvice.SAFE_RERUN);
    } else {
      err.println(
          RerunAdvice.of(report)
              + (report.server() == null || report.server().simulator()
                  ? " The command"
                  : " With the same credentials in the environment, the command")
              + (idsFile != null && idsFile.equals("-") ? " (fed the same IDs on stdin)" : "")
              + (serverOptions.secretStdin() ? " (fed the secret on stdin)" : "")
              + " is:");
      err.println(rerun);
    }
    err.flush();
  }

  /**
   * Every check a run makes before sending has passed: prints what it would do, starting nothing
   * (no simulator, no token request) and leaving the journal as it is.
   */
  private int dryRun(
      OutputFormat format,
      CalloutResendClient.Builder client,
      ResendRun.Server server,
      RunReport.Target target,
      List<String> ids,
      RunOptions options,
      boolean idsFromStdin) {
    if (!server.isSimulator()) {
      try {
        client.build(); // checks what only the builder does; sends nothing
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw usage("Invalid value for option '--base-url': " + e.getMessage());
      }
    }
    dev.zuoraclient.callouts.JournalPlan plan = null;
    if (journal != null) {
      try {
        plan = options.batches().journalPlan(ids).orElse(null);
        if (plan == null && !java.nio.file.Files.exists(journal)) {
          DryRun.checkCreatable(journal);
        }
      } catch (IllegalArgumentException e) {
        throw usage("Cannot resume: " + e.getMessage());
      } catch (java.io.UncheckedIOException e) {
        throw usage("Cannot use --journal: " + e.getMessage());
      }
    }
    new DryRun(
            target,
            server.credentials(),
            ids.size(),
            batchSize,
            journal,
            plan,
            Confirmation.wouldAsk(target, ids.size(), yes, idsFromStdin))
        .print(format, context.out());
    return ExitCodes.ALL_ACCEPTED;
  }

  private List<String> readIds() {
    for (int i = 0; i < ids.size(); i++) {
      if (ids.get(i).indexOf('\uFFFD') >= 0) {
        // What the JVM makes of bytes the locale cannot decode: the real ID is lost.
        throw usage(
            "ID argument "
                + (i + 1)
                + " holds U+FFFD, the mark of a character the locale could not decode: run with a"
                + " UTF-8 locale (for example LC_ALL=C.UTF-8) or give the IDs with --ids-file");
      }
    }
    List<String> unique;
    try {
      unique = IdReader.read(ids, idsFile, context.stdin());
    } catch (IdReader.InvalidIdException e) {
      throw usage(e.getMessage());
    } catch (IOException e) {
      throw usage(
          "Cannot read --ids-file '"
              + SafeText.printable(idsFile)
              + "': "
              + SafeText.printable(FileErrors.describe(e)));
    }
    if (unique.isEmpty()) {
      throw usage("No callout history IDs: give them as arguments or with --ids-file");
    }
    return unique;
  }

  private String cannotUseLogFile(String why) {
    return "Cannot use --log-file '" + SafeText.printable(logFile.toString()) + "': " + why;
  }

  /** {@code check}'s value; its {@link IllegalArgumentException} is a usage error. */
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
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw usage("Invalid value for " + what + ": " + e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static String option(String name) {
    return "option '" + name + "'";
  }
}
