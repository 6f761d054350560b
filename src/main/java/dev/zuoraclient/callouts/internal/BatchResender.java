package dev.zuoraclient.callouts;

import dev.zuoraclient.callouts.internal.HeaderRules;
import dev.zuoraclient.callouts.internal.IdRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Splits any number of IDs into requests of at most the spec's maxItems and merges their outcomes
 * so that no ID is lost: each ends up accepted, failed or unresolved, and every unresolved batch
 * has an error that says why.
 *
 * <p>Here the IDs are deduplicated and checked before anything is sent, and the journal is opened
 * (a resumed run takes the journal's batches); the run itself is a {@link BatchRun}.
 */
final class BatchRunner {
  private final Function<BatchCall, ResendResult> sender;
  private final RetryPolicy backoff;

  /**
   * One batch as the runner hands it to the client.
   *
   * @param paced whether the runner paces 429s itself (a batched run) rather than the executor
   * @param limiter the run's limiter, whose stop also ends the waits between retries; null for a
   *     single call
   * @param number the batch, from 1; 0 for a single call (the HTTP log names the batch)
   * @param total the run's batches; 0 for a single call
   * @param rateLimited how many times Zuora refused the batch with 429 before this call
   */
  record BatchCall(
      List<String> ids,
      ResendOptions options,
      String idempotencyKey,
      boolean paced,
      ConcurrencyLimiter limiter,
      int number,
      int total,
      int rateLimited) {}

  /**
   * @param sender sends one batch
   * @param backoff how a batch backs off when a 429 names no usable wait: the client's policy
   */
  BatchRunner(Function<BatchCall, ResendResult> sender, RetryPolicy backoff) {
    this.sender = sender;
    this.backoff = backoff;
  }

  BatchResendResult run(Iterable<String> ids, BatchOptions options) {
    Objects.requireNonNull(ids, "ids must not be null");
    Objects.requireNonNull(options, "options must not be null");
    List<String> unique = uniqueValidIds(ids);
    int size = options.batchSize();
    RunJournal journal =
        options
            .journal()
            .map(path -> RunJournal.open(path, unique, size, HeaderRules.MAX_IDS_PER_REQUEST))
            .orElse(null);
    try {
      List<List<String>> batches = journal != null ? journal.batches() : split(unique, size);
      return new BatchRun(sender, backoff, batches, options, journal).execute();
    } finally {
      if (journal != null) {
        journal.close();
      }
    }
  }

  /** {@code ids} in batches of {@code size}. */
  static List<List<String>> split(List<String> ids, int size) {
    List<List<String>> batches = new ArrayList<>((ids.size() + size - 1) / size);
    for (int from = 0; from < ids.size(); from += size) {
      batches.add(ids.subList(from, Math.min(ids.size(), from + size)));
    }
    return batches;
  }

  /** Drops repeats (first occurrence wins) and checks every ID before anything is sent. */
  static List<String> uniqueValidIds(Iterable<String> ids) {
    Set<String> unique = new LinkedHashSet<>();
    int index = 0;
    for (String id : ids) {
      IdRule.check(index++, id);
      unique.add(id);
    }
    if (unique.isEmpty()) {
      throw new IllegalArgumentException("ids must not be empty");
    }
    return List.copyOf(unique);
  }
}
