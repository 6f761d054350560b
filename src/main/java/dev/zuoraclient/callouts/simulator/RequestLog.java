package dev.zuoraclient.callouts.simulator;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The requests kept for {@link ZuoraSimulator#requests()}: the most recent {@code maxRequests}, and
 * fewer when they would hold more than {@code maxBytes} (estimated); the oldest go first and are
 * counted. Thread-safe.
 */
final class RequestLog {
  private record Kept(RecordedRequest request, long bytes) {}

  private final int maxRequests;
  private final long maxBytes;
  private final ArrayDeque<Kept> kept = new ArrayDeque<>(); // guarded by this
  private long bytes; // guarded by this
  private long dropped; // guarded by this

  RequestLog(int maxRequests, long maxBytes) {
    this.maxRequests = maxRequests;
    this.maxBytes = maxBytes;
  }

  synchronized void add(RecordedRequest request) {
    if (maxRequests == 0) {
      dropped++;
      return;
    }
    long size = request.estimatedBytes();
    kept.addLast(new Kept(request, size));
    bytes += size;
    // The newest stays even alone over the budget: a test reads back what it just sent.
    while (kept.size() > maxRequests || (bytes > maxBytes && kept.size() > 1)) {
      bytes -= kept.removeFirst().bytes();
      dropped++;
    }
  }

  synchronized List<RecordedRequest> requests() {
    return kept.stream().map(Kept::request).toList();
  }

  /** How many requests were received but are not kept. */
  synchronized long dropped() {
    return dropped;
  }

  /** The estimated size of the kept requests. */
  synchronized long bytes() {
    return bytes;
  }

  synchronized void clear() {
    kept.clear();
    bytes = 0;
    dropped = 0;
  }
}
