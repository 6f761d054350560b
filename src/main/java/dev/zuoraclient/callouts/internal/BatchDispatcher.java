package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.BatchNotSentException;
import dev.zuoraclient.callouts.BatchOptions;
import dev.zuoraclient.callouts.RateLimit;
import dev.zuoraclient.callouts.ResendResult;
import dev.zuoraclient.callouts.RetryPolicy;
import dev.zuoraclient.callouts.exception.ZuoraException;
import dev.zuoraclient.callouts.exception.ZuoraOutcomeUnknownException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One batched run, from the queue of batches to the merged result: workers take batches while the
 * {@link ConcurrencyLimiter} has room, a 429 sends its batch back to the front, an error that would
 * repeat for every batch, a wait longer than the run allows, a journal that cannot be written or an
 * interrupt of the calling thread stops the run, and every batch not sent is settled with a {@link
 * BatchNotSentException}. What each batch ended as is {@link BatchOutcomes}', its key {@link
 * BatchKeys}', what a failure means {@code ErrorRules}'.
 */
final class BatchDispatcher {
  // Just over our 300-line guide on purpose: one state machine (start, pace, record, stop) whose
  // transitions share its locked state; BatchResender prepares the run, BatchOutcomes, BatchKeys,
  // RateLimitRules, the limiter and the journal hold the rest.

  /** How long abandoned batches get to end once their workers are interrupted. */
  private static final Duration ABANDON_WAIT = Duration.ofSeconds(5);

  private final Function<BatchResender.BatchCall, ResendResult> sender;

  private final List<List<String>> batches;
  private final BatchOptions options;
  private final int total;
  private final RunJournal journal;
  private final String baseKey;
  private final String[] keys;
  private final boolean[] planned;
  private final RateLimitRules rateLimits;
  private final BatchOutcomes outcomes;
  private final boolean[] inFlight;
  private final LinkedBlockingDeque<Integer> pending = new LinkedBlockingDeque<>();
  private final AtomicInteger busy = new AtomicInteger();
  private final ConcurrencyLimiter limiter;
  private final RunProgress progress;
  private volatile BatchNotSentException stopped;
  // The thread that called resendAll: an interrupt of it stops the run. Workers read its flag
  // too, since it is set (by a progress listener, say) before the caller wakes up to stop().
  private final Thread caller = Thread.currentThread();
  private final long started = System.nanoTime();

  BatchDispatcher(
      Function<BatchResender.BatchCall, ResendResult> sender,
      RetryPolicy backoff,
      List<List<String>> batches,
      BatchOptions options,
      RunJournal journal) {
    this.sender = sender;
    this.batches = batches;
    this.options = options;
    this.total = batches.size();
    this.journal = journal;
    this.baseKey = options.requestOptions().idempotencyKey().orElse(null);
    this.keys = new String[total];
    this.planned = new boolean[total];
    this.rateLimits = new RateLimitRules(options, backoff, total);
    this.inFlight = new boolean[total];
    this.limiter =
        new ConcurrencyLimiter(
            options.concurrency(), options.adaptiveConcurrency(), System::nanoTime);
    this.progress = new RunProgress(total, options);
    this.outcomes =
        new BatchOutcomes(batches.stream().mapToInt(List::size).sum(), total, journal, progress);
  }

  BatchResender.Merged execute() {
    int resolved = restore();
    for (int b = 0; b < total; b++) {
      if (!outcomes.resolved(b)) {
        pending.addLast(b);
      }
    }
    boolean interrupted = Thread.currentThread().isInterrupted();
    if (interrupted) {
      stop(BatchNotSentException.Reason.INTERRUPTED, "not started: the run was interrupted", null);
    } else if (!pending.isEmpty()) {
      interrupted = work(Math.min(options.concurrency(), total - resolved));
    }
    settleTheRest();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return outcomes.merge();
  }

  /** Batches the journal already resolved keep their outcome; planned ones keep their key. */
  private int restore() {
    int resolved = 0;
    if (journal == null) {
      return 0;
    }
    for (Map.Entry<Integer, RunJournal.Recorded> e : journal.recorded().entrySet()) {
      int b = e.getKey() - 1;
      keys[b] = e.getValue().key();
      planned[b] = true;
      if (e.getValue().resolved() != null) {
        outcomes.restored(b, e.getValue().resolved());
        resolved++;
      }
    }
    return resolved;
  }

