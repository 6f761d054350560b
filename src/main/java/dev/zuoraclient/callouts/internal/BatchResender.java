package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.BatchError;
import dev.zuoraclient.callouts.BatchOptions;
import dev.zuoraclient.callouts.JournalPlan;
import dev.zuoraclient.callouts.ResendFailure;
import dev.zuoraclient.callouts.ResendOptions;
import dev.zuoraclient.callouts.ResendResult;
import dev.zuoraclient.callouts.RetryPolicy;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code resendAll}'s entry: splits any number of IDs into requests of at most the spec's maxItems
 * and merges their outcomes so that no ID is lost: each ends up accepted, failed or unresolved, and
 * every unresolved batch has an error that says why.
 *
 * <p>Here the IDs are deduplicated and checked before anything is sent ({@link IdRules#unique}),
 * and the journal is opened (a resumed run takes the journal's batches); the run itself is a {@link
 * BatchDispatcher}. What it returns is the merged run as plain values ({@link Merged}), which the
 * client turns into its public result.
 */
public final class BatchResender {
  private final Function<BatchCall, ResendResult> sender;
  private final RetryPolicy backoff;

  /**
   * One batch as the run hands it to the client.
   *
   * @param paced whether the run paces 429s itself (a batched run) rather than the executor
   * @param pause how the waits between retries are waited: the run's, whose stop ends them; null
   *     for a single call
   * @param number the batch, from 1; 0 for a single call (the HTTP log names the batch)
   * @param total the run's batches; 0 for a single call
   * @param rateLimited how many times Zuora refused the batch with 429 before this call
   */
  public record BatchCall(
      List<String> ids,
      ResendOptions options,
      String idempotencyKey,
      boolean paced,
      ResendCall.Pause pause,
      int number,
      int total,
      int rateLimited) {}

  /**
   * A run's outcome, every batch merged in batch order: what the client's {@code BatchResendResult}
   * holds.
   *
   * @param requested the unique IDs of the run
   * @param batches how many batches the run had
   * @param listenerError what a listener threw, or null
   * @param journalFailure why the journal stopped being written, or null
   */
  public record Merged(
      int requested,
      List<String> accepted,
      List<ResendFailure> failures,
      List<String> unresolved,
      List<String> requestIds,
      List<BatchError> errors,
      int batches,
      RuntimeException listenerError,
      UncheckedIOException journalFailure) {}

  /**
   * @param sender sends one batch
   * @param backoff how a batch backs off when a 429 names no usable wait: the client's policy
   */
  public BatchResender(Function<BatchCall, ResendResult> sender, RetryPolicy backoff) {
    this.sender = sender;
    this.backoff = backoff;
  }

  /** Runs {@code resendAll}: checks every ID, then sends every batch. */
  public Merged run(Iterable<String> ids, BatchOptions options) {
    Objects.requireNonNull(ids, "ids must not be null");
    Objects.requireNonNull(options, "options must not be null");
    List<String> unique = IdRules.unique(ids);
    int size = options.batchSize();
    RunJournal journal =
        options
            .journal()
            .map(path -> RunJournal.open(path, unique, size, IdRules.MAX_IDS_PER_REQUEST))
            .orElse(null);
    try {
      List<List<String>> batches = journal != null ? journal.batches() : split(unique, size);
      return new BatchDispatcher(sender, backoff, batches, options, journal).execute();
    } finally {
      if (journal != null) {
        journal.close();
      }
    }
  }

  /**
   * What a run over {@code ids} (unique and checked) in batches of {@code batchSize} does with the
   * journal at {@code path}: {@code BatchOptions.journalPlan}'s answer, or null when the file holds
   * no run yet.
   */
  public static JournalPlan journalPlan(Path path, List<String> ids, int batchSize) {
    return RunJournal.inspect(path, ids, batchSize, IdRules.MAX_IDS_PER_REQUEST);
  }

  /** {@code ids} in batches of {@code size}. */
  static List<List<String>> split(List<String> ids, int size) {
    List<List<String>> batches = new ArrayList<>((ids.size() + size - 1) / size);
    for (int from = 0; from < ids.size(); from += size) {
      batches.add(ids.subList(from, Math.min(ids.size(), from + size)));
    }
    return batches;
  }
}
