package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.BatchOptions;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How many batches of a run may be in flight at once: up to {@link BatchOptions#concurrency()},
 * adapted to what the tenant has room for, since Zuora caps the requests a tenant has in flight
 * (its other integrations use the same slots) and answers 429 beyond the cap or past its quota.
 *
 * <ul>
 *   <li><b>Slow start</b>: from {@value #INITIAL_LIMIT}, the limit grows by one with every clean
 *       answer (doubling per round trip) until the first 429 or the maximum.
 *   <li><b>Back off at once, together</b>: a 429 for capacity (the tenant's requests in flight)
 *       sets the limit, for every worker, to what is still in flight (that fits); the refused batch
 *       itself waits the {@code Retry-After} before it is sent again.
 *   <li><b>Wait once for a spent quota</b>: a 429 that says the quota is spent ({@code
 *       RateLimit-Remaining: 0}) pauses every new start until the quota's window turns ({@code
 *       Retry-After}, else {@code RateLimit-Reset}, counted from when the answer arrived, as RFC
 *       9110 counts them): one pause for the whole run, not one per worker.
 *   <li><b>Probe gently</b>: after a 429, the limit grows by one per {@value #PROBE_ROUNDS} rounds
 *       of clean answers, so that room freed by the tenant's other traffic is found again while few
 *       requests are refused.
 *   <li><b>Spend the quota, not past it</b>: when an answer's {@code RateLimit-Remaining} has been
 *       used up by the requests started since, no new request starts before {@code
 *       RateLimit-Reset}, counted from that answer.
 *   <li><b>A stop wakes everyone</b>: after {@link #stop()} no slot is given, and every worker
 *       waiting for one, or waiting out a refusal in {@link #await}, returns at once.
 * </ul>
 *
 * <p>With adaptation off, the limit stays at the maximum and only the pauses apply. Thread-safe;
 * one per run. Pauses are returned to the caller, which decides whether a run may wait that long.
 * The ideas are those of TCP congestion control, Netflix's concurrency-limits (AIMD) and AWS SDK
 * v2's adaptive retry mode.
 */
final class ConcurrencyLimiter {
  /** Rounds of clean answers per step up, once a 429 has shown where the tenant's cap is. */
  static final int PROBE_ROUNDS = 6;

  /**
   * Added to every pause before starting again, so that a start never lands just before the window
   * turns (clocks and the answer's way back differ by a little).
   */
  static final Duration QUOTA_MARGIN = Duration.ofMillis(10);

  /** Where slow start begins: a few requests in flight are safe on any tenant. */
  static final int INITIAL_LIMIT = 4;

  private final int max;
  private final boolean adaptive;
  private final LongSupplier nanoTime;
  private double limit; // guarded by this
  private boolean slowStart = true; // guarded by this
  private int inFlight; // guarded by this
  private long pausedUntil; // guarded by this
  private int peak; // guarded by this
  private long started; // guarded by this
  private boolean stopped; // guarded by this

  ConcurrencyLimiter(int max, boolean adaptive, LongSupplier nanoTime) {
    this.max = max;
    this.adaptive = adaptive;
    this.nanoTime = nanoTime;
    this.limit = adaptive ? Math.min(max, INITIAL_LIMIT) : max;
    this.pausedUntil = nanoTime.getAsLong(); // no pause
  }

  /** A slot taken: its place among all the run's starts. */
  record Permit(long seq) {}

  /**
   * Waits for a slot: fewer in flight than the limit, and no pause in force.
   *
   * @return the slot, or null once the run is stopped
   * @throws InterruptedException when the waiting thread is interrupted
   */
  synchronized Permit acquire() throws InterruptedException {
    while (!stopped) {
      long now = nanoTime.getAsLong();
      if (pausedUntil - now > 0) {
        waitNanos(pausedUntil - now);
      } else if (inFlight >= (int) limit) {
        wait();
      } else {
        return take();
      }
    }
    return null;
  }

  /**
   * A slot if one is free now, without waiting: {@link #acquire}'s rule at this instant of the
   * clock, which is how a test driving the clock reads it.
   *
   * @return the slot, or null when the run is stopped, a pause is in force or the limit is reached
   */
  synchronized Permit tryAcquire() {
    return !stopped && pausedUntil - nanoTime.getAsLong() <= 0 && inFlight < (int) limit
        ? take()
        : null;
  }

  /** How many may be in flight now. */
  synchronized int limit() {
    return (int) limit;
  }

  private Permit take() {
    inFlight++;
    peak = Math.max(peak, inFlight);
    return new Permit(++started);
  }

  /**
   * A clean answer (any answer but a 429): the slot is free, and the limit may grow.
   *
   * @return the wait the answer imposes because the quota it reports is used up ({@code
   *     RateLimit-Reset}), counted from now; zero when there is room
   */
  synchronized Duration succeeded(Permit permit, long quotaRemaining, Duration quotaReset) {
    release();
    if (adaptive) {
      if (slowStart) {
        limit = Math.min(max, limit + 1);
      } else {
        limit = Math.min(max, limit + 1.0 / (PROBE_ROUNDS * limit));
      }
    }
    if (quotaRemaining >= 0 && quotaReset != null && quotaRemaining <= started - permit.seq()) {
      // Every request started since this one left has taken from what was left. Once that is
      // used up, start nothing more until the window turns.
      pauseFor(quotaReset);
      notifyAll();
      return quotaReset;
    }
    notifyAll();
    return Duration.ZERO;
  }

  /**
   * A 429: the slot is free. For a spent quota every start waits {@code wait}, counted from now;
   * otherwise (capacity) the limit drops.
   */
  synchronized void refused(Duration wait, boolean quotaSpent) {
    release();
    if (quotaSpent) {
      pauseFor(wait);
    } else if (adaptive) {
      // What is still in flight is what the tenant holds for this run: that fits. (Not how many
      // were in flight when the refused request left: requests started together reach Zuora in
      // any order, and the refused one may have been the first to leave.) Each refusal of a burst
      // lowers the limit by one more, down to what fitted.
      limit = Math.max(1, Math.min(limit, inFlight));
      slowStart = false;
    }
    notifyAll();
  }

  /** Any other end (an error, no answer): the slot is free; nothing is learned. */
  synchronized void released() {
    release();
    notifyAll();
  }

  /** No slot is given from now on; every waiter returns. */
  synchronized void stop() {
    stopped = true;
    notifyAll();
  }

  /**
   * Waits {@code wait} (a refused batch waiting out its {@code Retry-After}), unless the run stops.
   *
   * @return false when the run stopped first
   * @throws InterruptedException when the waiting thread is interrupted
   */
  synchronized boolean await(Duration wait) throws InterruptedException {
    long until =
        nanoTime.getAsLong()
            + QUOTA_MARGIN.toNanos()
            + Math.max(0, Math.min(wait.toNanos(), Long.MAX_VALUE / 4));
    for (long now = nanoTime.getAsLong(); !stopped && until - now > 0; now = nanoTime.getAsLong()) {
      waitNanos(until - now);
    }
    return !stopped;
  }

  private void release() {
    inFlight--;
  }

  private void pauseFor(Duration wait) {
    long until =
        nanoTime.getAsLong()
            + QUOTA_MARGIN.toNanos()
            + Math.max(0, Math.min(wait.toNanos(), Long.MAX_VALUE / 4));
    if (until - pausedUntil > 0) {
      pausedUntil = until;
    }
  }

  private void waitNanos(long nanos) throws InterruptedException {
    wait(Math.max(1, (nanos + 999_999) / 1_000_000)); // rounded up: never wake early
  }
}
