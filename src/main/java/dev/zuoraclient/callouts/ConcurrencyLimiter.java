package dev.zuoraclient.callouts;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How many batches of a run may be in flight at once: up to {@link BatchOptions#concurrency()},
 * adapted to what the tenant has room for, since Zuora caps the requests a tenant has in flight
 * (its other integrations use the same slots) and answers 429 beyond the cap or past its quota.
 *
 * <ul>
 *   <li><b>Slow start</b>: from 1, the limit grows by one with every clean answer (doubling per
 *       round trip) until the first 429 or the maximum.
 *   <li><b>Back off at once, together</b>: a 429 sets the limit to one less than what was in flight
 *       when its request left, and pauses every new start for the wait Zuora named ({@code
 *       Retry-After}, else {@code RateLimit-Reset}): one pause for the whole run, not one per
 *       worker. Answers to requests that left before the last decrease do not decrease it again.
 *   <li><b>Probe gently</b>: after a 429, the limit grows by one per {@value #PROBE_ROUNDS} rounds
 *       of clean answers, so that room freed by the tenant's other traffic is found again while few
 *       requests are refused.
 *   <li><b>Spend the quota evenly</b>: when an answer's {@code RateLimit-Remaining} would be used
 *       up by the requests already in flight, no new request starts before {@code RateLimit-Reset}.
 * </ul>
 *
 * <p>With adaptation off, the limit stays at the maximum and only the pauses apply. Thread-safe;
 * one per run. The ideas are those of TCP congestion control, Netflix's concurrency-limits (AIMD)
 * and AWS SDK v2's adaptive retry mode.
 */
final class ConcurrencyLimiter {
  /** Rounds of clean answers per step up, once a 429 has shown where the tenant's cap is. */
  static final int PROBE_ROUNDS = 8;

  private final int max;
  private final boolean adaptive;
  private final LongSupplier nanoTime;
  private double limit; // guarded by this
  private boolean slowStart = true; // guarded by this
  private int inFlight; // guarded by this
  private long pausedUntil; // guarded by this
  private long lastDecrease; // guarded by this
  private int peak; // guarded by this

  ConcurrencyLimiter(int max, boolean adaptive, LongSupplier nanoTime) {
    this.max = max;
    this.adaptive = adaptive;
    this.nanoTime = nanoTime;
    this.limit = adaptive ? 1 : max;
    this.lastDecrease = nanoTime.getAsLong();
  }

  /** A slot taken: when it was taken and how many were in flight with it. */
  record Permit(long startedAt, int inFlightWithIt) {}

  /**
   * Waits for a slot: fewer in flight than the limit, and no pause in force.
   *
   * @throws InterruptedException when the waiting thread is interrupted
   */
  synchronized Permit acquire() throws InterruptedException {
    while (true) {
      long now = nanoTime.getAsLong();
      if (now < pausedUntil) {
        long wait = pausedUntil - now;
        wait(Math.max(1, wait / 1_000_000));
      } else if (inFlight >= (int) limit) {
        wait();
      } else {
        inFlight++;
        peak = Math.max(peak, inFlight);
        return new Permit(now, inFlight);
      }
    }
  }

  /** A clean answer (any answer but a 429): the slot is free, and the limit may grow. */
  synchronized void succeeded(Permit permit, long quotaRemaining, Duration quotaReset) {
    release();
    if (adaptive) {
      if (slowStart) {
        limit = Math.min(max, limit + 1);
      } else {
        limit = Math.min(max, limit + 1.0 / (PROBE_ROUNDS * limit));
      }
    }
    if (quotaRemaining >= 0 && quotaReset != null && quotaRemaining < inFlight) {
      // What is in flight will use up the quota: start nothing more until the window turns.
      pauseFor(quotaReset);
    }
    notifyAll();
  }

  /** A 429: the slot is free, the limit drops, and every start waits {@code wait} (if any). */
  synchronized void refused(Permit permit, Duration wait) {
    release();
    if (adaptive && permit.startedAt() >= lastDecrease) {
      limit = Math.max(1, Math.min(limit, permit.inFlightWithIt() - 1));
      slowStart = false;
      lastDecrease = nanoTime.getAsLong();
    }
    if (wait != null) {
      pauseFor(wait);
    }
    notifyAll();
  }

  /** Any other end (an error, no answer): the slot is free; nothing is learned. */
  synchronized void released() {
    release();
    notifyAll();
  }

  /** The current limit, rounded down. */
  synchronized int limit() {
    return (int) limit;
  }

  /** The most batches that were in flight at once. */
  synchronized int peak() {
    return peak;
  }

  private void release() {
    inFlight--;
  }

  private void pauseFor(Duration wait) {
    long until = nanoTime.getAsLong() + Math.max(0, Math.min(wait.toNanos(), Long.MAX_VALUE / 4));
    pausedUntil = Math.max(pausedUntil, until);
  }
}
