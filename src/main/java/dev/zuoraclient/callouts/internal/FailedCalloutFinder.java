package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.exception.ZuoraException;
import dev.zuoraclient.callouts.history.FailedCalloutQuery;
import dev.zuoraclient.callouts.history.FailedCallouts;
import dev.zuoraclient.callouts.history.QueryJobException;
import dev.zuoraclient.callouts.history.QueryJobException.Reason;
import dev.zuoraclient.callouts.history.QueryJobListener;
import dev.zuoraclient.callouts.internal.generated.model.DataQueryJob;
import dev.zuoraclient.callouts.internal.generated.model.DataQueryJob.QueryStatusEnum;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A find, start to end: submits the query's job, polls it with a capped backoff until it ends or
 * the query's timeout passes, then reads its result file ({@link ResultDownload}). The job is
 * cancelled ({@code DELETE}) when the find gives up on it: its timeout, an interrupt, or a failed
 * call; the {@link QueryJobException} says which, and whether the cancel went through.
 */
public final class FailedCalloutFinder {
  /** The first wait between polls. */
  static final Duration FIRST_POLL = Duration.ofMillis(250);

  /** The longest wait between polls. */
  static final Duration MAX_POLL = Duration.ofSeconds(10);

  /** How long cancelling a job may take, on top of the find's timeout. */
  static final Duration CANCEL_BUDGET = Duration.ofSeconds(10);

  /** Whether Zuora's job ID keeps the spec's rule, which keeps it safe in a path. */
  static boolean usableJobId(String id) {
    ValueRule rule = SpecRules.QUERY_JOB_ID;
    return id != null
        && id.length() >= Math.max(1, rule.minLength())
        && id.length() <= rule.maxLength()
        && rule.pattern() != null
        && rule.matchesPattern(id);
  }

  private final QueryJobs jobs;
  private final ResultDownload download;
  private final Sleeper sleeper;

  FailedCalloutFinder(QueryJobs jobs, ResultDownload download, Sleeper sleeper) {
    this.jobs = jobs;
    this.download = download;
    this.sleeper = sleeper;
  }

  /**
   * The failed callouts {@code query} finds.
   *
   * @throws QueryJobException when the job did not end with a complete result
   * @throws ZuoraException when the job could not be submitted (no job was started)
   */
  public FailedCallouts find(FailedCalloutQuery query, QueryJobListener listener) {
    long start = System.nanoTime();
    long deadline = start + query.timeout().toNanos();
    String sql = FailedCalloutSql.of(query);
    DataQueryJob job;
    try {
      job = HttpClientTransport.withDeadline(deadline, () -> submit(sql));
    } catch (Interrupted e) {
      Thread.currentThread().interrupt();
      throw new QueryJobException(
          "interrupted while submitting the query job",
          Reason.INTERRUPTED,
          null,
          false,
          null,
          null);
    }
    String id = job.getId();
    if (!usableJobId(id)) {
      throw new QueryJobException(
          "Zuora's job ID is not one the client can use in a URL: "
              + SafeText.printable(id.length() > 80 ? id.substring(0, 80) + "..." : id),
          Reason.CALL_FAILED,
          null,
          false,
          null,
          null);
    }
    QueryStatusEnum last = null;
    Duration wait = FIRST_POLL;
    try {
      while (true) {
        QueryStatusEnum status = job.getQueryStatus();
        if (status != last) {
          tell(listener, id, status == null ? "unknown" : status.getValue(), start);
          last = status;
        }
        if (status == QueryStatusEnum.COMPLETED) {
          return fetch(query, listener, job, start, deadline);
        }
        if (status == QueryStatusEnum.FAILED) {
          String why = job.getErrorMessage();
          throw new QueryJobException(
              "the query job "
                  + id
                  + " failed"
                  + (why == null ? "" : ": " + SafeText.printable(why)),
              Reason.JOB_FAILED,
              id,
              false,
              why,
              null);
        }
        if (status == QueryStatusEnum.CANCELLED) {
          throw new QueryJobException(
              "the query job " + id + " was cancelled by someone else",
              Reason.JOB_CANCELLED,
              id,
              false,
              null,
              null);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw timedOut(query, id, status, cancel(id), null);
        }
        sleeper.sleep(Duration.ofNanos(Math.min(wait.toNanos(), left)));
        wait = wait.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : wait.multipliedBy(2);
        if (System.nanoTime() - deadline >= 0) {
          continue; // the timeout is handled above, with the job's last state
        }
        job = HttpClientTransport.withDeadline(deadline, () -> get(id));
      }
    } catch (InterruptedException | Interrupted e) {
      if (last == QueryStatusEnum.COMPLETED) {
        Thread.currentThread().interrupt();
        throw new QueryJobException(
            "interrupted while reading the result of query job " + id,
            Reason.INTERRUPTED,
            id,
            false,
            null,
            null);
      }
      boolean cancelled = cancelInterrupted(id);
      throw new QueryJobException(
          "interrupted while waiting for the query job " + id + cancelledNote(cancelled),
          Reason.INTERRUPTED,
          id,
          cancelled,
          null,
          null);
    } catch (ZuoraException e) {
      boolean cancelled = cancel(id);
      if (System.nanoTime() - deadline >= 0) {
        throw timedOut(query, id, last, cancelled, e);
      }
      throw new QueryJobException(
          "a call about the query job "
              + id
              + " failed: "
              + e.getMessage()
              + cancelledNote(cancelled),
          Reason.CALL_FAILED,
          id,
          cancelled,
          null,
          e);
    }
  }

