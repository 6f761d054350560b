package dev.zuoraclient.callouts.exception;

/**
 * Zuora answered with a 5xx status. The platform failed before resending; the same request, with
 * the same idempotency key, may be sent again.
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
