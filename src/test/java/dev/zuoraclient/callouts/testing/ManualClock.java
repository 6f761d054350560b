package dev.zuoraclient.callouts.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that only the test moves, so that expiry, backoff and rate windows are exact. */
public final class ManualClock extends Clock {
  private volatile Instant now;

  /** Starts at {@code start}. */
  public ManualClock(Instant start) {
    this.now = start;
  }

  /** Starts at a fixed instant. */
  public ManualClock() {
    this(Instant.parse("2026-11-27T10:00:00Z"));
  }

  /** Moves the clock forward. */
  public void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
