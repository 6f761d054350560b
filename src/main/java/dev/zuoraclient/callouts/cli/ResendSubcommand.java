package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.BatchOptions;
import dev.zuoraclient.callouts.BatchResendResult;
import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.HttpLogLevel;
import dev.zuoraclient.callouts.RetryPolicy;
import dev.zuoraclient.callouts.ZuoraEnvironment;
import dev.zuoraclient.callouts.internal.ErrorRules;
import dev.zuoraclient.callouts.internal.SafeText;
import dev.zuoraclient.callouts.internal.SpecRules;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code resend} subcommand: its options, the checks that run before anything is sent, and the
 * run itself through {@link CalloutResendClient#resendAll(Iterable, BatchOptions)}. Started by
 * {@link ResendCommand}, which gives it a {@link CliContext}.
 */
@Command(
    name = "resend",
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    abbreviateSynopsis = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    header = "Resends Zuora callout notifications by callout history ID.",
    description = {
      "Resends Zuora callout notifications (POST /notifications/callout-histories/resend) by"
          + " callout history ID, up to "
          + SpecRules.MAX_IDS_TEXT
          + " per request, and reports which Zuora accepted, which"
          + " it refused and why, and which have no outcome.",
      "Every option, credential and ID is checked before anything is sent.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every ID was accepted",
      "1:anything else: authentication, network, server or unreadable answer, or any ID"
          + " unresolved",
      "2:usage or validation error; nothing was sent",
      "3:Zuora refused some IDs and accepted the others",
      "4:Zuora refused every ID",
      "130:stopped by Ctrl-C (SIGINT); the report lists every ID",
      "143:stopped by SIGTERM; the report lists every ID"
    },
    footerHeading = "%n",
    footer = {
      "Server: --env or --base-url talks to Zuora. Without either, the command runs against an"
          + " embedded Zuora simulator and sends nothing to Zuora: every ID is resent except IDs"
          + " that start with 'unknown', which fail with ObjectNotFound. No credentials are needed"
          + " there.",
      "",
      "Credentials, from environment variables only (never printed):",
      "  ZUORA_ACCESS_TOKEN                       a bearer token, or",
      "  ZUORA_CLIENT_ID and ZUORA_CLIENT_SECRET  an OAuth client (one token per run)",
      "",
      "Output: the report goes to stdout; notes, progress and --verbose logs go to stderr. With"
          + " --output json, stdout holds exactly one JSON document: requested, accepted, failed"
          + " [{id, code, message}], unresolved [id], requestIds, trackId and error (null unless"
          + " something stopped the run). A usage error prints one too, with requested 0 and error"
          + " set.",
      "",
      "Example:",
      "  ZUORA_ACCESS_TOKEN=... java -jar zuora-callout-resend-cli.jar resend \\",
      "      --env us-production-2 --ids-file failed-callouts.txt \\",
      "      --track-id incident-42 --idempotency-key incident-42"
    })
final class ResendSubcommand implements Callable<Integer> {
  // Over our 300-line guide on purpose: most of it is the options' help text, which stays in the
  // annotations because it quotes the spec's limits (SpecRules) and the retry rule (ErrorRules) as
  // compile-time constants; the work is RunOptions', ServerChoice's, IdReader's and the reports'.

  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "ID", arity = "0..*", description = "Callout history IDs to resend.")
  private List<String> ids = new ArrayList<>();

  @Option(
      names = "--ids-file",
      paramLabel = "PATH",
      description =
          "Also resend the IDs in PATH ('-' for stdin), one per line; lines are trimmed, and"
              + " blank lines and lines starting with # are skipped.")
  private String idsFile;

  @Option(
      names = "--env",
      paramLabel = "NAME",
      completionCandidates = EnvironmentNames.class,
      description = "Zuora's server: ${COMPLETION-CANDIDATES}.")
  private String env;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description = "Any server (https, or http on loopback); overrides --env.")
  private String baseUrl;

  @Option(
      names = "--simulator",
      description =
          "Use the embedded Zuora simulator (the default without --env and --base-url): IDs"
              + " starting with 'unknown' fail with ObjectNotFound, all others are resent.")
  private boolean simulator;

  @Option(
      names = "--track-id",
      paramLabel = "V",
      description =
          "Zuora-Track-Id: up to "
              + SpecRules.ZUORA_TRACK_ID_MAX_LENGTH
              + " printable US-ASCII characters, none of : ; \" '.")
  private String trackId;

  @Option(
      names = "--idempotency-key",
      paramLabel = "V",
      description =
          "Idempotency-Key; each batch is sent with V- and a hash of its IDs, so running the"
              + " same IDs again with the same key never resends a notification twice.")
  private String idempotencyKey;

  @Option(
      names = "--entity-id",
      paramLabel = "V",
      description = "Zuora-Entity-Ids, for a token valid for several entities.")
  private String entityId;

  @Option(
      names = "--org-ids",
      paramLabel = "ORG",
      split = ",",
      description = "Zuora-Org-Ids, comma-separated, for a multi-org tenant.")
  private List<String> orgIds;

  @Option(names = "--gzip", description = "Send the request body gzipped.")
  private boolean gzip;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = SpecRules.MAX_IDS_TEXT,
      description =
          "IDs per request, 1.." + SpecRules.MAX_IDS_TEXT + " (default ${DEFAULT-VALUE}).")
  private int batchSize;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "The most requests in flight, 1..40 (default ${DEFAULT-VALUE}); the run starts with one"
              + " and grows while Zuora answers cleanly, backing off together on 429.")
  private int concurrency;

  @Option(
      names = "--journal",
      paramLabel = "FILE",
      description =
          "Record the run in FILE (JSON Lines, forced to disk at every step). If FILE holds the"
              + " journal of a run over the same IDs and batch size, resume it: batches with an"
              + " outcome are not sent again, the others are sent with the key they had, so"
              + " nothing is resent twice after Ctrl-C, a crash or kill -9.")
  private Path journal;

  @Option(
      names = "--max-attempts",
      paramLabel = "N",
      defaultValue = "3",
      description =
          "Attempts per request, 1..10 (default ${DEFAULT-VALUE}); only network errors and "
              + ErrorRules.RETRIED_STATUSES
              + " are retried, always with the same idempotency key.")
  private int maxAttempts;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table or json (default ${DEFAULT-VALUE}).")
  private String output;

  @Option(
      names = "--verbose",
      description =
          "Log each HTTP exchange (method, URL, status, time) to stderr; never a header value,"
              + " token or secret.")
  private boolean verbose;

  private final CliContext context;

  ResendSubcommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    OutputFormat format = valid(option("--output"), () -> OutputFormat.parse(output));
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
                  maxAttempts),
              StopSignals.GRACE,
              new ProgressPrinter(context.err()));
    } catch (RunOptions.BadFlag e) {
      throw usage(
          "Invalid value"
              + (e.option() == null ? "" : " for " + option(e.option()))
              + ": "
              + e.getMessage());
    }
    BatchOptions batchOptions = options.batches();
    RetryPolicy retry = options.retry();
    ZuoraEnvironment environment =
        env == null ? null : valid(option("--env"), () -> EnvironmentNames.parse(env));
    boolean useSimulator;
    try {
      useSimulator = ServerChoice.simulator(simulator, env, baseUrl);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    List<String> unique = readIds();
    HttpLogLevel logLevel = verbose ? HttpLogLevel.BASIC : HttpLogLevel.NONE;
    CalloutResendClient.Builder client =
        CalloutResendClient.builder()
            .retryPolicy(retry)
            .httpLogLevel(logLevel)
            .applicationId(CliVersion.USER_AGENT_TOKEN);
    String target = null;
    if (!useSimulator) {
      try {
        target =
            ServerChoice.configure(
                client, environment, baseUrl, context.env(), logLevel, context.err());
      } catch (RunOptions.BadFlag e) {
        throw usage("Invalid value for " + option(e.option()) + ": " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
    }
    RunReport report = send(unique, batchOptions, client, useSimulator, target);
    print(report, format, context.out());
    return ExitCodes.of(report);
  }

  /** Sends every batch; a usage error found on the way still means nothing was sent. */
  private RunReport send(
      List<String> unique,
      BatchOptions batchOptions,
      CalloutResendClient.Builder client,
      boolean useSimulator,
      String target) {
    HttpLogRedirect logs = verbose ? HttpLogRedirect.to(context.err()) : null;
    try (EmbeddedSimulator sim = useSimulator ? startSimulator() : null) {
      String where = target;
      if (sim != null) {
        client.baseUri(sim.baseUri()).accessTokenProvider(sim.tokens());
        where = sim.baseUri() + " (embedded simulator)";
      }
      CalloutResendClient resender = valid(option("--base-url"), client::build);
      int batches = (unique.size() + batchOptions.batchSize() - 1) / batchOptions.batchSize();
      context
          .err()
          .println(
              "Resending "
                  + plural(unique.size(), "callout notification")
                  + " in "
                  + plural(batches, "batch")
                  + " to "
                  + where
                  + resuming()
                  + ".");
      BatchResendResult result;
      try {
        result = resender.resendAll(unique, batchOptions);
      } catch (IllegalArgumentException e) {
        // resendAll checks every ID and the journal before sending any
        throw usage(
            e.getMessage().startsWith("journal ")
                ? "Cannot resume: " + e.getMessage()
                : "Invalid callout history ID: " + e.getMessage());
      } catch (java.io.UncheckedIOException e) {
        throw usage("Cannot use --journal: " + e.getMessage());
      }
      return RunReport.of(
          result,
          unique,
          batchOptions.batchSize(),
          trackId,
          idempotencyKey,
          journal == null ? null : journal.toString());
    } catch (ParameterException e) {
      throw e;
    } catch (RuntimeException e) {
      // For example the simulator could not listen: nothing was sent.
      return RunReport.notSent(unique, trackId, idempotencyKey, RunReport.message(e));
    } finally {
      if (logs != null) {
        logs.close();
      }
    }
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
    } catch (IOException e) {
      throw usage(
          "Cannot read --ids-file '"
              + SafeText.printable(idsFile)
              + "': "
              + SafeText.printable(RunReport.message(e)));
    }
    if (unique.isEmpty()) {
      throw usage("No callout history IDs: give them as arguments or with --ids-file");
    }
    return unique;
  }

  /** Says so when the journal already holds a run: its resolved batches are not sent again. */
  private String resuming() {
    try {
      return journal != null && Files.isRegularFile(journal) && Files.size(journal) > 0
          ? ", resuming the run in "
              + SafeText.printable(journal.toString())
              + " (batches it holds as resolved are not sent again)"
          : "";
    } catch (IOException e) {
      return ""; // resendAll reads the journal next and reports what is wrong with it
    }
  }

  private EmbeddedSimulator startSimulator() {
    PrintStream err = context.err();
    err.println(
        (simulator ? "Using" : "No --env or --base-url given: using")
            + " the embedded Zuora simulator; nothing is sent to Zuora.");
    err.println(
        "In the simulator, IDs starting with '"
            + ZuoraSimulator.UNKNOWN_ID_PREFIX
            + "' fail with ObjectNotFound; all others are resent.");
    return EmbeddedSimulator.start();
  }

  private static void print(RunReport report, OutputFormat format, PrintStream out) {
    if (format == OutputFormat.JSON) {
      JsonReport.print(report, out);
    } else {
      TableReport.print(report, out);
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

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : noun.endsWith("h") ? "es" : "s");
  }
}
