package dev.zuoraclient.callouts.exception;

import java.time.Duration;
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
  private final Duration retryAfter;

  /**
   * @param detail what went wrong, without secrets
   * @param errorCode Zuora's error code from the body, or null
   * @param zuoraMessage Zuora's error message from the body, or null
   * @param context the call this belongs to
   */
  public ZuoraServiceException(
      String detail, String errorCode, String zuoraMessage, Context context) {
    this(detail, errorCode, zuoraMessage, null, context);
  }

  /**
   * @param detail what went wrong, without secrets
   * @param errorCode Zuora's error code from the body, or null
   * @param zuoraMessage Zuora's error message from the body, or null
   * @param retryAfter the parsed {@code Retry-After} header, or null
   * @param context the call this belongs to
   */
  public ZuoraServiceException(
      String detail, String errorCode, String zuoraMessage, Duration retryAfter, Context context) {
    super(detail, context, null);
    this.errorCode = errorCode;
    this.zuoraMessage = zuoraMessage;
    this.retryAfter = retryAfter;
  }

  /** How long Zuora asked to wait before the next request ({@code Retry-After}), if it did. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * Whether Zuora, or a gateway in front of it, may have begun resending before the error: true for
   * 409 (a request with the same idempotency key is still being processed), 500, 502 and 504. When
   * false (every other 4xx, 429, 503), nothing of the request was resent.
   */
  public boolean mayHaveBeenProcessed() {
    int status = statusCode().orElse(0);
    return status == 409 || status == 500 || status == 502 || status == 504;
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
