package dev.zuoraclient.callouts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zuoraclient.callouts.BatchError;
import dev.zuoraclient.callouts.BatchNotSentException;
import dev.zuoraclient.callouts.BatchOptions;
import dev.zuoraclient.callouts.BatchProgress;
import dev.zuoraclient.callouts.ResendFailure;
import dev.zuoraclient.callouts.ResendResult;
import dev.zuoraclient.callouts.exception.ZuoraException;
import dev.zuoraclient.callouts.exception.ZuoraOutcomeUnknownException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a run's batches merge: in batch order whatever order they land in, the first outcome of a
 * batch wins, and each is counted once (the whole runs are {@code BatchResendTest}'s).
 */
@Timeout(5)
class BatchOutcomesTest {
  static final List<List<String>> BATCHES =
      List.of(List.of("a1", "a2"), List.of("b1", "b2"), List.of("c1"));

  final List<BatchProgress> seen = new CopyOnWriteArrayList<>();

  BatchOutcomes outcomes(RunJournal journal) {
    BatchOptions options = BatchOptions.builder().progressListener(seen::add).build();
    return new BatchOutcomes(5, 3, journal, new RunProgress(3, options));
  }

  static ResendResult accepted(List<String> ids, String requestId) {
    return ResendResult.builder().accepted(ids).statusCode(202).requestId(requestId).build();
  }

  static ZuoraOutcomeUnknownException unknown(List<String> ids) {
    return new ZuoraOutcomeUnknownException(
        "no answer",
        ZuoraOutcomeUnknownException.Reason.TIMEOUT,
        ZuoraException.Context.of(0, null, null, "key", ids),
        null);
  }

  @Test
  void merge_keepsBatchOrder_whateverOrderTheOutcomesLandIn() {
    BatchOutcomes outcomes = outcomes(null);
    outcomes.resolve(
        2,
        ResendResult.builder()
            .failures(List.of(new ResendFailure("c1", "ObjectNotFound", "no such callout")))
            .statusCode(400)
            .requestId("req-c")
            .build());
    outcomes.fail(1, BATCHES.get(1), unknown(BATCHES.get(1)));
    outcomes.resolve(0, accepted(BATCHES.get(0), "req-a"));

    BatchResender.Merged merged = outcomes.merge();

    assertThat(merged.requested()).isEqualTo(5);
    assertThat(merged.batches()).isEqualTo(3);
    assertThat(merged.accepted()).containsExactly("a1", "a2");
    assertThat(merged.failures()).extracting(ResendFailure::id).containsExactly("c1");
    assertThat(merged.unresolved()).containsExactly("b1", "b2");
    assertThat(merged.requestIds()).containsExactly("req-a", "req-c");
    assertThat(merged.errors()).extracting(BatchError::batchIndex).containsExactly(2);
    assertThat(merged.listenerError()).isNull();
    assertThat(merged.journalFailure()).isNull();
  }

  @Test
  void theFirstOutcomeOfABatchWins_andIsCountedOnce() {
    BatchOutcomes outcomes = outcomes(null);
    outcomes.resolve(0, accepted(BATCHES.get(0), "req-a"));
    outcomes.fail(0, BATCHES.get(0), unknown(BATCHES.get(0)));
    outcomes.fail(1, BATCHES.get(1), unknown(BATCHES.get(1)));
    outcomes.resolve(1, accepted(BATCHES.get(1), "req-b"));

    assertThat(outcomes.resolved(0)).isTrue();
    assertThat(outcomes.resolved(1)).isFalse();
    assertThat(outcomes.settled(1)).isTrue();
    assertThat(outcomes.settled(2)).isFalse();
    assertThat(seen).hasSize(2);
    BatchProgress last = seen.get(seen.size() - 1);
    assertThat(last.batchesDone()).isEqualTo(2);
    assertThat(last.accepted()).isEqualTo(2);
    assertThat(last.unresolved()).isEqualTo(2);
  }

  @Test
  void progress_tellsRestoredAndNeverSentBatchesFromSentOnes() {
    BatchOutcomes outcomes = outcomes(null);
    outcomes.restored(0, accepted(BATCHES.get(0), "req-a"));
    outcomes.resolve(1, accepted(BATCHES.get(1), "req-b"));
    outcomes.fail(
        2,
        BATCHES.get(2),
        new BatchNotSentException(
            BatchNotSentException.Reason.INTERRUPTED,
            "not started: the run was interrupted",
            null));

    BatchProgress last = seen.get(seen.size() - 1);
    assertThat(last.batchesDone()).isEqualTo(3);
    assertThat(last.batchesResumed()).isEqualTo(1);
    assertThat(last.batchesNotSent()).isEqualTo(1);
    assertThat(last.batchesSent()).isEqualTo(1);
    assertThat(last.accepted()).isEqualTo(4);
    assertThat(last.unresolved()).isEqualTo(1);
  }

  @Test
  void aListenerThatThrows_isNotCalledAgain_andItsErrorIsInTheMergedRun() {
    IllegalStateException boom = new IllegalStateException("listener bug");
    BatchOptions options =
        BatchOptions.builder()
            .progressListener(
                p -> {
                  seen.add(p);
                  throw boom;
                })
            .build();
    BatchOutcomes outcomes = new BatchOutcomes(5, 3, null, new RunProgress(3, options));

    outcomes.resolve(0, accepted(BATCHES.get(0), "req-a"));
    outcomes.resolve(1, accepted(BATCHES.get(1), "req-b"));
    outcomes.resolve(2, accepted(BATCHES.get(2), "req-c"));

    assertThat(seen).hasSize(1);
    assertThat(outcomes.merge().listenerError()).isSameAs(boom);
    assertThat(outcomes.merge().accepted()).hasSize(5);
  }

  @Test
  void eachOutcomeIsWrittenToTheJournal_butARestoredOneIsNotWrittenAgain(@TempDir Path dir)
      throws Exception {
    Path path = dir.resolve("run.jsonl");
    List<String> ids = List.of("a1", "a2", "b1", "b2", "c1");
    try (RunJournal journal = RunJournal.open(path, ids, 2, 1000)) {
      BatchOutcomes outcomes = outcomes(journal);
      outcomes.restored(0, accepted(BATCHES.get(0), "req-a"));
      outcomes.resolve(1, accepted(BATCHES.get(1), "req-b"));
      outcomes.fail(2, BATCHES.get(2), unknown(BATCHES.get(2)));
    }

    List<String> lines = Files.readAllLines(path);
    assertThat(lines).hasSize(3); // the header, then one line per outcome landed
    assertThat(lines.get(1)).startsWith("{\"event\":\"resolved\",\"batch\":2,");
    assertThat(lines.get(2))
        .isEqualTo(
            "{\"event\":\"unresolved\",\"batch\":3,\"reason\":\"outcome unknown: no usable"
                + " answer\",\"mayHaveBeenResent\":true}");
  }
}
