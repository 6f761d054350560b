package dev.zuoraclient.callouts;

import java.util.List;

/**
 * What a run resumed from a journal does, as {@link BatchOptions#journalPlan(Iterable)} reads it
 * before the run: for a dry run, or to say what a resumed run keeps.
 *
 * <p>A resumed run takes the journal's batches, with the idempotency keys they were planned with,
 * whatever batch size it was given: the same IDs under the same key let Zuora replay what it did
 * instead of doing it twice. Only a batch larger than a request may now carry (the spec's limit
 * went down since the journal was written) is split, into batches of the run's size with new keys,
 * and only when the journal shows it never reached Zuora; otherwise the journal is refused.
 *
 * @param batchSize the batch size of the run that wrote the journal, which laid out its batches
 * @param batches how many batches the resumed run has
 * @param resolvedBatches how many of them the journal holds as resolved: not sent again
 * @param splitBatches the journal's batches, by their number in it, that the resumed run splits
 */
public record JournalPlan(
    int batchSize, int batches, int resolvedBatches, List<Integer> splitBatches) {
  /** Copies the list. */
  public JournalPlan {
    splitBatches = List.copyOf(splitBatches);
  }
}
