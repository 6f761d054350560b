package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.internal.SafeText;
import java.util.ArrayList;
import java.util.List;

/**
 * What to do about a run's unresolved IDs, in one wording for the table report and for the last
 * lines on stderr: resume with the journal, rerun with the same idempotency key, or what sending
 * them again risks without either.
 */
final class RerunAdvice {
  /** How to make a run safe to repeat, for a run that had neither a journal nor a key. */
  static final String SAFE_RERUN =
      "To make a run safe to repeat, give it --journal FILE (then the same command resumes it"
          + " after Ctrl-C or a crash) or --idempotency-key V.";

  private RerunAdvice() {}

  /** The most batch error lines {@link #why} gives; the report has them all. */
  static final int MAX_ERROR_LINES = 5;

  /**
   * Why IDs are left unresolved, to lead the closing lines on stderr: the one cause of the run's
   * end when there is one ({@link RunCause#line()}), else the batch errors, those with the same
   * message in one line, at most {@link #MAX_ERROR_LINES}. Empty when no batch failed (Ctrl-C
   * before any batch, say: the report says so).
   */
  static List<String> why(RunReport r) {
    if (r.cause() != null) {
      return List.of(r.cause().line());
    }
    List<String> errors = r.batchErrorLines();
    if (errors.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    lines.add("Errors:");
    errors.stream().limit(MAX_ERROR_LINES).forEach(e -> lines.add("  " + SafeText.printable(e)));
    if (errors.size() > MAX_ERROR_LINES) {
      lines.add("  and " + (errors.size() - MAX_ERROR_LINES) + " more (the report lists them all)");
    }
    return lines;
  }

  /** The advice for {@code r}, which has unresolved IDs. */
  static String of(RunReport r) {
    if (r.journal() != null) {
      return "Running the same command again with --journal "
          + SafeText.printable(r.journal())
          + " resumes the run: it sends only what has no outcome yet, with the keys it had, so"
          + " nothing is resent twice.";
    }
    if (r.idempotencyKey() != null) {
      return "Running the same command again, with the same IDs and --idempotency-key, is safe:"
          + " Zuora replays its answers to the batches it completed instead of resending them.";
    }
    if (r.unresolved().stream().anyMatch(RunReport.Unresolved::maybeResent)) {
      return "Zuora may have resent some of them without answering usably. Sending them again"
          + " may resend those twice; use --idempotency-key to make a run safe to repeat.";
    }
    return "Zuora resent none of them: they can be sent again once the error is dealt with.";
  }
}
