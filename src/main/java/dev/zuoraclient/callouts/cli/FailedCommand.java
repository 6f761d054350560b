package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.history.FailedCalloutQuery;
import dev.zuoraclient.callouts.internal.FileErrors;
import java.io.IOException;
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
    return new FindRun(context, terminal, simulators, quiet, this::usage)
        .list(query, format, chosen, client, log, allRows, false);
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
