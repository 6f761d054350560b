package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.BatchOptions;
import dev.zuoraclient.callouts.BatchResendResult;
import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.JournalPlan;
import dev.zuoraclient.callouts.internal.SafeText;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import picocli.CommandLine.ParameterException;

/**
 * One run of {@code resend} once its options are valid: it starts the embedded simulator when
 * asked, sends every batch through {@link CalloutResendClient#resendAll}, and turns what happened
 * into a {@link RunReport}. What the library refuses before sending (an ID, the journal, the
 * server's address) is a usage error, and still means nothing was sent.
 */
final class ResendRun {
  /**
   * What the report repeats of the command line.
   *
   * @param trackId {@code --track-id}, or null
   * @param idempotencyKey {@code --idempotency-key}, or null
   * @param journal {@code --journal}, or null
   */
  record Labels(String trackId, String idempotencyKey, Path journal) {}

  /**
   * Where the run sends.
   *
   * @param target Zuora's server; null for the embedded simulator, whose address is known once it
   *     has started
   * @param credentials the variables the credentials for Zuora come from (never their values); null
   *     for the simulator
   * @param simulatorAsked whether {@code --simulator} was given (rather than implied)
   * @param unusedCredentials the credential variables set for a run against the simulator, which
   *     takes none
   */
  record Server(
      RunReport.Target target,
      String credentials,
      boolean simulatorAsked,
      List<String> unusedCredentials) {
    static Server zuora(RunReport.Target target, String credentials) {
      return new Server(
          Objects.requireNonNull(target, "target"),
          Objects.requireNonNull(credentials, "credentials"),
          false,
          List.of());
    }

    static Server simulator(boolean asked, List<String> unusedCredentials) {
      return new Server(null, null, asked, List.copyOf(unusedCredentials));
    }

    boolean isSimulator() {
      return target == null;
    }
  }

  private final CliContext context;
  private final Function<String, ParameterException> usage;
  private final Labels labels;
  private final LogSink log;
  private final Function<Thread, EmbeddedSimulator> simulators;
  private final RunStatus status;

  /**
   * @param status what stderr shows while the run is under way; the batch options given to {@link
   *     #send} must have it as their event listener
   */
  ResendRun(
      CliContext context,
      Function<String, ParameterException> usage,
      Labels labels,
      LogSink log,
      RunStatus status) {
    this(context, usage, labels, log, EmbeddedSimulator::start, status);
  }

  /**
   * With the embedded simulator {@code simulators} starts for the runner thread it is given.
   *
   * @param log where the HTTP log goes (closed at the end of the run), or null for none
   */
  ResendRun(
      CliContext context,
      Function<String, ParameterException> usage,
      Labels labels,
      LogSink log,
      Function<Thread, EmbeddedSimulator> simulators,
      RunStatus status) {
    this.context = context;
    this.usage = usage;
    this.labels = labels;
    this.log = log;
    this.simulators = simulators;
    this.status = status;
  }

  /**
   * Where a run's IDs come from: a list read before the run, or a find made with the run's client
   * once it is connected ({@code resend --failed}).
   */
  @FunctionalInterface
  interface IdSource {
    /**
     * The IDs to send, checked and without duplicates.
     *
     * @throws Stopped when the run must end before sending anything
     */
    List<String> ids(CalloutResendClient client, RunReport.Target target);

    static IdSource of(List<String> ids) {
      return (client, target) -> ids;
    }
  }

  /** An {@link IdSource} that ended the run before anything was sent, with this exit status. */
  static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitStatus;

    Stopped(int exitStatus, String message, Throwable cause) {
      super(message, cause);
      this.exitStatus = exitStatus;
    }

