package dev.zuoraclient.callouts;

import java.time.Duration;

/**
 * What a batched run does between and around its batches, for a live display or a log: when a
 * batch's request leaves, when Zuora's rate limit makes a batch or the whole run wait, and when a
 * batch ends. Every method does nothing by default; override those you need. Set with {@link
 * BatchOptions.Builder#eventListener(BatchEventListener)}.
 *
 * <p>Calls come one at a time (never concurrently, and never at once with the {@linkplain
 * BatchOptions.Builder#progressListener progress listener}), from the thread that sent the batch or
 * the one that called {@code resendAll}, and should return quickly: the run waits for them. A
 * listener only watches: if it throws, neither it nor the progress listener is called again, the
 * run goes on, and the exception is in {@link BatchResendResult#listenerError()}.
 */
public interface BatchEventListener {
  /**
   * Batch {@code batch}'s request is about to leave: for the first time, or again after a 429.
   * Retries of one attempt for a network error or a 5xx happen inside it and are not reported here.
   *
   * @param batch the batch, from 1
   * @param ids how many IDs it holds
   */
  default void batchSending(int batch, int ids) {}

  /**
   * Zuora answered batch {@code batch} with 429: it goes back to the front of the queue and is sent
   * again, with the same idempotency key, no sooner than {@code wait} from now (unless the run
   * stops first).
   *
   * @param batch the batch, from 1
   * @param wait how long it waits, from now
   */
  default void rateLimited(int batch, Duration wait) {}

  /**
   * The tenant's request quota is spent (an answer's {@code RateLimit-Remaining} reached what is
   * already in flight, or a 429 said so): no batch starts for {@code wait}, from now.
   *
   * @param wait how long no batch starts, from now
   */
  default void paused(Duration wait) {}

  /**
   * Batch {@code batch} has ended: answered, left without an outcome, resumed from the journal or
   * never sent. {@code totals} says which, by what it counts.
   *
   * @param batch the batch, from 1
   * @param totals the run's totals, this batch included
   */
  default void batchEnded(int batch, BatchProgress totals) {}
}
