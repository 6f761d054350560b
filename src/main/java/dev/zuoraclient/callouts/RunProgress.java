package dev.zuoraclient.callouts;

/**
 * The running totals of a batched run, handed to the progress listener one batch at a time. A
 * listener only watches: if it throws, the run goes on, the listener is not called again, and its
 * exception is reported in the result.
 */
final class RunProgress {

  private static final System.Logger LISTENER_LOG = System.getLogger(BatchRunner.class.getName());

  private final int total;
  private final BatchOptions options;
  private int done;
  private int accepted;
  private int failed;
  private int unresolved;
  private RuntimeException listenerError;

  RunProgress(int total, BatchOptions options) {
    this.total = total;
    this.options = options;
  }

  synchronized void done(int accepted, int failed, int unresolved) {
    this.done++;
    this.accepted += accepted;
    this.failed += failed;
    this.unresolved += unresolved;
    if (listenerError != null) {
      return;
    }
    try {
      options
          .progressListener()
          .accept(new BatchProgress(done, total, this.accepted, this.failed, this.unresolved));
    } catch (RuntimeException e) {
      // A listener only watches: its failure must not cost the run an outcome. It is reported
      // in the result, and not called again.
      listenerError = e;
      LISTENER_LOG.log(System.Logger.Level.WARNING, "batch progress listener failed", e);
    }
  }

  synchronized RuntimeException listenerError() {
    return listenerError;
  }
}
