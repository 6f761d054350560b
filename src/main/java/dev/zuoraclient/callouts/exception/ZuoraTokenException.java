package dev.zuoraclient.callouts.exception;

import dev.zuoraclient.callouts.internal.StatusRules;

/**
 * Getting a bearer token from {@code POST /oauth/token} failed: Zuora refused the client
 * credentials (400, 401), was rate limited or failing (429, 5xx), or could not be reached. No
 * resend request was sent. {@link #getCause()} keeps an underlying I/O error.
 */
public final class ZuoraTokenException extends ZuoraException {
  private static final long serialVersionUID = 1L;

  /**
   * @param detail what went wrong, never the secret or a token
   * @param context the call this belongs to (the status of the token answer, if any)
   * @param cause the underlying error, or null
   */
  public ZuoraTokenException(String detail, Context context, Throwable cause) {
    super(detail, context, cause);
  }

  /** True for an I/O failure, 429 or 5xx: asking again later may work. */
  public boolean isRetryable() {
    return StatusRules.retryableTokenStatus(statusCode().orElse(0));
  }
}
