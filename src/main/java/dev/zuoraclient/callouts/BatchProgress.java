package dev.zuoraclient.callouts;

/**
 * Running totals of a batched resend, reported after each batch.
 *
 * @param batchesDone batches finished (sent, failed or skipped)
 * @param batchesTotal batches in the run
 * @param accepted IDs resent so far
 * @param failed IDs Zuora refused so far
 * @param unresolved IDs whose outcome is unknown, or that were not sent, so far
 */
public record BatchProgress(
    int batchesDone, int batchesTotal, int accepted, int failed, int unresolved) {}
