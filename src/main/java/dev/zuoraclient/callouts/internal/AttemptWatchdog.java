package dev.zuoraclient.callouts.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Interrupts a thread whose attempt outlives its budget, so that {@link java.net.http.HttpClient}'s
 * {@code send} cancels the exchange. One daemon thread checks the attempts in flight every {@value
 * #TICK_MILLIS} ms while there are any, and parks while there are none: starting and ending an
 * attempt costs a set insertion and removal, never a thread wake-up (a timer task per attempt cost
 * two, a large share of a loopback call). Budgets are kept to within a tick.
 *
 * <p>The thread ends once no attempt has been watched for {@link #DEFAULT_IDLE} (as OkHttp's idle
 * threads do) and a new one starts with the next attempt, so that an idle library holds no thread:
 * in an application server a thread that never ends would keep the application's class loader alive
 * across redeploys. It inherits neither the creating thread's inheritable thread-locals nor its
 * context class loader, so that it pins nothing of the application that happened to start it.
 */
final class AttemptWatchdog {
  static final long TICK_MILLIS = 10;

  /** How long the thread waits for work before it ends. */
  static final Duration DEFAULT_IDLE = Duration.ofSeconds(60);

  /** The watchdog every transport uses. */
  static final AttemptWatchdog SHARED =
      new AttemptWatchdog(DEFAULT_IDLE, "zuora-callout-resend-watchdog");

  private final Set<Attempt> active = ConcurrentHashMap.newKeySet();
  private final AtomicReference<Thread> scanner = new AtomicReference<>();
  private final long idleNanos;
  private final String threadName;
  private volatile boolean parked;
  private volatile long lastWatched = System.nanoTime();

  /**
   * @param idle how long the thread waits without an attempt before it ends
   * @param threadName the thread's name
   */
  AttemptWatchdog(Duration idle, String threadName) {
    this.idleNanos = idle.toNanos();
    this.threadName = threadName;
  }

  /** One attempt under watch, on the calling thread. */
  static final class Attempt {
    private final Set<Attempt> owner;
    private final Thread sender = Thread.currentThread();
    private final long deadline;
    private boolean armed = true; // guarded by this
    private boolean fired; // guarded by this

    private Attempt(Set<Attempt> owner, long deadline) {
      this.owner = owner;
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
      owner.remove(this);
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

  /** Watches the calling thread's attempt for {@code budgetNanos}, with the shared watchdog. */
  static Attempt start(long budgetNanos) {
    return SHARED.watch(budgetNanos);
  }

  /** Watches the calling thread's attempt for {@code budgetNanos}. */
  Attempt watch(long budgetNanos) {
    long now = System.nanoTime();
    lastWatched = now;
    Attempt a = new Attempt(active, now + budgetNanos);
    active.add(a);
    // After the insertion: a scanner that read the set as empty and is ending has already let go
    // of its place (see scan), so either it sees this attempt or this thread starts another.
    Thread current = scanner.get();
    if (current == null) {
      startScanner();
    } else if (parked) {
      LockSupport.unpark(current);
    }
    return a;
  }

  /** The scanner thread, while one runs (for tests). */
  Thread thread() {
    return scanner.get();
  }

  private void startScanner() {
    Thread t = new Thread(null, this::scan, threadName, 0, false);
    t.setDaemon(true);
    t.setContextClassLoader(null);
    if (scanner.compareAndSet(null, t)) {
      t.start();
    }
  }

  private void scan() {
    Thread me = Thread.currentThread();
    while (true) {
      if (active.isEmpty()) {
        parked = true;
        // Idle since the last attempt began, not since the set was first seen empty: attempts that
        // start and end between two looks of this thread must keep it alive.
        while (active.isEmpty() && System.nanoTime() - lastWatched < idleNanos) {
          LockSupport.parkNanos(idleNanos - (System.nanoTime() - lastWatched));
        }
        parked = false;
        if (active.isEmpty()) {
          scanner.compareAndSet(me, null);
          // An attempt added before the line above saw this thread and will not start another.
          if (active.isEmpty() || !scanner.compareAndSet(null, me)) {
            return;
          }
        }
        continue;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
      long now = System.nanoTime();
      for (Attempt a : active) {
        a.fireIfDue(now);
      }
    }
  }
}
