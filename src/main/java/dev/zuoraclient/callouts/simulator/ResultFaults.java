package dev.zuoraclient.callouts.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The faults planned for the next result files: an already expired URL (taken when a job
 * completes), a redirect (taken by the next request to the storage host, whatever it asks), and a
 * truncated or slow body (taken by the next download that is answered 200). Each call plans one,
 * and calls queue up. Thread-safe.
 */
final class ResultFaults {

  /** What one download gets: {@code truncateAt} -1 for the whole body, {@code perKilobyte} zero. */
  record Download(long truncateAt, Duration perKilobyte) {
    static final Download NORMAL = new Download(-1, Duration.ZERO);
  }

  private int expired; // guarded by this
  private final Deque<URI> redirects = new ArrayDeque<>(); // guarded by this
  private final Deque<Long> truncations = new ArrayDeque<>(); // guarded by this
  private final Deque<Duration> slowdowns = new ArrayDeque<>(); // guarded by this

  synchronized void expireNext() {
    expired++;
  }

  synchronized void redirectNext(URI to) {
    redirects.addLast(to);
  }

  synchronized void truncateNext(long bytes) {
    truncations.addLast(bytes);
  }

  synchronized void slowNext(Duration perKilobyte) {
    slowdowns.addLast(perKilobyte);
  }

  synchronized boolean takeExpired() {
    if (expired == 0) {
      return false;
    }
    expired--;
    return true;
  }

  synchronized URI takeRedirect() {
    return redirects.pollFirst();
  }

  synchronized Download takeDownload() {
    Long truncateAt = truncations.pollFirst();
    Duration perKilobyte = slowdowns.pollFirst();
    if (truncateAt == null && perKilobyte == null) {
      return Download.NORMAL;
    }
    return new Download(
        truncateAt == null ? -1 : truncateAt, perKilobyte == null ? Duration.ZERO : perKilobyte);
  }

  synchronized void clear() {
    expired = 0;
    redirects.clear();
    truncations.clear();
    slowdowns.clear();
  }
}
