package dev.zuoraclient.callouts.simulator;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * How many times each ID was resent, for at most {@code maxIds} IDs: past that, the ID resent least
 * recently is forgotten. Once one was, an ID without a count may have been resent, so its count is
 * unknown rather than 0. The total counts every resend. Thread-safe.
 */
final class ResendCounts {
  private final int maxIds;
  // Least recently resent first: an ID resent again moves to the end.
  private final LinkedHashMap<String, Integer> counts = new LinkedHashMap<>(); // guarded by this
  private long total; // guarded by this
  private long forgotten; // guarded by this

  ResendCounts(int maxIds) {
    this.maxIds = maxIds;
  }

  /** Counts one resend of each of {@code ids} (already without repeats). */
  synchronized void resent(Collection<String> ids) {
    for (String id : ids) {
      Integer count = counts.remove(id);
      counts.put(id, count == null ? 1 : count + 1);
    }
    total += ids.size();
    Iterator<String> oldest = counts.keySet().iterator();
    while (counts.size() > maxIds) {
      oldest.next();
      oldest.remove();
      forgotten++;
    }
  }

  /**
   * The count of {@code id}, 0 when never resent.
   *
   * @throws IllegalStateException when the ID has no count and some were forgotten
   */
  synchronized int of(String id) {
    Integer count = counts.get(id);
    if (count != null) {
      return count;
    }
    if (forgotten > 0) {
      throw new IllegalStateException(
          "the simulator keeps resend counts for the "
              + maxIds
              + " IDs resent most recently (Builder.maxCountedIds) and has forgotten "
              + forgotten
              + "; this ID is not among those kept, so whether it was resent is unknown");
    }
    return 0;
  }

  synchronized long total() {
    return total;
  }

  /** How many IDs have a count now. */
  synchronized int size() {
    return counts.size();
  }

  synchronized void clear() {
    counts.clear();
    total = 0;
    forgotten = 0;
  }
}
