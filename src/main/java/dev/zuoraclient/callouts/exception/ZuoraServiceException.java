package dev.zuoraclient.callouts.exception;

import java.util.Optional;

/**
 * Zuora answered, with a status that is none of the documented outcomes of a resend (202, or 400
 * with one failure per ID). The IDs of the request were not resent; whether retrying can help
 * depends on the status ({@link #isRetryable()}).
 *
 * <p>Subtypes name the statuses a caller handles differently: {@link ZuoraAuthenticationException}
 * (401), {@link ZuoraPermissionException} (403), {@link ZuoraRateLimitException} (429) and {@link
 * ZuoraServerException} (5xx). Any other status (400 without the per-ID map, 404, 409, 422, ...) is
 * this type itself.
 */
public class ZuoraServiceException extends ZuoraException {
  private static final long serialVersionUID = 1L;

  private final String errorCode;
  private final String zuoraMessage;

  /**
   * @param detail what went wrong, without secrets
   * @param errorCode Zuora's error code from the body, or null
   * @param zuoraMessage Zuora's error message from the body, or null
   * @param context the call this belongs to
   */
  public ZuoraServiceException(
      String detail, String errorCode, String zuoraMessage, Context context) {
    super(detail, context, null);
    this.errorCode = errorCode;
    this.zuoraMessage = zuoraMessage;
  }

  /** Zuora's error code from the response body, when it had one. */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /** Zuora's error message from the response body, when it had one. */
  public Optional<String> zuoraMessage() {
    return Optional.ofNullable(zuoraMessage);
  }

  /**
   * Whether sending the same request again, with the same idempotency key, may succeed: true for
   * 409 (the same key still in progress), 429, 500, 502, 503 and 504.
   */
  public boolean isRetryable() {
    int status = statusCode().orElse(0);
    return status == 409
        || status == 429
        || status == 500
        || status == 502
        || status == 503
        || status == 504;
  }
}
