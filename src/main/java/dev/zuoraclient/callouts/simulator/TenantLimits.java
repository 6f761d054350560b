package dev.zuoraclient.callouts.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Zuora's tenant-wide limits as the simulator models them: a cap on requests in flight (which the
 * tenant's other traffic shares), a request quota per fixed window, and the time each request
 * takes. Thread-safe.
 */
final class TenantLimits {
  /** Everything the builder configured; {@code maxInFlight} 0 means no cap. */
  record Settings(
      int maxInFlight,
      int otherTraffic,
      Duration latency,
      Duration concurrencyRetryAfter,
      int quota,
      Duration window) {}

  /** How a request fared against the quota: what is left, and when the window ends. */
  record Rate(int remaining, Duration reset, boolean exceeded) {
    /**
     * The same, with the window's end counted from an answer given {@code held} after the request
     * arrived: {@code RateLimit-Reset} and {@code Retry-After} count from the answer (RFC 9110).
     */
    Rate answeredAfter(Duration held) {
      Duration left = reset.minus(held);
      return new Rate(remaining, left.isNegative() ? Duration.ZERO : left, exceeded);
    }
  }

  private final int maxInFlight;
  private final Duration latency;
  private final Duration concurrencyRetryAfter;
  private final int quota;
  private final long windowMillis;
  private final AtomicInteger otherTraffic;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peakInFlight = new AtomicInteger();
  private final AtomicInteger concurrencyRejections = new AtomicInteger();
  private final AtomicInteger quotaRejections = new AtomicInteger();
  private long windowStart = Long.MIN_VALUE; // guarded by this
  private int windowUsed; // guarded by this

  TenantLimits(Settings s) {
    this.maxInFlight = s.maxInFlight();
    this.otherTraffic = new AtomicInteger(s.otherTraffic());
    this.latency = s.latency();
    this.concurrencyRetryAfter = s.concurrencyRetryAfter();
    this.quota = s.quota();
    this.windowMillis = s.window().toMillis();
  }

  /** Takes a slot, or false when the tenant already has its cap in flight (others included). */
  boolean tryEnter() {
    while (true) {
      int now = inFlight.get();
      if (maxInFlight > 0 && now + otherTraffic.get() >= maxInFlight) {
        concurrencyRejections.incrementAndGet();
        return false;
      }
      if (inFlight.compareAndSet(now, now + 1)) {
        peakInFlight.accumulateAndGet(now + 1, Math::max);
        return true;
      }
    }
  }

  /** Gives the slot back. */
  void exit() {
    inFlight.decrementAndGet();
  }

  /** Counts one request against the quota window it falls in. */
  synchronized Rate consume(Instant now) {
    long millis = now.toEpochMilli();
    long start = millis - Math.floorMod(millis, windowMillis);
    if (start != windowStart) {
      windowStart = start;
      windowUsed = 0;
    }
    if (windowUsed <= quota) {
      windowUsed++;
    }
    boolean exceeded = windowUsed > quota;
    if (exceeded) {
      quotaRejections.incrementAndGet();
    }
    return new Rate(
        Math.max(0, quota - windowUsed),
        Duration.ofMillis(start + windowMillis - millis),
        exceeded);
  }

  synchronized void reset() {
    windowStart = Long.MIN_VALUE;
    windowUsed = 0;
    concurrencyRejections.set(0);
    quotaRejections.set(0);
    peakInFlight.set(inFlight.get());
  }

  void otherTraffic(int slots) {
    otherTraffic.set(slots);
  }

  int otherTraffic() {
    return otherTraffic.get();
  }

  int maxInFlight() {
    return maxInFlight;
  }

  Duration latency() {
    return latency;
  }

  Duration concurrencyRetryAfter() {
    return concurrencyRetryAfter;
  }

  int quota() {
    return quota;
  }

  Duration window() {
    return Duration.ofMillis(windowMillis);
  }

  int concurrencyRejections() {
    return concurrencyRejections.get();
  }

  int quotaRejections() {
    return quotaRejections.get();
  }

  int peakInFlight() {
    return peakInFlight.get();
  }
}
