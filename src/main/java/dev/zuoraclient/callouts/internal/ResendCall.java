package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.exception.ZuoraException;
import java.util.List;

/**
 * One validated resend request: the IDs and the header values to send (null drops a header).
 *
 * @param ids unique, valid callout history IDs, 1..1000 of them
 * @param trackId Zuora-Track-Id or null
 * @param idempotencyKey Idempotency-Key, never null
 * @param entityId Zuora-Entity-Ids or null
 * @param orgIds Zuora-Org-Ids (comma-joined) or null
 * @param gzipRequest whether the body is gzipped
 * @param rateLimitsToCaller whether a 429 is thrown at once, for a caller that paces itself (a
 *     batched run), instead of being waited out and retried here
 * @param pause how the waits between retries are waited, or null for a plain sleep: a batched run
 *     passes one that ends when the run stops, so that Ctrl-C need not wait out a backoff
 * @param batch which batch of a run this call sends, for the HTTP log; null for a single call
 */
public record ResendCall(
    List<String> ids,
    String trackId,
    String idempotencyKey,
    String entityId,
    String orgIds,
    boolean gzipRequest,
    boolean rateLimitsToCaller,
    Pause pause,
    Batch batch) {

  /**
   * Which batch of a run a call sends, as the HTTP log names it.
   *
   * @param number the batch, from 1
   * @param total the run's batches
   * @param rateLimited how many times Zuora refused this batch with 429 before this call: the run
   *     sends a refused batch again as a new call, whose attempts count from 1 again
   */
  public record Batch(int number, int total, int rateLimited) {}

  /** Waits between retries, unless the caller's run stops first. */
  @FunctionalInterface
  public interface Pause {
    /**
     * Waits {@code wait}.
     *
     * @return false when the caller's run stopped first: the call ends with its last error
     * @throws InterruptedException when the waiting thread is interrupted
     */
    boolean await(java.time.Duration wait) throws InterruptedException;
  }

  /** A call whose 429s are waited out and retried by the executor. */
  public ResendCall(
      List<String> ids,
      String trackId,
      String idempotencyKey,
      String entityId,
      String orgIds,
      boolean gzipRequest) {
    this(ids, trackId, idempotencyKey, entityId, orgIds, gzipRequest, false, null, null);
  }

  ZuoraException.Context context(int status, String requestId, int attempt) {
    return ZuoraException.Context.of(status, requestId, trackId, idempotencyKey, ids)
        .withAttempts(attempt);
  }
}
