package dev.zuoraclient.callouts.exception;

/**
 * Zuora answered 403: the token is valid but may not resend callout notifications (or not in the
 * entity or orgs named). Nothing was resent. {@link #errorCode()} holds Zuora's numeric code as
 * text.
 */
public final class ZuoraPermissionException extends ZuoraServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * @param detail what went wrong
   * @param errorCode Zuora's code, or null
   * @param zuoraMessage Zuora's message, or null
   * @param context the call this belongs to
   */
  public ZuoraPermissionException(
      String detail, String errorCode, String zuoraMessage, Context context) {
    super(detail, errorCode, zuoraMessage, context);
  }
}
