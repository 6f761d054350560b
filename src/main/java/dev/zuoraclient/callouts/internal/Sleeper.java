package dev.zuoraclient.callouts.internal;

import java.time.Duration;

/** The one place retries wait; tests substitute one that records instead of sleeping. */
@FunctionalInterface
interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
