package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.BatchError;
import dev.zuoraclient.callouts.BatchNotSentException;
import dev.zuoraclient.callouts.ResendFailure;
import dev.zuoraclient.callouts.ResendResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What each batch of a run ended as: a result, or an error saying why it has none. Each outcome is
 * written to the journal (when there is one) and counted by the progress as it lands; at the end
 * they merge, in batch order, into the run's {@link BatchResender.Merged}.
 */
final class BatchOutcomes {
  private final int requested;
  private final int total;
  private final RunJournal journal;
  private final RunProgress progress;
  private final ResendResult[] results;
  private final BatchError[] errors;

  BatchOutcomes(int requested, int total, RunJournal journal, RunProgress progress) {
    this.requested = requested;
    this.total = total;
    this.journal = journal;
    this.progress = progress;
    this.results = new ResendResult[total];
    this.errors = new BatchError[total];
  }

  /** Batch {@code b} (from 0) has a result. */
  synchronized boolean resolved(int b) {
    return results[b] != null;
  }

  /** Batch {@code b} has a result or an error. */
  synchronized boolean settled(int b) {
    return results[b] != null || errors[b] != null;
  }

  /** A result the journal already holds, from an earlier run: counted, not written again. */
  synchronized void restored(int b, ResendResult r) {
    results[b] = r;
    progress.resumed(b, r.accepted().size(), r.failures().size());
  }

  /** Batch {@code b} has a result; ignored when it is settled already (the first outcome wins). */
  synchronized void resolve(int b, ResendResult r) {
    if (settled(b)) {
      return;
    }
    results[b] = r;
    if (journal != null) {
      journal.resolved(b + 1, r);
    }
    progress.sent(b, r.accepted().size(), r.failures().size(), 0);
  }

  /** Batch {@code b} has no result; ignored when it is settled already. */
  synchronized void fail(int b, List<String> batch, RuntimeException e) {
    if (settled(b)) {
      return;
    }
    BatchError error = new BatchError(b + 1, batch, e);
    errors[b] = error;
    if (journal != null) {
      journal.unresolved(b + 1, error.reason(), error.mayHaveBeenResent());
    }
    if (e instanceof BatchNotSentException) {
      progress.notSent(b, batch.size());
    } else {
      progress.sent(b, 0, 0, batch.size());
    }
  }

  /** Every batch's outcome, in batch order; each batch must be settled. */
  synchronized BatchResender.Merged merge() {
    List<String> accepted = new ArrayList<>();
    List<ResendFailure> failures = new ArrayList<>();
    List<String> unresolved = new ArrayList<>();
    List<String> requestIds = new ArrayList<>();
    List<BatchError> errorList = new ArrayList<>();
    for (int b = 0; b < total; b++) {
      ResendResult r = results[b];
      if (r != null) {
        accepted.addAll(r.accepted());
        failures.addAll(r.failures());
        r.requestId().ifPresent(requestIds::add);
      } else {
        errorList.add(errors[b]);
        unresolved.addAll(errors[b].ids());
      }
    }
    return new BatchResender.Merged(
        requested,
        accepted,
        failures,
        unresolved,
        requestIds,
        errorList,
        total,
        progress.listenerError(),
        journal == null ? null : journal.failure().orElse(null));
  }
}