  /** Runs the workers; true when the calling thread was interrupted meanwhile. */
  private boolean work(int workers) {
    ExecutorService pool = Executors.newFixedThreadPool(workers, daemonThreads());
    for (int i = 0; i < workers; i++) {
      pool.execute(this::worker);
    }
    pool.shutdown();
    try {
      if (!pool.awaitTermination(untilDeadline(), TimeUnit.NANOSECONDS)) {
        Duration limit = options.timeout().orElseThrow();
        stop(
            BatchNotSentException.Reason.TIMED_OUT,
            "not sent: the run's time limit of " + Durations.seconds(limit) + " passed",
            null);
        // As for an interrupt: the batches in flight get the grace period to end.
        if (!pool.awaitTermination(options.stopGracePeriod().toNanos(), TimeUnit.NANOSECONDS)) {
          pool.shutdownNow();
          awaitQuietly(pool, ABANDON_WAIT);
        }
      }
      if (Thread.currentThread().isInterrupted()) {
        // the workers saw the interrupt first, and ended
        stop(
            BatchNotSentException.Reason.INTERRUPTED, "not started: the run was interrupted", null);
        return true;
      }
      return false;
    } catch (InterruptedException e) {
      stop(BatchNotSentException.Reason.INTERRUPTED, "not started: the run was interrupted", null);
      // The batches in flight get the grace period to end (workers that only wait end at once);
      // a second interrupt cuts it short.
      if (!awaitQuietly(pool, options.stopGracePeriod())) {
        pool.shutdownNow();
        awaitQuietly(pool, ABANDON_WAIT);
      }
      return true;
    }
  }

  /** Nanoseconds left until the run's time limit; practically forever without one. */
  private long untilDeadline() {
    if (options.timeout().isEmpty()) {
      return Long.MAX_VALUE;
    }
    return Math.max(0, options.timeout().orElseThrow().toNanos() - (System.nanoTime() - started));
  }

  private boolean stopping() {
    return stopped != null || caller.isInterrupted();
  }

  private void worker() {
    try {
      takeBatches();
    } catch (Throwable e) {
      // Nothing is expected here (send settles its own errors); whatever it is, the run stops
      // with what it has, and every batch still open is settled as not sent or unknown.
      stop(BatchNotSentException.Reason.STOPPED_BY_ERROR, "not sent: the client failed: " + e, e);
    }
  }

