package dev.zuoraclient.callouts.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Data Query jobs the simulator knows, with the faults planned for the next ones and the
 * counters tests read. Bounded: at most {@link #MAX_JOBS} jobs and {@link #MAX_BYTES} of their
 * queries are kept, none for longer than {@link #KEPT_FOR} by the simulator's clock; past that the
 * oldest are forgotten (a GET of one answers 404, a download of its file NoSuchKey). Thread-safe.
 */
final class QueryJobs {
  static final int MAX_JOBS = 1000;
  static final long MAX_BYTES = 64L << 20;
  static final Duration KEPT_FOR = Duration.ofHours(24);

  private final LinkedHashMap<String, QueryJob> jobs = new LinkedHashMap<>(); // guarded by this
  private long bytes; // guarded by this
  private final Deque<QueryJob.Ending> endings = new ArrayDeque<>(); // guarded by this
  private final Set<String> foreign = ConcurrentHashMap.newKeySet();
  private final AtomicInteger submitted = new AtomicInteger();
  private final AtomicInteger cancelled = new AtomicInteger();
  private final Duration initialDelay;
  private volatile Duration delay;

  QueryJobs(Duration delay) {
    this.initialDelay = delay;
    this.delay = delay;
  }

  static String newId() {
    return UUID.randomUUID().toString();
  }

  Duration delay() {
    return delay;
  }

  void delay(Duration delay) {
    this.delay = delay;
  }

  /** Keeps a new job, which ends as the oldest pending fault says (or completes). */
  synchronized QueryJob submit(JobRequest request, ResultRows rows, Instant now) {
    QueryJob.Ending ending = endings.isEmpty() ? QueryJob.Ending.COMPLETE : endings.removeFirst();
    QueryJob job =
        new QueryJob(
            newId(),
            request.query(),
            request.sourceData(),
            request.useIndexJoin(),
            request.gzip(),
            rows,
            now,
            delay,
            ending);
    submitted.incrementAndGet();
    keep(job, now);
    return job;
  }

  /** Keeps a seeded job, replacing one with its ID; not counted as submitted. */
  synchronized void add(QueryJob job, Instant now) {
    QueryJob old = jobs.remove(job.id);
    if (old != null) {
      bytes -= old.estimatedBytes();
    }
    keep(job, now);
  }

  private void keep(QueryJob job, Instant now) { // guarded by this
    jobs.put(job.id, job);
    bytes += job.estimatedBytes();
    Iterator<Map.Entry<String, QueryJob>> oldest = jobs.entrySet().iterator();
    while (oldest.hasNext()) {
      QueryJob old = oldest.next().getValue();
      boolean over = jobs.size() > MAX_JOBS || (bytes > MAX_BYTES && jobs.size() > 1);
      if (!over && now.isBefore(old.submittedAt().plus(KEPT_FOR))) {
        break;
      }
      oldest.remove();
      bytes -= old.estimatedBytes();
    }
  }

  synchronized QueryJob get(String id) {
    return jobs.get(id);
  }

  boolean isForeign(String id) {
    return foreign.contains(id);
  }

  void addForeign(String id) {
    foreign.add(id);
  }

  synchronized void failNext(String errorMessage) {
    endings.addLast(new QueryJob.Ending(QueryJob.Status.FAILED, errorMessage));
  }

  synchronized void cancelNext() {
    endings.addLast(new QueryJob.Ending(QueryJob.Status.CANCELLED, null));
  }

  void cancelledByClient() {
    cancelled.incrementAndGet();
  }

  int submitted() {
    return submitted.get();
  }

  int cancelled() {
    return cancelled.get();
  }

  /** How many jobs are kept now. */
  synchronized int size() {
    return jobs.size();
  }

  /** Forgets every job, foreign ones included, pending faults and counters; the delay as built. */
  synchronized void reset() {
    jobs.clear();
    bytes = 0;
    endings.clear();
    foreign.clear();
    submitted.set(0);
    cancelled.set(0);
    delay = initialDelay;
  }
}
