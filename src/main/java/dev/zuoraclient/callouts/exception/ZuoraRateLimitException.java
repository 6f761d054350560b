package dev.zuoraclient.callouts.exception;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Zuora answered 429: a rate or concurrency limit of the tenant was reached. Nothing was resent;
 * the same request may be sent again after {@link #retryAfter()}.
 *
 * <p>A test that stands in for the client builds one with {@link #builder(List)}, naming only what
 * the answer had:
 *
 * <pre>{@code
 * ZuoraRateLimitException limited =
 *     ZuoraRateLimitException.builder(List.of("a1"))
 *         .retryAfter(Duration.ofSeconds(3))
 *         .rateLimitLimit("50000;w=60")
 *         .rateLimitRemaining(0)
 *         .build();
 * }</pre>
 */
public final class ZuoraRateLimitException extends ZuoraServiceException {
  private static final long serialVersionUID = 1L;

  private final Duration rateLimitReset;
  private final String rateLimitLimit;
  private final long rateLimitRemaining;

  /**
   * The exception's parts, positionally; {@link #builder(List)} reads better and checks them.
   *
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

  /**
   * A builder for the 429 answer to a request for {@code ids}: for tests that stand in for the
   * client. Everything else is absent unless set, as when Zuora's answer lacked it.
   *
   * @param ids the IDs of the refused request, at least one
   */
  public static Builder builder(List<String> ids) {
    return new Builder(ids);
  }

  /** Builds a {@link ZuoraRateLimitException}; not thread-safe. */
  public static final class Builder {
    private final List<String> ids;
    private String message;
    private String zuoraMessage;
    private Duration retryAfter;
    private Duration rateLimitReset;
    private String rateLimitLimit;
    private long rateLimitRemaining = -1;
    private String requestId;
    private String trackId;
    private String idempotencyKey;
    private int attempts = 1;

    private Builder(List<String> ids) {
      this.ids = List.copyOf(Objects.requireNonNull(ids, "ids"));
      if (this.ids.isEmpty()) {
        throw new IllegalArgumentException("ids must not be empty: a request carries at least one");
      }
    }

    /** What went wrong (default: {@code Zuora rate limit reached (429)} and the wait). */
    public Builder message(String message) {
      this.message = Objects.requireNonNull(message, "message");
      return this;
    }

    /** Zuora's own message from the answer's body. */
    public Builder zuoraMessage(String zuoraMessage) {
      this.zuoraMessage = Objects.requireNonNull(zuoraMessage, "zuoraMessage");
      return this;
    }

    /** The wait {@code Retry-After} asked for; not negative. */
    public Builder retryAfter(Duration retryAfter) {
      this.retryAfter = nonNegative("retryAfter", retryAfter);
      return this;
    }

    /** The time until the window resets, from {@code RateLimit-Reset}; not negative. */
    public Builder rateLimitReset(Duration rateLimitReset) {
      this.rateLimitReset = nonNegative("rateLimitReset", rateLimitReset);
      return this;
    }

    /** The {@code RateLimit-Limit} header as sent, for example {@code 50000;w=60}. */
    public Builder rateLimitLimit(String rateLimitLimit) {
      this.rateLimitLimit = Objects.requireNonNull(rateLimitLimit, "rateLimitLimit");
      return this;
    }

    /** The {@code RateLimit-Remaining} header; not negative. */
    public Builder rateLimitRemaining(long rateLimitRemaining) {
      if (rateLimitRemaining < 0) {
        throw new IllegalArgumentException(
            "rateLimitRemaining must not be negative (got " + rateLimitRemaining + ")");
      }
      this.rateLimitRemaining = rateLimitRemaining;
      return this;
    }

    /** Zuora's {@code Zuora-Request-Id}. */
    public Builder requestId(String requestId) {
      this.requestId = Objects.requireNonNull(requestId, "requestId");
      return this;
    }

    /** The track ID the request was sent with. */
    public Builder trackId(String trackId) {
      this.trackId = Objects.requireNonNull(trackId, "trackId");
      return this;
    }

    /** The idempotency key the request was sent with. */
    public Builder idempotencyKey(String idempotencyKey) {
      this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey");
      return this;
    }

    /** How many attempts the request took, at least 1 (the default). */
    public Builder attempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1 (got " + attempts + ")");
      }
      this.attempts = attempts;
      return this;
    }

    /** The exception, with status 429. */
    public ZuoraRateLimitException build() {
      return new ZuoraRateLimitException(
          message != null
              ? message
              : "Zuora rate limit reached (429)"
                  + (retryAfter == null ? "" : ", retry after " + retryAfter.toMillis() + " ms"),
          zuoraMessage,
          retryAfter,
          rateLimitReset,
          rateLimitLimit,
          rateLimitRemaining,
          Context.of(429, requestId, trackId, idempotencyKey, ids).withAttempts(attempts));
    }

    private static Duration nonNegative(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative (got " + d + ")");
      }
      return d;
    }
  }
}
