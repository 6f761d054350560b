package dev.zuoraclient.callouts.exception;

import java.util.Optional;

/** Zuora answered 401: the bearer token is missing, invalid or expired. Nothing was resent. */
public final class ZuoraAuthenticationException extends ZuoraServiceException {
  private static final long serialVersionUID = 1L;

  private final String challenge;

  /**
   * @param detail what went wrong, without secrets
   * @param zuoraMessage Zuora's message, or null
   * @param challenge the {@code WWW-Authenticate} header, or null
   * @param context the call this belongs to
   */
  public ZuoraAuthenticationException(
      String detail, String zuoraMessage, String challenge, Context context) {
    super(detail, null, zuoraMessage, context);
    this.challenge = challenge;
  }

  /** The {@code WWW-Authenticate} challenge Zuora sent, for example {@code Bearer realm=...}. */
  public Optional<String> challenge() {
    return Optional.ofNullable(challenge);
  }
}
