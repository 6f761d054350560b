package dev.zuoraclient.callouts.history;

import java.util.Objects;
import java.util.Optional;

/**
 * A find that did not end with a complete result: the Data Query job failed or was cancelled, the
 * find ran out of time or was interrupted, a call about the job failed, or the result file could
 * not be read whole. Nothing is ever resent from such a find. Holds no token or secret.
 */
public final class QueryJobException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the find ended without a result. */
  public enum Reason {
    /** Zuora ran the job and it failed: {@link #zuoraMessage()} says why when Zuora did. */
    JOB_FAILED,
    /** The job was cancelled by someone else (a user, another process) while the find waited. */
    JOB_CANCELLED,
    /** The find's timeout passed; the client cancelled the job. */
    TIMED_OUT,
    /** The calling thread was interrupted; the client cancelled the job (the interrupt is kept). */
    INTERRUPTED,
    /**
     * A call about the job failed after it was submitted ({@link #getCause()}, a {@code
     * ZuoraException}); the client cancelled the job.
     */
    CALL_FAILED,
    /**
     * The result file could not be read whole: refused (an expired link, say), redirected to
     * another host, too large, too slow, cut short, or not the file the query asked for.
     */
    DOWNLOAD_FAILED
  }

  private final Reason reason;
  private final String jobId;
  private final boolean cancelled;
  private final String zuoraMessage;

  /**
   * @param message what happened
   * @param reason why the find ended
   * @param jobId the job's ID, or null when none was submitted
   * @param cancelled whether the client cancelled the job
   * @param zuoraMessage Zuora's words for a failed job, or null
   * @param cause the underlying error, or null
   */
  public QueryJobException(
      String message,
      Reason reason,
      String jobId,
      boolean cancelled,
      String zuoraMessage,
      Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.jobId = jobId;
    this.cancelled = cancelled;
    this.zuoraMessage = zuoraMessage;
  }

  /** Why the find ended without a result. */
  public Reason reason() {
    return reason;
  }

  /** The Data Query job's ID. */
  public Optional<String> jobId() {
    return Optional.ofNullable(jobId);
  }

  /**
   * Whether the client cancelled the job (with {@code DELETE /query/jobs/{id}}) and Zuora agreed.
   */
  public boolean cancelled() {
    return cancelled;
  }

  /** Zuora's message for a failed job, when it gave one. */
  public Optional<String> zuoraMessage() {
    return Optional.ofNullable(zuoraMessage);
  }
}