  private FailedCallouts fetch(
      FailedCalloutQuery query,
      QueryJobListener listener,
      DataQueryJob job,
      long start,
      long deadline)
      throws InterruptedException {
    String id = job.getId();
    if (job.getDataFile() == null || job.getDataFile().isBlank()) {
      throw new QueryJobException(
          "the query job " + id + " completed without a result file",
          Reason.DOWNLOAD_FAILED,
          id,
          false,
          null,
          null);
    }
    tell(listener, id, "downloading", start);
    long rows = job.getOutputRows() == null ? -1 : job.getOutputRows();
    try {
      return download.fetch(query, id, job.getDataFile(), rows, deadline);
    } catch (ResultDownload.Failure e) {
      throw new QueryJobException(
          "the result of query job " + id + " could not be used: " + e.getMessage(),
          Reason.DOWNLOAD_FAILED,
          id,
          false,
          null,
          e.getCause());
    }
  }

  private DataQueryJob submit(String sql) {
    try {
      return jobs.submit(sql);
    } catch (InterruptedException e) {
      throw new Interrupted();
    }
  }

  private DataQueryJob get(String id) {
    try {
      return jobs.get(id);
    } catch (InterruptedException e) {
      throw new Interrupted();
    }
  }

  /** Cancels with the interrupt set aside (a cancel must go out), then restores it. */
  private boolean cancelInterrupted(String id) {
    Thread.interrupted();
    try {
      return cancel(id);
    } finally {
      Thread.currentThread().interrupt();
    }
  }

  /** Cancels the job within {@link #CANCEL_BUDGET}: whether Zuora confirmed it. */
  private boolean cancel(String id) {
    long until = System.nanoTime() + CANCEL_BUDGET.toNanos();
    try {
      DataQueryJob after =
          HttpClientTransport.withDeadline(
              until,
              () -> {
                try {
                  return jobs.cancel(id);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return null;
                }
              });
      return after != null && after.getQueryStatus() == QueryStatusEnum.CANCELLED;
    } catch (RuntimeException e) {
      return false; // reported as not cancelled; the job ends on Zuora's own time limit
    }
  }

  private static void tell(QueryJobListener listener, String id, String state, long start) {
    try {
      listener.stateChanged(id, state, Duration.ofNanos(System.nanoTime() - start));
    } catch (RuntimeException e) {
      // a listener's failure must not end the find
    }
  }

  /** The find's timeout passed with the job still in {@code state}. */
  private static QueryJobException timedOut(
      FailedCalloutQuery query,
      String id,
      QueryStatusEnum state,
      boolean cancelled,
      ZuoraException cause) {
    return new QueryJobException(
        "the query job "
            + id
            + " did not finish within "
            + seconds(query.timeout())
            + " (still "
            + (state == null ? "unknown" : state.getValue())
            + ")"
            + cancelledNote(cancelled),
        Reason.TIMED_OUT,
        id,
        cancelled,
        null,
        cause);
  }

  private static String cancelledNote(boolean cancelled) {
    return cancelled ? "; the job was cancelled" : "; the job could not be cancelled";
  }

  private static String seconds(Duration d) {
    return TimeUnit.MILLISECONDS.toSeconds(d.toMillis()) + " s";
  }

  /** An interrupt carried out of a {@link HttpClientTransport.Bounded} body. */
  private static final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Interrupted() {
      super(null, null, false, false);
    }
  }
}
