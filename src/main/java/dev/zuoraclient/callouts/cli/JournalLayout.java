package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.JournalPlan;
import java.util.stream.Collectors;

/** What a person is told when a resumed run keeps the journal's batches rather than its own. */
final class JournalLayout {
  private JournalLayout() {}

  /**
   * The note, starting with {@code "; "}, or empty when the journal's batches are what {@code
   * --batch-size} would make.
   */
  static String note(JournalPlan plan, int batchSize) {
    String note = "";
    if (plan.batchSize() != batchSize) {
      note +=
          "; in the journal's batches of "
              + plan.batchSize()
              + ", kept with their keys so that Zuora replays what it did (--batch-size "
              + batchSize
              + " is for new runs)";
    }
    if (!plan.splitBatches().isEmpty()) {
      note +=
          "; journal batch"
              + (plan.splitBatches().size() == 1 ? " " : "es ")
              + plan.splitBatches().stream().map(String::valueOf).collect(Collectors.joining(", "))
              + ", larger than a request may now carry and never sent, split into batches of "
              + batchSize
              + " with new keys";
    }
    return note;
  }
}
