package dev.zuoraclient.callouts.cli;

/** The command's exit statuses, and which one a run ends with. */
final class ExitCodes {
  /** Every ID was accepted. */
  static final int ALL_ACCEPTED = 0;

  /** Anything else: authentication, network, server, an unreadable answer, unresolved IDs. */
  static final int ERROR = 1;

  /** A usage or validation error; nothing was sent. */
  static final int USAGE = 2;

  /** Zuora refused some IDs and accepted the others. */
  static final int SOME_FAILED = 3;

  /** Zuora refused every ID. */
  static final int ALL_FAILED = 4;

  /**
   * The journal could not be written mid-run (a full disk, say): no batch started after that; the
   * report is the full account, and a rerun with the same journal resumes safely.
   */
  static final int JOURNAL_FAILED = 5;

  /**
   * The question before a big run against production was not answered with yes: nothing was sent.
   */
  static final int NOT_CONFIRMED = 6;

  /**
   * The {@code --timeout} passed before every batch was sent: the report lists what was left
   * unresolved, and a rerun with the same journal (or idempotency key) finishes the run.
   */
  static final int TIMED_OUT = 7;

  /**
   * A find's Data Query job failed, or someone cancelled it: nothing was listed or resent. Zuora's
   * message says why.
   */
  static final int QUERY_JOB_FAILED = 8;

  /**
   * A find's result file could not be read whole (refused, expired, cut short, malformed, too
   * large): nothing was listed or resent; a new find gets a fresh file.
   */
  static final int RESULT_UNREADABLE = 9;

  /** Ctrl-C (SIGINT) stopped the run; the report lists what was left unresolved. */
  static final int INTERRUPTED = 130;

  /** SIGTERM stopped the run; the report lists what was left unresolved. */
  static final int TERMINATED = 143;

  private ExitCodes() {}

  /**
   * A journal that failed outranks everything of the run's own (a signal's status, set apart, still
   * wins): the operator must deal with its cause before the run can be finished. A time limit that
   * passed comes next: the run ended because it was told to, and a rerun finishes it. An unresolved
   * ID outranks refusals: a script that sees 3 or 4 may treat the run as finished, which is only
   * true when Zuora answered for every ID.
   */
  static int of(RunReport report) {
    if (report.journalError() != null) {
      return JOURNAL_FAILED;
    }
    if (report.timedOut()) {
      return TIMED_OUT;
    }
    if (report.error() != null || !report.unresolved().isEmpty()) {
      return ERROR;
    }
    if (report.accepted() == report.requested()) {
      return ALL_ACCEPTED;
    }
    return report.accepted() == 0 ? ALL_FAILED : SOME_FAILED;
  }
}
