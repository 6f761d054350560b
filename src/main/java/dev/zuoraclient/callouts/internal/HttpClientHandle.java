package dev.zuoraclient.callouts.internal;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link HttpClient} a transport sends with, and its end. Every exchange holds it ({@link
 * #acquire()} … {@link #release()}) from its request until its answer is read; {@link #close()}
 * refuses new exchanges at once, and a client of the library's own is stopped when the last
 * exchange in flight ends (at once when none is): exchanges in flight end as they would.
 *
 * <p>Stopping ends the client's selector thread and closes its idle connections, and {@link
 * #close()} waits for that (at most {@link #STOP_WAIT}), on every Java version:
 *
 * <ul>
 *   <li>Java 21 and later: {@code HttpClient.shutdown()}.
 *   <li>Java 17 to 20 have no such method, and a client ends only once it has been collected. Its
 *       selector thread ({@code HttpClient-<id>-SelectorManager}, the id being the one the client's
 *       {@code toString()} ends with) ends its loop when interrupted, closing the client's
 *       connections as on a shutdown; that is how it is stopped here (such a client never answers
 *       again, not even with an error: the handle's refusal keeps exchanges away from it). A thread
 *       still selecting when the JVM exits costs every exit on Java 17 at least 300 ms (the JVM
 *       waits for threads in native code), which is most of the command-line tool's start-up
 *       budget.
 * </ul>
 *
 * An application's own client is never stopped: {@link #close()} only refuses new exchanges.
 */
final class HttpClientHandle {
  /** How long {@link #close()} waits for the client's thread to end. */
  static final Duration STOP_WAIT = Duration.ofSeconds(1);

  /** {@code HttpClient.shutdown()}, on Java 21 and later; null before. */
  private static final Method SHUTDOWN = method("shutdown");

  private final HttpClient http;
  private final boolean owned;
  private final AtomicInteger inUse = new AtomicInteger();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile boolean closed;

  /**
   * @param owned whether {@code http} was built for this handle, and so is stopped once closed
   */
  HttpClientHandle(HttpClient http, boolean owned) {
    this.http = http;
    this.owned = owned;
  }

  /**
   * The client, held for one exchange until {@link #release()}.
   *
   * @throws IOException when the handle is closed (nothing was sent)
   */
  HttpClient acquire() throws IOException {
    if (!closed) {
      inUse.incrementAndGet();
      if (!closed) {
        return http;
      }
      release();
    }
    throw new IOException("the client is closed; nothing was sent");
  }

  /** Ends one {@link #acquire()}; the last one after {@link #close()} stops the client. */
  void release() {
    if (inUse.decrementAndGet() == 0 && closed) {
      stop(false);
    }
  }

  /** Whether {@link #close()} was called. */
  boolean isClosed() {
    return closed;
  }

  /**
   * Refuses new exchanges; a client of the library's own is stopped now when no exchange is in
   * flight (this waits for its thread to end, at most {@link #STOP_WAIT}), else when the last one
   * ends. Idempotent.
   */
  void close() {
    closed = true;
    if (inUse.get() == 0) {
      stop(true);
    }
  }

  private void stop(boolean wait) {
    if (!owned || !stopped.compareAndSet(false, true)) {
      return;
    }
    Thread selector = selectorThread(http);
    if (SHUTDOWN != null) {
      try {
        SHUTDOWN.invoke(http);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // Not stopped here: unreachable once its transport is, it ends after a collection.
      }
    } else if (selector != null) {
      selector.interrupt();
    }
    if (wait && selector != null) {
      join(selector, STOP_WAIT);
    }
  }

  /**
   * Stops {@code http} the Java 17 way: interrupts its selector thread, which then closes the
   * client's connections and ends, and waits up to {@code wait} for it to end.
   *
   * @return whether the thread was found (and so interrupted)
   */
  static boolean interruptSelector(HttpClient http, Duration wait) {
    Thread selector = selectorThread(http);
    if (selector == null) {
      return false; // not a client of the JDK's own kind, or its thread has already ended
    }
    selector.interrupt();
    join(selector, wait);
    return true;
  }

  private static void join(Thread thread, Duration wait) {
    try {
      thread.join(Math.max(1, wait.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The JDK's selector thread of {@code http} (Java 17 to 20), or null when none is found. */
  static Thread selectorThread(HttpClient http) {
    String name = selectorThreadName(http);
    if (name == null) {
      return null;
    }
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int n = root.enumerate(threads, true);
    for (int i = 0; i < n; i++) {
      if (threads[i].getName().equals(name) && threads[i].isDaemon()) {
        return threads[i];
      }
    }
    return null;
  }

  /**
   * {@code HttpClient-<id>-SelectorManager}, {@code <id>} being the number in parentheses that ends
   * the JDK client's {@code toString()} ({@code jdk.internal.net.http.HttpClientImpl@1b2c3d(7)}),
   * or null when it does not end so.
   */
  static String selectorThreadName(HttpClient http) {
    return selectorThreadName(String.valueOf(http));
  }

  /** The selector thread's name for a client whose {@code toString()} is {@code s}, or null. */
  static String selectorThreadName(String s) {
    int open = s.lastIndexOf('(');
    if (!s.startsWith("jdk.internal.net.http.") || open < 0 || !s.endsWith(")")) {
      return null;
    }
    String id = s.substring(open + 1, s.length() - 1);
    if (id.isEmpty() || id.length() > 19 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    return "HttpClient-" + id + "-SelectorManager";
  }

  private static Method method(String name) {
    try {
      return HttpClient.class.getMethod(name);
    } catch (NoSuchMethodException e) {
      return null; // Java 17 to 20
    }
  }

  @Override
  public String toString() {
    return "HttpClientHandle{owned="
        + owned
        + ", closed="
        + closed
        + ", inUse="
        + inUse.get()
        + ", stopped="
        + stopped.get()
        + "}";
  }
}
