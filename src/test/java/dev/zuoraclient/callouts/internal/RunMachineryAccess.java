package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.ResendResult;
import java.nio.file.Path;
import java.util.List;

/**
 * What tests of the public API outside this package need of the run's package-private machinery:
 * the key a batch gets, where the limiter starts, and a journal written as an earlier run left it.
 * Test code only: the library keeps these classes package-private.
 */
public final class RunMachineryAccess {
  /** Where the limiter's slow start begins. */
  public static final int INITIAL_LIMIT = ConcurrencyLimiter.INITIAL_LIMIT;

  private RunMachineryAccess() {}

  /** The idempotency key of the batch {@code ids} of a run whose base key is {@code base}. */
  public static String batchKey(String base, List<String> ids) {
    return BatchKeys.derive(base, ids);
  }

  /** Opens (or resumes) the journal at {@code path} as a run over {@code ids} would. */
  public static Journal openJournal(Path path, List<String> ids, int batchSize, int maxBatchSize) {
    return new Journal(RunJournal.open(path, ids, batchSize, maxBatchSize));
  }

  /** An open journal, written the way a run writes it. */
  public static final class Journal implements AutoCloseable {
    private final RunJournal journal;

    Journal(RunJournal journal) {
      this.journal = journal;
    }

    public List<List<String>> batches() {
      return journal.batches();
    }

    public boolean planned(int batch, String key, List<String> ids) {
      return journal.planned(batch, key, ids);
    }

    public boolean resolved(int batch, ResendResult r) {
      return journal.resolved(batch, r);
    }

    public boolean unresolved(int batch, String reason, boolean mayHaveBeenResent) {
      return journal.unresolved(batch, reason, mayHaveBeenResent);
    }

    @Override
    public void close() {
      journal.close();
    }
  }
}
