package dev.zuoraclient.callouts;

import dev.zuoraclient.callouts.internal.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * When and how a call is sent again. Only what is safe is retried: I/O failures (refused, reset,
 * timed out), 409 (the same idempotency key still in progress), 429, 500, 502, 503 and 504. Every
 * attempt of a call carries the same {@code Idempotency-Key}, so Zuora resends each notification at
 * most once however often the request is sent.
 *
 * <p>Waits grow exponentially from {@link #initialBackoff()} up to {@link #maxBackoff()}, with
 * jitter (each wait is between half and all of its exponential value), so that many clients do not
 * retry in step. A 429's {@code Retry-After} (or else its {@code RateLimit-Reset}) replaces the
 * computed wait. {@link #deadline()} bounds the whole call: no wait is started that would end after
 * it, and an attempt in flight when it passes is cut off.
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULTS = builder().build();
  private static final RetryPolicy NONE = builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration deadline;

  private RetryPolicy(Builder b) {
    if (b.maxAttempts < 1 || b.maxAttempts > 10) {
      throw new IllegalArgumentException(
          "maxAttempts must be between 1 and 10 (got " + b.maxAttempts + ")");
    }
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = Durations.nonNegative("initialBackoff", b.initialBackoff);
    this.maxBackoff = Durations.nonNegative("maxBackoff", b.maxBackoff);
    this.deadline = Durations.nonNegative("deadline", b.deadline);
    if (deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive (got " + deadline + ")");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff must not be less than initialBackoff (got "
              + maxBackoff
              + " < "
              + initialBackoff
              + ")");
    }
  }

  /** 3 attempts, waits from 500 ms up to 20 s, within 2 minutes. */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** One attempt: nothing is retried (a 401 still refreshes its token once, if it can). */
  public static RetryPolicy none() {
    return NONE;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder with these values. */
  public Builder toBuilder() {
    return new Builder()
        .maxAttempts(maxAttempts)
        .initialBackoff(initialBackoff)
        .maxBackoff(maxBackoff)
        .deadline(deadline);
  }

  /** Attempts per call, the first included (1..10). */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The wait before the second attempt, before jitter. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** The longest computed wait (a server's {@code Retry-After} may ask for more). */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /**
   * The time from the start of a call within which it ends: no attempt or wait starts that would
   * pass it, and an attempt still in flight when it passes is cut off (an unknown outcome).
   */
  public Duration deadline() {
    return deadline;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RetryPolicy p)) {
      return false;
    }
    return maxAttempts == p.maxAttempts
        && initialBackoff.equals(p.initialBackoff)
        && maxBackoff.equals(p.maxBackoff)
        && deadline.equals(p.deadline);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, initialBackoff, maxBackoff, deadline);
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts="
        + maxAttempts
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", deadline="
        + deadline
        + '}';
  }

  /** Builds a {@link RetryPolicy}; not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(20);
    private Duration deadline = Duration.ofMinutes(2);

    private Builder() {}

    /** Attempts per call, the first included: 1..10, default 3. */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Wait before the second attempt, before jitter; default 500 ms. */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
      return this;
    }

    /** Cap of the computed wait; default 20 s. */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
      return this;
    }

    /** Overall time budget across attempts; default 2 minutes. */
    public Builder deadline(Duration deadline) {
      this.deadline = deadline;
      return this;
    }

    /**
     * The policy.
     *
     * @throws IllegalArgumentException when a value is out of range
     */
    public RetryPolicy build() {
      return new RetryPolicy(this);
    }
  }
}
