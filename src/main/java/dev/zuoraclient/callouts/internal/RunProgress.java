package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.BatchEventListener;
import dev.zuoraclient.callouts.BatchOptions;
import dev.zuoraclient.callouts.BatchProgress;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The running totals of a batched run, and the calls of its listeners: the progress listener once
 * per batch ended, the {@link BatchEventListener} for everything else. Calls are made one at a
 * time, under this object's lock. A listener only watches: if one throws, the run goes on, no
 * listener is called again, and its exception is reported in the result.
 */
final class RunProgress {

  // The name the logger had before the run moved into internal: logging configurations that
  // name it keep working.
  private static final System.Logger LISTENER_LOG =
      System.getLogger("dev.zuoraclient.callouts.BatchRunner");

  private final int total;
  private final Consumer<BatchProgress> progressListener;
  private final BatchEventListener events;
  private int done;
  private int accepted;
  private int failed;
  private int unresolved;
  private int resumed;
  private int notSent;
  private RuntimeException listenerError;

  RunProgress(int total, BatchOptions options) {
    this.total = total;
    this.progressListener = options.progressListener();
    this.events = options.eventListener();
  }

  /** Batch {@code b} (from 0), read back as resolved from the journal. */
  synchronized void resumed(int b, int accepted, int failed) {
    resumed++;
    ended(b, accepted, failed, 0);
  }

  /** Batch {@code b} was sent, and has a result or none. */
  synchronized void sent(int b, int accepted, int failed, int unresolved) {
    ended(b, accepted, failed, unresolved);
  }

  /** Batch {@code b} of {@code size} IDs was never sent: the run stopped first. */
  synchronized void notSent(int b, int size) {
    notSent++;
    ended(b, 0, 0, size);
  }

  synchronized void sending(int b, int size) {
    tell(() -> events.batchSending(b + 1, size));
  }

  synchronized void rateLimited(int b, Duration wait) {
    tell(() -> events.rateLimited(b + 1, wait));
  }

  synchronized void paused(Duration wait) {
    tell(() -> events.paused(wait));
  }

  synchronized RuntimeException listenerError() {
    return listenerError;
  }

  private void ended(int b, int accepted, int failed, int unresolved) {
    this.done++;
    this.accepted += accepted;
    this.failed += failed;
    this.unresolved += unresolved;
    BatchProgress totals =
        new BatchProgress(
            done, total, this.accepted, this.failed, this.unresolved, resumed, notSent);
    tell(
        () -> {
          progressListener.accept(totals);
          events.batchEnded(b + 1, totals);
        });
  }

  private void tell(Runnable call) {
    if (listenerError != null) {
      return;
    }
    try {
      call.run();
    } catch (RuntimeException e) {
      // A listener only watches: its failure must not cost the run an outcome. It is reported
      // in the result, and no listener is called again.
      listenerError = e;
      LISTENER_LOG.log(System.Logger.Level.WARNING, "batch progress listener failed", e);
    }
  }
}