    int exitStatus() {
      return exitStatus;
    }
  }

  /** Sends every batch of {@code ids} (checked and without duplicates) to {@code server}. */
  RunReport send(
      List<String> ids, BatchOptions batches, CalloutResendClient.Builder client, Server server) {
    return send(IdSource.of(ids), batches, client, server);
  }

  /**
   * Sends every batch of the IDs {@code source} gives to {@code server}.
   *
   * @throws Stopped when {@code source} ended the run: nothing was sent
   */
  RunReport send(
      IdSource source, BatchOptions batches, CalloutResendClient.Builder client, Server server) {
    List<String> ids = List.of();
    HttpLogRedirect logs = log == null ? null : HttpLogRedirect.to(log);
    RunReport.Target target =
        server.isSimulator() ? RunReport.Target.simulator(null) : server.target();
    try (EmbeddedSimulator sim = server.isSimulator() ? startSimulator(server) : null) {
      String where;
      if (sim != null) {
        client.baseUri(sim.baseUri()).accessTokenProvider(sim.tokens());
        target = RunReport.Target.simulator(sim.baseUri().toString());
        where = sim.baseUri() + " (embedded simulator)";
      } else {
        where = target.describe() + " with credentials from " + server.credentials();
      }
      CalloutResendClient resender = build(client);
      BatchResendResult result;
      try (status;
          resender) {
        ids = source.ids(resender, target);
        // Read as the run reads it: a resumed run takes the journal's batches.
        JournalPlan plan = batches.journalPlan(ids).orElse(null);
        int batchCount =
            plan != null
                ? plan.batches()
                : (ids.size() + batches.batchSize() - 1) / batches.batchSize();
        String announcement =
            "Resending "
                + plural(ids.size(), "callout notification")
                + " in "
                + plural(batchCount, "batch")
                + " to "
                + where
                + (plan == null ? "" : JournalLayout.note(plan, batches.batchSize()));
        status.start(ids.size(), batchCount, announcement, journalName());
        result = resender.resendAll(ids, batches);
      } catch (IllegalArgumentException e) {
        // resendAll checks every ID and the journal before sending any
        throw usage.apply(
            e.getMessage().startsWith("journal ")
                ? "Cannot resume: " + e.getMessage()
                : "Invalid callout history ID: " + e.getMessage());
      } catch (IllegalStateException e) {
        if (e.getMessage() == null || !e.getMessage().startsWith("journal ")) {
          throw e;
        }
        // another run holds the journal: nothing was sent
        throw usage.apply("Cannot use --journal: " + e.getMessage());
      } catch (UncheckedIOException e) {
        throw usage.apply("Cannot use --journal: " + e.getMessage());
      }
      RunReport report =
          RunReport.of(
              result,
              ids,
              batches.batchSize(),
              labels.trackId(),
              labels.idempotencyKey(),
              labels.journal() == null ? null : labels.journal().toString(),
              target,
              server.credentials());
      return sim == null ? report : withSimulatorFault(report, sim);
    } catch (ParameterException | Stopped e) {
      throw e;
    } catch (RuntimeException e) {
      // For example the simulator could not listen: nothing was sent.
      return RunReport.notSent(
          ids,
          labels.trackId(),
          labels.idempotencyKey(),
          labels.journal() == null ? null : labels.journal().toString(),
          RunReport.message(e),
          target);
    } finally {
      if (logs != null) {
        logs.close();
      }
    }
  }

  /**
   * When a fault of the simulator's own stopped the run, it is what the report leads with (the
   * batches it left unsent say only that the run was interrupted), and its interrupt is spent.
   */
  private RunReport withSimulatorFault(RunReport report, EmbeddedSimulator sim) {
    Throwable fault = sim.failure();
    if (fault == null) {
      return report;
    }
    Thread.interrupted(); // the simulator's: a signal's is kept apart, by StopSignals
    String error =
        "the embedded simulator failed ("
            + fault
            + "), so the run was stopped; nothing was sent to Zuora";
    context.err().println("error: " + SafeText.printable(error) + ".");
    return report.withError(error);
  }

  private CalloutResendClient build(CalloutResendClient.Builder client) {
    try {
      return client.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw usage.apply("Invalid value for option '--base-url': " + e.getMessage());
    }
  }

  /** The journal as the notes name it, or null without one. */
  private String journalName() {
    Path journal = labels.journal();
    return journal == null ? null : SafeText.printable(journal.toString());
  }

  private EmbeddedSimulator startSimulator(Server server) {
    PrintStream err = context.err();
    err.println(
        (server.simulatorAsked() ? "Using" : "No --env or --base-url given: using")
            + " the embedded Zuora simulator; nothing is sent to Zuora.");
    List<String> unused = server.unusedCredentials();
    if (!unused.isEmpty()) {
      err.println(
          Credentials.areSet(unused) + " but not used: the simulator takes no credentials.");
    }
    err.println(
        "In the simulator, IDs starting with '"
            + ZuoraSimulator.UNKNOWN_ID_PREFIX
            + "' fail with ObjectNotFound; all others are resent.");
    return simulators.apply(Thread.currentThread());
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : noun.endsWith("h") ? "es" : "s");
  }
}
