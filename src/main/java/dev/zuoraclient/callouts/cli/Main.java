package dev.zuoraclient.callouts.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The entry point of the command-line tool:
 *
 * <pre>
 * java -jar zuora-callout-resend-cli.jar resend [OPTIONS] [ID...]
 * java -jar zuora-callout-resend-cli.jar help [resend]
 * </pre>
 *
 * <p>{@code resend} resends callout notifications through {@link
 * dev.zuoraclient.callouts.CalloutResendClient}, prints a report (a table, or one JSON document) on
 * stdout, and exits with a status that says how the run went: 0 all accepted, 3 some failed, 4 all
 * failed, 2 usage or validation error (nothing sent), 1 anything else, 5 the journal could not be
 * written, 6 the question before a big production run was not answered yes, 7 the {@code --timeout}
 * passed, 130 or 143 stopped by SIGINT or SIGTERM. Every option, credential and ID is checked
 * before anything is sent. {@code --help} says the rest.
 *
 * <p>Without {@code --env} or {@code --base-url} it runs against an embedded {@link
 * dev.zuoraclient.callouts.simulator.ZuoraSimulator}, where IDs starting with {@code unknown} fail
 * with {@code ObjectNotFound} and all others are resent; when credentials are set, that takes
 * {@code --simulator}, and without it the run is refused (exit 2). Every report names the server it
 * ran against.
 *
 * <p>Tests call {@link #run} in-process, where no question is ever asked; {@link #main} adds only
 * the JVM's streams, environment, terminal and exit.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the command with the JVM's streams and environment, and exits with its status. Ctrl-C or
   * SIGTERM stops the run with a report (exit 130 or 143); a second one stops it at once.
   */
  public static void main(String[] args) {
    Terminal terminal = Terminal.system(System.in);
    StatusLine line =
        terminal.stderrIsTerminal() ? new StatusLine(System.err, terminal.columns()) : null;
    PrintStream err = line == null ? System.err : line.stream();
    StopSignals.install(Thread.currentThread(), err);
    int status = run(args, System.in, System.out, err, System.getenv(), terminal, line);
    int stopped = StopSignals.exitStatus();
    System.exit(stopped >= 0 ? stopped : status);
  }

  /**
   * Runs the command line {@code args} (starting with the subcommand, {@code resend}) and returns
   * its exit status. Never calls {@code System.exit}.
   *
   * @param args the arguments, for example {@code resend --env us-production-2 ID...}
   * @param stdin read only for {@code --ids-file -}
   * @param out receives the report and nothing else
   * @param err receives notes, progress, logs and error messages
   * @param env the environment variables, for the credentials
   * @return the exit status
   */
  public static int run(
      String[] args, InputStream stdin, PrintStream out, PrintStream err, Map<String, String> env) {
    return run(args, stdin, out, err, env, Terminal.none());
  }

  /**
   * The same, with {@code terminal} to ask before a big run against production, and to show a live
   * status line on when its stderr is one.
   */
  static int run(
      String[] args,
      InputStream stdin,
      PrintStream out,
      PrintStream err,
      Map<String, String> env,
      Terminal terminal) {
    if (!terminal.stderrIsTerminal()) {
      return run(args, stdin, out, err, env, terminal, null);
    }
    StatusLine line = new StatusLine(err, terminal.columns());
    return run(args, stdin, out, line.stream(), env, terminal, line);
  }

  /**
   * @param err stderr; when there is a {@code line}, its {@link StatusLine#stream()}
   * @param line the status line, when stderr is a terminal; else null
   */
  private static int run(
      String[] args,
      InputStream stdin,
      PrintStream out,
      PrintStream err,
      Map<String, String> env,
      Terminal terminal,
      StatusLine line) {
    CliContext context = new CliContext(stdin, out, err, Map.copyOf(env));
    CommandLine cli = commandLine(context, List.of(args), terminal, line);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler((e, a) -> usageError(e, a, context));
    cli.setExecutionExceptionHandler((e, c, parsed) -> unexpected(e, args, context));
    int status;
    try {
      status = cli.execute(args);
    } catch (Error e) {
      // Picocli lets an Error through (out of memory, say). The command still ends, with a status
      // and a message, rather than leaving the JVM to the threads still running.
      status = unexpected(e, args, context);
    }
    out.flush();
    err.flush();
    return status;
  }

  /**
   * The command line's picocli model, with the help laid out as {@code --help} shows it: what
   * {@link #run} executes, and what the distribution's man page and shell completion are written
   * from (so that neither can disagree with the help).
   */
  static CommandLine commandLine(
      CliContext context, List<String> args, Terminal terminal, StatusLine line) {
    CommandLine cli = new CommandLine(new ZuoraCli(), new Factory(context, args, terminal, line));
    // An ID may start with '@'; --ids-file is how to read IDs from a file.
    cli.setExpandAtFiles(false);
    ResendHelp.install(cli.getSubcommands().get("resend"));
    return cli;
  }

  /** Picocli's handler for a usage error, found while parsing or by the command. */
  private static int usageError(ParameterException e, String[] args, CliContext context) {
    PrintStream err = context.err();
    err.println("error: " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println(
        "Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more.");
    if (OutputFormat.requestedIn(args) == OutputFormat.JSON) {
      JsonReport.print(
          RunReport.notStarted(e.getMessage(), OutputFormat.valueIn(args, "--journal")),
          context.out());
    }
    err.flush();
    return ExitCodes.USAGE;
  }

  /** Picocli's handler for an exception the command did not expect; an Error goes here too. */
  private static int unexpected(Throwable e, String[] args, CliContext context) {
    // An Error's message alone ("Java heap space") does not say what happened.
    String message = e instanceof Error ? e.toString() : RunReport.message(e);
    context.err().println("error: " + message);
    if (OutputFormat.requestedIn(args) == OutputFormat.JSON) {
      JsonReport.print(RunReport.notStarted(message), context.out());
    }
    context.err().flush();
    return ExitCodes.ERROR;
  }

  /** Gives the command its context; picocli creates everything else itself. */
  private record Factory(CliContext context, List<String> args, Terminal terminal, StatusLine line)
      implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == ResendCommand.class) {
        return type.cast(new ResendCommand(context, args, terminal, line));
      }
      if (type == FailedCommand.class) {
        return type.cast(new FailedCommand(context, terminal, EmbeddedSimulator::start));
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
