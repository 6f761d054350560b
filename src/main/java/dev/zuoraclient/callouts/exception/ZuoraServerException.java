package dev.zuoraclient.callouts.exception;

/**
 * Zuora, or a gateway in front of it, answered with a 5xx status. Except for 501, 503 and 505, the
 * platform may have resent notifications before failing ({@link #mayHaveBeenResent()}): send the
 * same request again only with the same idempotency key, which makes Zuora replay instead of
 * resending.
 */
public final class ZuoraServerException extends ZuoraServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * @param detail what went wrong
   * @param errorCode Zuora's code, or null
   * @param zuoraMessage Zuora's message, or null
   * @param context the call this belongs to
   */
  public ZuoraServerException(
      String detail, String errorCode, String zuoraMessage, Context context) {
    super(detail, errorCode, zuoraMessage, context);
  }

  /**
   * @param detail what went wrong
   * @param errorCode Zuora's code, or null
   * @param zuoraMessage Zuora's message, or null
   * @param retryAfter the parsed {@code Retry-After}, or null
   * @param context the call this belongs to
   */
  public ZuoraServerException(
      String detail,
      String errorCode,
      String zuoraMessage,
      java.time.Duration retryAfter,
      Context context) {
    super(detail, errorCode, zuoraMessage, retryAfter, context);
  }
}
