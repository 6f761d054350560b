package dev.zuoraclient.callouts.exception;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Zuora answered 429: a rate or concurrency limit of the tenant was reached. Nothing was resent;
 * the same request may be sent again after {@link #retryAfter()}.
 */
public final class ZuoraRateLimitException extends ZuoraServiceException {
  private static final long serialVersionUID = 1L;

  private final Duration rateLimitReset;
  private final String rateLimitLimit;
  private final long rateLimitRemaining;

  /**
   * @param detail what went wrong
   * @param zuoraMessage Zuora's message, or null
   * @param retryAfter the parsed {@code Retry-After}, or null
   * @param rateLimitReset the parsed {@code RateLimit-Reset}, or null
   * @param rateLimitLimit the {@code RateLimit-Limit} header, or null
   * @param rateLimitRemaining the {@code RateLimit-Remaining} header, or -1 when absent
   * @param context the call this belongs to
   */
  public ZuoraRateLimitException(
      String detail,
      String zuoraMessage,
      Duration retryAfter,
      Duration rateLimitReset,
      String rateLimitLimit,
      long rateLimitRemaining,
      Context context) {
    super(detail, null, zuoraMessage, retryAfter, context);
    this.rateLimitReset = rateLimitReset;
    this.rateLimitLimit = rateLimitLimit;
    this.rateLimitRemaining = rateLimitRemaining;
  }

  /** Time until the current rate-limit window resets ({@code RateLimit-Reset}). */
  public Optional<Duration> rateLimitReset() {
    return Optional.ofNullable(rateLimitReset);
  }

  /** The {@code RateLimit-Limit} header as sent, for example {@code 50000;w=60}. */
  public Optional<String> rateLimitLimit() {
    return Optional.ofNullable(rateLimitLimit);
  }

  /** The {@code RateLimit-Remaining} header. */
  public OptionalLong rateLimitRemaining() {
    return rateLimitRemaining < 0 ? OptionalLong.empty() : OptionalLong.of(rateLimitRemaining);
  }
}
