package dev.zuoraclient.callouts.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM for a run of the command: the first asks the run to stop (no new
 * batch starts, the batches in flight get {@link #GRACE} to end, then the report is printed with
 * every ID); the second stops the JVM at once. The journal is forced to disk at every step, so even
 * then a rerun with {@code --journal} resumes where the run was.
 *
 * <p>The JDK's own handling would run shutdown hooks and exit with no report; {@code
 * sun.misc.Signal} (module {@code jdk.unsupported}) is the JDK's way to handle the signals instead.
 */
final class StopSignals {
  /** How long a stopped run waits for the batches in flight. */
  static final java.time.Duration GRACE = java.time.Duration.ofSeconds(30);

  private static final AtomicReference<String> RECEIVED = new AtomicReference<>();
  private static final AtomicInteger COUNT = new AtomicInteger();
  private static final AtomicReference<String> RERUN = new AtomicReference<>();
  private static volatile boolean asking;

  private StopSignals() {}

  /** Handles SIGINT and SIGTERM by interrupting {@code runner}; notes go to {@code err}. */
  static void install(Thread runner, PrintStream err) {
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal.handle(new Signal(name), s -> received(s, runner, err));
      } catch (IllegalArgumentException e) {
        // this platform has no such signal (or the JVM reserves it): the default stays
      }
    }
  }

  /** The command that resumes the run, printed when a second signal stops it at once. */
  static void rerunWith(String command) {
    RERUN.set(command);
  }

  /** What the first signal says while the command is finding failed callouts (or not). */
  static void finding(boolean finding) {
    FINDING.set(finding);
  }

  private static final java.util.concurrent.atomic.AtomicBoolean FINDING =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Whether the command is waiting for the answer to its question: a signal then ends it at once,
   * as nothing has been sent (the read of the answer cannot be interrupted).
   */
  static void asking(boolean waiting) {
    asking = waiting;
  }

  private static void received(Signal signal, Thread runner, PrintStream err) {
    if (asking) {
      err.println();
      err.println("Not confirmed: nothing was sent.");
      err.flush();
      Runtime.getRuntime().halt(exitStatus(signal.getName()));
    }
    if (COUNT.incrementAndGet() > 1) {
      String rerun = RERUN.get();
      err.println(
          rerun == null
              ? "Stopped at once. Rerun with the same --journal to resume."
              : "Stopped at once. To resume, run:");
      if (rerun != null) {
        err.println(rerun);
      }
      err.flush();
      Runtime.getRuntime().halt(exitStatus(signal.getName()));
    }
    RECEIVED.set(signal.getName());
    if (FINDING.get()) {
      err.println("Stopping: the query job is cancelled, and nothing is sent.");
      err.flush();
      runner.interrupt();
      return;
    }
    err.println(
        "Stopping: no new batch starts; waiting up to "
            + GRACE.toSeconds()
            + " s for the batches in flight (press Ctrl-C again to stop at once).");
    err.flush();
    runner.interrupt();
  }

  /** The exit status after a signal stopped the run, or -1 when none did. */
  static int exitStatus() {
    String name = RECEIVED.get();
    return name == null ? -1 : exitStatus(name);
  }

  private static int exitStatus(String name) {
    return name.equals("TERM") ? ExitCodes.TERMINATED : ExitCodes.INTERRUPTED;
  }
}
