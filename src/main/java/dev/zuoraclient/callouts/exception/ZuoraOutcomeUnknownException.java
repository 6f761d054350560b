package dev.zuoraclient.callouts.exception;

/**
 * No usable answer: the connection broke or timed out once the request could have left, or Zuora's
 * answer could not be read or did not match the contract. <strong>The outcome of every ID of the
 * request is unknown</strong>: some may have been resent. Sending the same IDs again with the same
 * {@link #idempotencyKey()} is safe, since Zuora then replays its stored answer instead of
 * resending twice.
 *
 * <p>{@link #getCause()} keeps the underlying I/O or parsing error.
 */
public final class ZuoraOutcomeUnknownException extends ZuoraException {
  private static final long serialVersionUID = 1L;

  /** Why there was no usable answer. */
  public enum Reason {
    /**
     * Sending or reading failed once connected (reset, closed early). A connection that could not
     * be made at all is a {@link ZuoraConnectionException}: nothing was sent.
     */
    IO_FAILURE,
    /** The read timeout, the attempt's time or the call's deadline ran out. */
    TIMEOUT,
    /** The body could not be read or parsed, or was larger than the client reads. */
    UNDECODABLE_RESPONSE,
    /** The answer parsed but contradicts the contract (for example an ID that was not sent). */
    UNEXPECTED_RESPONSE,
    /**
     * The last attempt says nothing was resent (Zuora refused it, or it could not connect or get a
     * token), but an earlier one got no usable answer or was still being processed: that earlier
     * attempt may have resent notifications. {@link #getCause()} is the last attempt's error.
     */
    INCONCLUSIVE_RETRIES
  }

  private final Reason reason;

  /**
   * @param detail what went wrong
   * @param reason why there was no usable answer
   * @param context the call this belongs to
   * @param cause the underlying error, or null
   */
  public ZuoraOutcomeUnknownException(
      String detail, Reason reason, Context context, Throwable cause) {
    super(detail, context, cause);
    this.reason = reason;
  }

  /** Why there was no usable answer. */
  public Reason reason() {
    return reason;
  }
}
