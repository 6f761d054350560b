package dev.zuoraclient.callouts.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Interrupts a thread whose attempt outlives its budget, so that {@link java.net.http.HttpClient}'s
 * {@code send} cancels the exchange. One daemon thread checks the attempts in flight every {@value
 * #TICK_MILLIS} ms while there are any, and parks while there are none: starting and ending an
 * attempt costs a set insertion and removal, never a thread wake-up (a timer task per attempt cost
 * two, a large share of a loopback call). Budgets are kept to within a tick.
 */
final class AttemptWatchdog {
  static final long TICK_MILLIS = 10;

  private static final Set<Attempt> ACTIVE = ConcurrentHashMap.newKeySet();
  private static final Thread SCANNER = startScanner();
  private static volatile boolean parked;

  private AttemptWatchdog() {}

  /** One attempt under watch, on the calling thread. */
  static final class Attempt {
    private final Thread sender = Thread.currentThread();
    private final long deadline;
    private boolean armed = true; // guarded by this
    private boolean fired; // guarded by this

    private Attempt(long deadline) {
      this.deadline = deadline;
    }

    private synchronized void fireIfDue(long now) {
      if (armed && now - deadline >= 0) {
        fired = true;
        sender.interrupt();
      }
    }

    /**
     * Ends the watch: true when it had not fired; when it had, its interrupt is cleared, so that it
     * never reaches the caller. Called on the sending thread.
     */
    boolean disarm() {
      ACTIVE.remove(this);
      synchronized (this) {
        armed = false;
        if (fired) {
          Thread.interrupted();
          return false;
        }
        return true;
      }
    }
  }

  /** Watches the calling thread's attempt for {@code budgetNanos}. */
  static Attempt start(long budgetNanos) {
    Attempt a = new Attempt(System.nanoTime() + budgetNanos);
    ACTIVE.add(a);
    if (parked) {
      LockSupport.unpark(SCANNER);
    }
    return a;
  }

  private static Thread startScanner() {
    Thread t = new Thread(AttemptWatchdog::scan, "zuora-callout-resend-watchdog");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void scan() {
    while (true) {
      if (ACTIVE.isEmpty()) {
        parked = true;
        if (ACTIVE.isEmpty()) {
          LockSupport.park();
        }
        parked = false;
        continue;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
      long now = System.nanoTime();
      for (Attempt a : ACTIVE) {
        a.fireIfDue(now);
      }
    }
  }
}
