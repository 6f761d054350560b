package dev.zuoraclient.callouts.internal;

/**
 * What an HTTP status means for a call: whether it is worth sending again with the same key, and
 * whether Zuora may have resent notifications before answering it. A leaf: it knows statuses only,
 * no exception type, so that the public exceptions can ask it ({@code isRetryable()}, {@code
 * mayHaveBeenResent()}) without a loop through {@link ErrorRules}, which decides for a whole
 * failure and asks it for the status part. {@code ErrorRulesTest} pins every status.
 */
public final class StatusRules {
  /** The answers {@link #retryableStatus} retries, in words (the command line's help says it). */
  public static final String RETRIED_STATUSES = "409, 429 and every 5xx but 501 and 505";

  /** The answers {@link #maybeResentStatus} leaves open, in words. */
  public static final String MAYBE_RESENT_STATUSES = "409 and every 5xx but 501, 503 and 505";

  private StatusRules() {}

  /**
   * Whether an answer with this status is worth sending again with the same key: a conflict (the
   * same key still running), a rate limit, or a server error other than "not implemented" and
   * "version not supported", which no retry changes.
   */
  public static boolean retryableStatus(int status) {
    return status == 409
        || status == 429
        || (status >= 500 && status <= 599 && status != 501 && status != 505);
  }

  /**
   * Whether an answer with this status leaves open that notifications were resent: a conflict (the
   * first request with the key is still running) and a server error, except those given before any
   * work (501, 503, 505). Every 4xx but 409 is given before resending anything.
   */
  public static boolean maybeResentStatus(int status) {
    return status == 409 || (retryableStatus(status) && status != 429 && status != 503);
  }

  /**
   * Whether asking the token endpoint again may work after it answered {@code status}: no answer at
   * all (0: an I/O failure), a rate limit, or a server error.
   */
  public static boolean retryableTokenStatus(int status) {
    return status == 0 || status == 429 || status >= 500;
  }
}
