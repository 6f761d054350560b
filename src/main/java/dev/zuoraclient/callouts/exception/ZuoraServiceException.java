package dev.zuoraclient.callouts.exception;

import dev.zuoraclient.callouts.internal.StatusRules;
import java.time.Duration;
import java.util.Optional;

/**
 * Zuora, or something in front of it, answered with a status that is none of the documented
 * outcomes of a resend (202, or 400 with one failure per ID). Whether the IDs may have been resent
 * all the same is {@link #mayHaveBeenResent()}: never assume they were not. Whether retrying can
 * help is {@link #isRetryable()}; a retry must reuse {@link #idempotencyKey()}.
 *
 * <p>Subtypes name the statuses a caller handles differently: {@link ZuoraAuthenticationException}
 * (401), {@link ZuoraPermissionException} (403), {@link ZuoraRateLimitException} (429) and {@link
 * ZuoraServerException} (5xx). Any other status (400 without the per-ID map, 404, 409, 422, ...) is
 * this type itself.
 */
public sealed class ZuoraServiceException extends ZuoraException
    permits ZuoraAuthenticationException,
        ZuoraPermissionException,
        ZuoraRateLimitException,
        ZuoraServerException {
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
   * Whether Zuora may have begun resending before the error: true for 409 (a request with the same
   * idempotency key is still being processed) and every 5xx but 501, 503 and 505 (so 500, 502, 504,
   * and the statuses a gateway or CDN gives when the origin got the request but its answer was
   * lost, such as 520-524). False for 501 and 505 (the request was not understood), 503 (the
   * service refused it), 429 and every other 4xx, which Zuora gives before resending anything.
   */
  public boolean mayHaveBeenResent() {
    return mayHaveBeenResent(statusCode().orElse(0));
  }

  /**
   * {@link #mayHaveBeenResent()} for a status.
   *
   * @param status an HTTP status
   * @return whether an answer with this status leaves open that notifications were resent
   */
  public static boolean mayHaveBeenResent(int status) {
    return StatusRules.maybeResentStatus(status);
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
   * 409 (the same key still in progress), 429 and every 5xx but 501 and 505 (which would fail
   * again).
   */
  public boolean isRetryable() {
    return isRetryable(statusCode().orElse(0));
  }

  /**
   * {@link #isRetryable()} for a status.
   *
   * @param status an HTTP status
   * @return whether a request answered with this status is worth sending again with the same key
   */
  public static boolean isRetryable(int status) {
    return StatusRules.retryableStatus(status);
  }
}
