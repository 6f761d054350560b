package dev.zuoraclient.callouts.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The injected failures and delays still pending. Statuses and delays queue separately, so a test
 * can combine "the next three are slow" with "the next one fails" and each request takes one of
 * each in arrival order.
 */
final class Faults {

  /** What one request gets: a status of 0 means no injected failure. */
  record Fault(int status, Duration retryAfter, Duration delay) {
    static final Fault NONE = new Fault(0, null, Duration.ZERO);

    boolean failing() {
      return status != 0;
    }
  }

  private static final class Batch<T> {
    final T value;
    int remaining;

    Batch(T value, int remaining) {
      this.value = value;
      this.remaining = remaining;
    }
  }

  private record Failure(int status, Duration retryAfter) {}

  private final Deque<Batch<Failure>> failures = new ArrayDeque<>();
  private final Deque<Batch<Duration>> delays = new ArrayDeque<>();

  synchronized void addFailures(int n, int status, Duration retryAfter) {
    failures.addLast(new Batch<>(new Failure(status, retryAfter), n));
  }

  synchronized void addDelays(int n, Duration delay) {
    delays.addLast(new Batch<>(delay, n));
  }

  synchronized Fault take() {
    Failure failure = poll(failures);
    Duration delay = poll(delays);
    if (failure == null && delay == null) {
      return Fault.NONE;
    }
    return new Fault(
        failure == null ? 0 : failure.status(),
        failure == null ? null : failure.retryAfter(),
        delay == null ? Duration.ZERO : delay);
  }

  synchronized void clear() {
    failures.clear();
    delays.clear();
  }

  private static <T> T poll(Deque<Batch<T>> queue) {
    Batch<T> head = queue.peekFirst();
    if (head == null) {
      return null;
    }
    if (--head.remaining == 0) {
      queue.removeFirst();
    }
    return head.value;
  }
}