  private void takeBatches() {
    while (!stopping()) {
      Integer b;
      try {
        b = pending.pollFirst(20, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (b == null) {
        if (pending.isEmpty() && busy.get() == 0) {
          return;
        }
        continue;
      }
      busy.incrementAndGet();
      try {
        if (!send(b)) {
          return;
        }
      } finally {
        busy.decrementAndGet();
      }
    }
  }

  /** Sends batch {@code b} once there is room; false when the worker must end. */
  private boolean send(int b) {
    ConcurrencyLimiter.Permit permit;
    try {
      permit = limiter.acquire();
    } catch (InterruptedException e) {
      pending.addFirst(b);
      return false;
    }
    if (permit == null || stopping()) {
      if (permit != null) {
        limiter.released();
      }
      pending.addFirst(b);
      return false;
    }
    List<String> batch = batches.get(b);
    String key = key(b, batch);
    if (key == null) {
      limiter.released();
      pending.addFirst(b); // never sent: the journal could not record it
      stopIfJournalFailed();
      return false;
    }
    synchronized (inFlight) {
      inFlight[b] = true;
    }
    progress.sending(b, batch.size());
    boolean freed = false; // the slot, given back exactly once
    try {
      ResendResult r =
          sender.apply(
              new BatchResender.BatchCall(
                  batch,
                  options.requestOptions(),
                  key,
                  true,
                  limiter::await,
                  b + 1,
                  total,
                  rateLimits.refusals(b)));
      RateLimit quota = r.rateLimit().orElse(null);
      Duration pause =
          limiter.succeeded(
              permit,
              quota == null ? -1 : quota.remaining().orElse(-1),
              quota == null ? null : quota.reset().orElse(null));
      freed = true;
      if (pause.compareTo(Duration.ZERO) > 0) {
        progress.paused(pause);
      }
      outcomes.resolve(b, r);
      String tooLong = rateLimits.quotaPauseTooLong(pause);
      if (tooLong != null) {
        stop(BatchNotSentException.Reason.RATE_LIMITED, tooLong, null);
      }
      return stopIfJournalFailed();
    } catch (RuntimeException e) {
      Duration asked = ErrorRules.rateLimitWait(e);
      freed = true; // below, by released or refused
      if (asked == null) {
        limiter.released();
        outcomes.fail(b, batch, e);
        if (ErrorRules.stopsABatchRun(e)) {
          stop(
              BatchNotSentException.Reason.STOPPED_BY_ERROR,
              "not sent: batch " + (b + 1) + " failed: " + e.getMessage(),
              e);
        }
        return stopIfJournalFailed();
      }
      return rateLimited(b, batch, e, asked);
    } catch (Error e) {
      // Our own machinery failed (out of memory, say): the request may have left. Free the slot
      // so no worker waits for it, and stop the run with what it has.
      if (!freed) {
        limiter.released();
      }
      outcomes.fail(b, batch, unknownOutcome(b, batch, "the client failed: " + e, e));
      stop(BatchNotSentException.Reason.STOPPED_BY_ERROR, "not sent: the client failed: " + e, e);
      return false;
    } finally {
      synchronized (inFlight) {
        inFlight[b] = false;
      }
    }
  }

  /**
   * A 429 for batch {@code b}: it waits what Zuora asked (or backs off when that is no usable wait)
   * and goes back to the front of the queue, unless the wait or the time this batch has been
   * refused is more than the run allows.
   */
  private boolean rateLimited(int b, List<String> batch, RuntimeException e, Duration asked) {
    RateLimitRules.Refusal refusal = rateLimits.refused(b, e, asked);
    boolean quotaSpent = refusal.quotaSpent();
    Duration wait = refusal.delay();
    limiter.refused(wait, quotaSpent);
    String stopped = refusal.stop();
    if (stopped == null) {
      progress.rateLimited(b, wait);
      if (quotaSpent) {
        progress.paused(wait);
      }
    }
    if (stopped != null) {
      outcomes.fail(b, batch, e);
      stop(BatchNotSentException.Reason.RATE_LIMITED, stopped, e);
      return stopIfJournalFailed();
    }
    if (!quotaSpent) {
      // Refused for capacity: this batch waits, counted from the answer; the others go on within
      // the lowered limit. A stop ends the wait at once.
      try {
        if (!limiter.await(wait)) {
          pending.addFirst(b);
          return false;
        }
      } catch (InterruptedException interrupted) {
        pending.addFirst(b);
        return false;
      }
    }
    pending.addFirst(b); // again, with the same key
    return true;
  }

  /** Stops the run when the journal failed; false then, so that the worker ends. */
  private boolean stopIfJournalFailed() {
    UncheckedIOException failure = journal == null ? null : journal.failure().orElse(null);
    if (failure == null) {
      return true;
    }
    stop(BatchNotSentException.Reason.JOURNAL_FAILED, "not sent: " + failure.getMessage(), failure);
    return false;
  }

  /**
   * The batch's key, planned in the journal before the batch is first sent; null when the journal
   * could not record it, and the batch must not be sent.
   */
  private String key(int b, List<String> batch) {
    if (keys[b] == null) {
      keys[b] = baseKey == null ? UUID.randomUUID().toString() : BatchKeys.derive(baseKey, batch);
    }
    if (journal != null && !planned[b]) {
      if (!journal.planned(b + 1, keys[b], batch)) {
        return null;
      }
      planned[b] = true;
    }
    return keys[b];
  }

  private void stop(BatchNotSentException.Reason reason, String message, Throwable cause) {
    synchronized (this) {
      if (stopped == null) {
        stopped = new BatchNotSentException(reason, message, cause);
      }
    }
    limiter.stop(); // every worker waiting for a slot or out a refusal returns now
  }

  /** Every batch without an outcome after the workers ended: never sent, or abandoned. */
  private void settleTheRest() {
    for (int b = 0; b < total; b++) {
      if (outcomes.settled(b)) {
        continue;
      }
      List<String> batch = batches.get(b);
      boolean abandoned;
      synchronized (inFlight) {
        abandoned = inFlight[b];
      }
      if (abandoned || rateLimits.uncertain(b)) {
        outcomes.fail(
            b,
            batch,
            unknownOutcome(
                b,
                batch,
                abandoned
                    ? "the run stopped while the batch was in flight"
                    : "an attempt had no usable answer, and the run stopped before it was sent"
                        + " again",
                stopped));
      } else {
        BatchNotSentException why =
            stopped != null
                ? stopped
                : new BatchNotSentException(
                    BatchNotSentException.Reason.INTERRUPTED,
                    "not started: the run was interrupted",
                    null);
        outcomes.fail(
            b, batch, new BatchNotSentException(why.reason(), why.getMessage(), why.getCause()));
      }
    }
  }

  private ZuoraOutcomeUnknownException unknownOutcome(
      int b, List<String> batch, String why, Throwable cause) {
    return new ZuoraOutcomeUnknownException(
        "Outcome of " + batch.size() + " callout notification(s) unknown: " + why,
        ZuoraOutcomeUnknownException.Reason.IO_FAILURE,
        ZuoraException.Context.of(
            0, null, options.requestOptions().trackId().orElse(null), keys[b], batch),
        cause);
  }

  /** Waits for the pool to end; false when it did not within {@code wait} or on an interrupt. */
  private static boolean awaitQuietly(ExecutorService pool, Duration wait) {
    try {
      return pool.awaitTermination(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      return false;
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "zuora-resend-batch-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
