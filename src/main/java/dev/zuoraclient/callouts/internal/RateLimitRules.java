package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.BatchOptions;
import dev.zuoraclient.callouts.RetryPolicy;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What a batched run does with Zuora's rate limit, one rule whatever answer imposes the wait: how
 * long a refused batch waits (what Zuora asked when usable, else the client's backoff, never under
 * {@link #MIN_BACKOFF}), and when the run stops instead (a wait over {@link
 * BatchOptions#maxRateLimitWait()}, or a batch refused for longer than {@link
 * BatchOptions#maxRateLimitedTime()}), in words an operator can act on. One per run; a batch is
 * handled by one worker at a time, which the run's queue hands over.
 */
final class RateLimitRules {
  /** The shortest wait after a 429 that names no usable wait. */
  static final Duration MIN_BACKOFF = Duration.ofMillis(250);

  /**
   * What to do with one 429.
   *
   * @param delay how long the batch (or, for a spent quota, every start) waits, from now
   * @param quotaSpent whether the refusal says the quota is spent, rather than capacity
   * @param stop why the run stops instead of waiting, or null to wait and send again
   */
  record Refusal(Duration delay, boolean quotaSpent, String stop) {}

  private final BatchOptions options;
  private final RetryPolicy backoff;
  private final int[] refusals;
  private final long[] firstRefused;
  private final boolean[] uncertain;
  private final LongSupplier nanoTime;

  RateLimitRules(BatchOptions options, RetryPolicy backoff, int batches) {
    this(options, backoff, batches, System::nanoTime);
  }

  /** With the clock ({@link System#nanoTime()}'s kind) that times a batch's refusals: tests'. */
  RateLimitRules(BatchOptions options, RetryPolicy backoff, int batches, LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.options = options;
    this.backoff = backoff;
    this.refusals = new int[batches];
    this.firstRefused = new long[batches];
    this.uncertain = new boolean[batches];
  }

  /**
   * A 429 for batch {@code b} (from 0), answered now.
   *
   * @param asked the wait the refusal names ({@link ErrorRules#rateLimitWait})
   */
  Refusal refused(int b, RuntimeException e, Duration asked) {
    long now = nanoTime.getAsLong();
    int n = ++refusals[b];
    if (n == 1) {
      firstRefused[b] = now;
    }
    uncertain[b] |= ErrorRules.mayHaveBeenResent(e); // an earlier attempt had no answer
    Duration usable = Backoff.usable(asked);
    Duration wait = usable != null ? usable : backoff(n);
    boolean quotaSpent = ErrorRules.quotaSpent(e);
    Duration refusedFor = Duration.ofNanos(now - firstRefused[b]);
    String stop = null;
    if (wait.compareTo(options.maxRateLimitWait()) > 0) {
      stop =
          (usable != null
                  ? "not sent: Zuora asked to wait " + Durations.seconds(wait)
                  : "not sent: backing off "
                      + Durations.seconds(wait)
                      + " after a 429 naming no usable wait")
              + " ("
              + (quotaSpent ? "quota spent" : "429")
              + "), longer than the run may wait ("
              + Durations.seconds(options.maxRateLimitWait())
              + ")";
    } else if (refusedFor.plus(wait).compareTo(options.maxRateLimitedTime()) > 0) {
      stop =
          "not sent: Zuora refused batch "
              + (b + 1)
              + " with 429 "
              + n
              + " times over "
              + Durations.seconds(refusedFor)
              + (usable == null ? " (naming no usable wait: backed off)" : "")
              + ", and waiting again would pass the "
              + Durations.seconds(options.maxRateLimitedTime())
              + " a batch may be refused";
    }
    return new Refusal(wait, quotaSpent, stop);
  }

  /**
   * Why the run stops after an answer whose spent quota pauses every start for {@code pause}, or
   * null when the run may wait that long.
   */
  String quotaPauseTooLong(Duration pause) {
    return pause.compareTo(options.maxRateLimitWait()) > 0
        ? "not sent: Zuora's quota is spent for "
            + Durations.seconds(pause)
            + " (RateLimit-Reset), longer than the run may wait ("
            + Durations.seconds(options.maxRateLimitWait())
            + ")"
        : null;
  }

  /** How many times Zuora refused batch {@code b} (from 0) with 429 so far. */
  int refusals(int b) {
    return refusals[b];
  }

  /** Whether an attempt of batch {@code b} that ended in 429 may have resent before it. */
  boolean uncertain(int b) {
    return uncertain[b];
  }

  /**
   * The wait after a 429 that named none: the client's backoff, but never under {@link
   * #MIN_BACKOFF}, since a policy without backoff would otherwise resend at once for as long as the
   * batch may be refused.
   */
  private Duration backoff(int refusals) {
    Duration d = Backoff.before(refusals + 1, backoff);
    return d.compareTo(MIN_BACKOFF) < 0 ? MIN_BACKOFF : d;
  }
}
