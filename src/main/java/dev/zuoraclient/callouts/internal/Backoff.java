package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before sending again when the server named no usable wait: the one rule for a
 * single call's retries and a batched run's 429s alike.
 */
public final class Backoff {
  private Backoff() {}

  /**
   * The wait before try {@code nextTry} (2 for the first retry): exponential from the policy's
   * initial backoff, capped at its maximum, with "equal jitter" (half fixed, half random) so that
   * many clients do not come back in step.
   */
  public static Duration before(int nextTry, RetryPolicy policy) {
    long initial = policy.initialBackoff().toMillis();
    long cap = policy.maxBackoff().toMillis();
    int shift = Math.max(0, Math.min(nextTry - 2, 30));
    long exp = initial << shift;
    long base = exp < 0 || exp > cap || (shift > 0 && exp >> shift != initial) ? cap : exp;
    long half = base / 2;
    return Duration.ofMillis(
        half + (half == 0 ? 0 : ThreadLocalRandom.current().nextLong(half + 1)));
  }

  /**
   * A wait the server asked for ({@code Retry-After}, {@code RateLimit-Reset}) when it is usable:
   * more than zero. Absent, zero, negative, unreadable or past waits all give null: back off
   * instead, since coming straight back is what the server's refusal asks not to do.
   */
  public static Duration usable(Duration asked) {
    return asked == null || asked.isZero() || asked.isNegative() ? null : asked;
  }
}
