package dev.zuoraclient.callouts.simulator;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Every thread of one simulator, the JDK server's own included, and where their faults go.
 *
 * <p>The JDK's {@code HttpServer} runs its dispatcher (which accepts connections and reads
 * requests) and its idle-connection timer on threads of its own, and catches no {@link Error}
 * there: an {@link OutOfMemoryError} in the dispatcher ends it, and from then on no request is
 * answered while connections are still accepted by the kernel, so clients wait until their own
 * timeouts. Those threads belong to the thread group of whoever created the server; creating it
 * from a thread of this group brings their deaths here, to be reported rather than only printed.
 */
final class SimulatorThreads extends ThreadGroup {
  private final AtomicInteger counter = new AtomicInteger();
  // Cleared on close: the JDK keeps a thread group for as long as its parent, and the listener may
  // hold much more than this small object.
  private volatile Consumer<Throwable> listener;

  SimulatorThreads(Consumer<Throwable> listener) {
    super("zuora-simulator");
    this.listener = listener;
  }

  /** A daemon worker thread of this group. */
  Thread newThread(Runnable task) {
    Thread t = new Thread(this, task, "zuora-simulator-" + counter.incrementAndGet());
    t.setDaemon(true);
    return t;
  }

  /**
   * Runs {@code work} on a new thread of this group and returns what it returns, so that the
   * threads it starts belong here too. Waits whatever interrupts come, and keeps them.
   */
  <T> T inside(Callable<T> work) throws Exception {
    FutureTask<T> task = new FutureTask<>(work);
    Thread starter = new Thread(this, task, "zuora-simulator-start");
    starter.setDaemon(true);
    starter.start();
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          throw (Exception) e.getCause();
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Tells the listener of a fault; never throws. */
  void report(Throwable fault) {
    Consumer<Throwable> l = listener;
    if (l == null) {
      return;
    }
    try {
      l.accept(fault);
    } catch (RuntimeException | Error e) {
      // the listener's own fault: the simulator's is what matters
    }
  }

  /** Reports nothing from now on. */
  void closed() {
    listener = null;
  }

  /** A thread of the simulator ended with a throwable nobody caught: report it, then print it. */
  @Override
  public void uncaughtException(Thread t, Throwable e) {
    report(e);
    super.uncaughtException(t, e);
  }
}
