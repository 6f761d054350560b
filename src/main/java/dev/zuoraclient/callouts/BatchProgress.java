package dev.zuoraclient.callouts;

/**
 * Running totals of a batched resend, reported after each batch.
 *
 * <p>Every batch ends up done one of three ways: sent by this run and answered (or left without a
 * usable answer), read back as resolved from the {@linkplain BatchOptions#journal() journal} of an
 * earlier run ({@link #batchesResumed()}), or never sent because the run stopped first ({@link
 * #batchesNotSent()}). A display that says "done" should say so only of the first.
 *
 * @param batchesDone batches finished, whichever way (sent, resumed or not sent)
 * @param batchesTotal batches in the run
 * @param accepted IDs resent so far
 * @param failed IDs Zuora refused so far
 * @param unresolved IDs whose outcome is unknown, or that were not sent, so far
 * @param batchesResumed of {@code batchesDone}, those an earlier run resolved, read from the
 *     journal and not sent again
 * @param batchesNotSent of {@code batchesDone}, those this run never sent because it stopped first
 *     (an error that would repeat for every batch, an interrupt, a time limit, a journal that could
 *     not be written); their IDs are counted in {@code unresolved}
 */
public record BatchProgress(
    int batchesDone,
    int batchesTotal,
    int accepted,
    int failed,
    int unresolved,
    int batchesResumed,
    int batchesNotSent) {

  /** Totals of a run that resumed nothing and sent every batch it finished. */
  public BatchProgress(
      int batchesDone, int batchesTotal, int accepted, int failed, int unresolved) {
    this(batchesDone, batchesTotal, accepted, failed, unresolved, 0, 0);
  }

  /** Batches this run sent that have ended: those done, less the resumed and the not sent. */
  public int batchesSent() {
    return batchesDone - batchesResumed - batchesNotSent;
  }
}
