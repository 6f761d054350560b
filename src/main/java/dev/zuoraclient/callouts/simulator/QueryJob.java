package dev.zuoraclient.callouts.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * One Data Query job: what it reads (the query and a snapshot of the history, fixed at submission),
 * and where it stands at a given time by the simulator's clock. It is {@code accepted} for the
 * first half of its delay, {@code in_progress} for the second, then ends as planned at submission
 * ({@code completed}, or {@code failed} or {@code cancelled} by a fault) unless a DELETE cancelled
 * it first. Its rows are counted and its file signed once, by whoever first sees it end. A job
 * seeded in a running state ({@link #seeded}) stays in it until cancelled. Thread-safe.
 */
final class QueryJob {
  enum Status {
    ACCEPTED,
    IN_PROGRESS,
    COMPLETED,
    FAILED,
    CANCELLED;

    /** As Data Query writes it: {@code in_progress}. */
    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    boolean running() {
      return this == ACCEPTED || this == IN_PROGRESS;
    }
  }

  /** How the job ends unless cancelled first; {@code errorMessage} only for {@code FAILED}. */
  record Ending(Status status, String errorMessage) {
    static final Ending COMPLETE = new Ending(Status.COMPLETED, null);
  }

  /** The job as one answer shows it. */
  record View(
      Status status,
      Instant updatedOn,
      long outputRows,
      String dataFile,
      long processingMillis,
      String errorMessage) {}

  final String id;
  final String query;
  final String sourceData;
  final boolean useIndexJoin;
  final boolean gzip;
  final ResultRows rows;
  private final Instant submittedAt;
  private final Duration delay;
  private final Ending planned;
  private final Status held; // a running state a seeded job stays in; null for a submitted job
  private View ended; // guarded by this; null while running

  QueryJob(
      String id,
      String query,
      String sourceData,
      boolean useIndexJoin,
      boolean gzip,
      ResultRows rows,
      Instant submittedAt,
      Duration delay,
      Ending planned) {
    this(id, query, sourceData, useIndexJoin, gzip, rows, submittedAt, delay, planned, null);
  }

  private QueryJob(
      String id,
      String query,
      String sourceData,
      boolean useIndexJoin,
      boolean gzip,
      ResultRows rows,
      Instant submittedAt,
      Duration delay,
      Ending planned,
      Status held) {
    this.id = id;
    this.query = query;
    this.sourceData = sourceData;
    this.useIndexJoin = useIndexJoin;
    this.gzip = gzip;
    this.rows = rows;
    this.submittedAt = submittedAt;
    this.delay = delay;
    this.planned = planned;
    this.held = held;
  }

  /**
   * A job that is in {@code status} from {@code now} on, as if this caller had submitted it: a
   * running one stays so until cancelled, an ended one ended at {@code now} ({@code errorMessage}
   * only for {@code FAILED}). Its query is the client's, as Data Query echoes it; it reads {@code
   * rows}, gzipped.
   */
  static QueryJob seeded(
      String id, Status status, String errorMessage, ResultRows rows, String query, Instant now) {
    return status.running()
        ? new QueryJob(id, query, "LIVE", false, true, rows, now, Duration.ZERO, null, status)
        : new QueryJob(
            id,
            query,
            "LIVE",
            false,
            true,
            rows,
            now,
            Duration.ZERO,
            new Ending(status, errorMessage),
            null);
  }

  Instant submittedAt() {
    return submittedAt;
  }

  /**
   * The job at {@code now}; when it has just completed, counts its rows and asks {@code sign} for
   * its file's URL (given the time it completed).
   */
  synchronized View at(Instant now, Function<Instant, String> sign) {
    if (ended != null) {
      return ended;
    }
    if (held != null) {
      return new View(held, submittedAt, 0, null, 0, null);
    }
    Instant end = submittedAt.plus(delay);
    if (now.isBefore(end)) {
      Instant half = submittedAt.plus(delay.dividedBy(2));
      return now.isBefore(half)
          ? new View(Status.ACCEPTED, submittedAt, 0, null, 0, null)
          : new View(Status.IN_PROGRESS, half, 0, null, 0, null);
    }
    long millis = delay.toMillis();
    ended =
        switch (planned.status()) {
          case COMPLETED ->
              new View(Status.COMPLETED, end, rows.count(), sign.apply(now), millis, null);
          case FAILED -> new View(Status.FAILED, end, 0, null, millis, planned.errorMessage());
          default -> new View(Status.CANCELLED, end, 0, null, millis, null);
        };
    return ended;
  }

  /** Cancels the job if it is still running at {@code now}; null when it had ended. */
  synchronized View cancel(Instant now) {
    if (ended != null || (held == null && !now.isBefore(submittedAt.plus(delay)))) {
      return null;
    }
    ended =
        new View(
            Status.CANCELLED, now, 0, null, Duration.between(submittedAt, now).toMillis(), null);
    return ended;
  }

  /** About how much memory this job holds (its snapshot of the history is shared). */
  long estimatedBytes() {
    return 512L + 2L * query.length();
  }
}
