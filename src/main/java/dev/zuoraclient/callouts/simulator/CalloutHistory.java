package dev.zuoraclient.callouts.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The callout history Data Query answers from: records seeded by the builder or while running, kept
 * in the query's order (by time, then ID), and optionally {@link GeneratedFailures}, which cost
 * nothing. Thread-safe: each change makes a new immutable list, so a {@link Snapshot} taken when a
 * job is submitted is what the job reads until its file is downloaded, whatever changes after.
 */
final class CalloutHistory {
  static final Comparator<CalloutRecord> QUERY_ORDER =
      Comparator.comparing(CalloutRecord::createTime).thenComparing(CalloutRecord::id);

  /** What one job reads. */
  record Snapshot(List<CalloutRecord> records, GeneratedFailures generated) {}

  private final List<CalloutRecord> initialRecords;
  private final GeneratedFailures initialGenerated;
  private volatile Snapshot current; // replaced whole under the lock of this

  CalloutHistory(Collection<CalloutRecord> records, GeneratedFailures generated) {
    this.initialRecords = sorted(List.of(), records);
    this.initialGenerated = generated;
    this.current = new Snapshot(initialRecords, generated);
  }

  Snapshot snapshot() {
    return current;
  }

  /** Adds records; copies the history each time, so add many at once. */
  synchronized void add(Collection<CalloutRecord> records) {
    current = new Snapshot(sorted(current.records(), records), current.generated());
  }

  /** Forgets every record, the generated ones included. */
  synchronized void clear() {
    current = new Snapshot(List.of(), null);
  }

  /** Back to what the builder seeded. */
  synchronized void reset() {
    current = new Snapshot(initialRecords, initialGenerated);
  }

  private static List<CalloutRecord> sorted(
      List<CalloutRecord> kept, Collection<CalloutRecord> added) {
    List<CalloutRecord> all = new ArrayList<>(kept.size() + added.size());
    all.addAll(kept);
    for (CalloutRecord r : added) {
      all.add(Objects.requireNonNull(r, "a callout record must not be null"));
    }
    all.sort(QUERY_ORDER);
    return List.copyOf(all);
  }
}
