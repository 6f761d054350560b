package dev.zuoraclient.callouts;

/**
 * The error of a batch that {@link CalloutResendClient#resendAll(Iterable, BatchOptions)} never
 * sent, because the run stopped first: nothing of it reached Zuora, so its IDs can be sent again
 * (with the same options, or by resuming the run's journal). {@link #reason()} says why; for {@link
 * Reason#STOPPED_BY_ERROR}, {@link Reason#RATE_LIMITED} and {@link Reason#JOURNAL_FAILED}, {@link
 * #getCause()} is the error that stopped the run.
 */
public final class BatchNotSentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the run stopped before this batch. */
  public enum Reason {
    /** The thread running the run was interrupted (the command line: Ctrl-C or SIGTERM). */
    INTERRUPTED,
    /** Another batch failed in a way every batch would (401, 403, other 4xx, no token). */
    STOPPED_BY_ERROR,
    /**
     * Zuora's rate limit asked for a wait longer than {@link BatchOptions#maxRateLimitWait()}, or
     * kept refusing a batch for longer than {@link BatchOptions#maxRateLimitedTime()}.
     */
    RATE_LIMITED,
    /**
     * The run's journal could not be written (a full disk, say): no batch starts once the journal
     * cannot record it. The journal up to then can still be resumed safely.
     */
    JOURNAL_FAILED,
    /** The run's {@link BatchOptions#timeout() time limit} passed before the batch was sent. */
    TIMED_OUT
  }

  private final Reason reason;

  /**
   * @param reason why the run stopped before this batch
   * @param message what happened, in a few words
   * @param cause the error that stopped the run, or null
   */
  public BatchNotSentException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = java.util.Objects.requireNonNull(reason, "reason");
  }

  /** Why the run stopped before this batch. */
  public Reason reason() {
    return reason;
  }
}
