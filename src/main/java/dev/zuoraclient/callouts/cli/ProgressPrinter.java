package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.BatchProgress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Prints the running totals of a run of several batches on stderr, one line per batch, so that
 * stdout holds only the report. A single batch prints nothing: its report follows at once.
 */
final class ProgressPrinter implements Consumer<BatchProgress> {
  private final PrintStream err;

  ProgressPrinter(PrintStream err) {
    this.err = err;
  }

  @Override
  public void accept(BatchProgress p) {
    if (p.batchesTotal() < 2) {
      return;
    }
    err.printf(
        Locale.ROOT,
        "batch %d/%d done: %d accepted, %d failed, %d unresolved%n",
        p.batchesDone(),
        p.batchesTotal(),
        p.accepted(),
        p.failed(),
        p.unresolved());
  }
}
