package dev.zuoraclient.callouts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zuoraclient.callouts.ResendFailure;
import dev.zuoraclient.callouts.ResendResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal on its own: what one run writes, the next reads back; a torn last line is dropped; a
 * file that is not this run's journal is refused and left as it is. (Runs that resume from one
 * through the client are {@code BatchStopAndResumeTest}'s and {@code JournalSafetyTest}'s.)
 */
@Timeout(5)
class RunJournalTest {
  static final List<String> IDS = List.of("a1", "a2", "a3", "a4", "a5");
  static final int MAX = 1000;

  @TempDir Path dir;

  ResendResult batch1Result() {
    return ResendResult.builder()
        .accepted(List.of("a1"))
        .failures(List.of(new ResendFailure("a2", "ObjectNotFound", "Callout history not found.")))
        .statusCode(202)
        .requestId("req-1")
        .idempotencyKey("key-1")
        .build();
  }

  /** A run that resolved batch 1 and left batch 2 unresolved, batch 3 never planned. */
  Path earlierRun() {
    Path path = dir.resolve("run.jsonl");
    try (RunJournal journal = RunJournal.open(path, IDS, 2, MAX)) {
      assertThat(journal.batches())
          .containsExactly(List.of("a1", "a2"), List.of("a3", "a4"), List.of("a5"));
      assertThat(journal.recorded()).isEmpty();
      assertThat(journal.planned(1, "key-1", List.of("a1", "a2"))).isTrue();
      assertThat(journal.resolved(1, batch1Result())).isTrue();
      assertThat(journal.planned(2, "key-2", List.of("a3", "a4"))).isTrue();
      assertThat(journal.unresolved(2, "outcome unknown: no usable answer", true)).isTrue();
      assertThat(journal.failure()).isEmpty();
    }
    return path;
  }

  @Test
  void roundTrip_aResumedRunReadsBackEveryBatchAsItWasWritten() {
    Path path = earlierRun();

    try (RunJournal resumed = RunJournal.open(path, IDS, 2, MAX)) {
      assertThat(resumed.batches())
          .containsExactly(List.of("a1", "a2"), List.of("a3", "a4"), List.of("a5"));
      Map<Integer, RunJournal.Recorded> recorded = resumed.recorded();
      assertThat(recorded).containsOnlyKeys(1, 2);
      assertThat(recorded.get(1).key()).isEqualTo("key-1");
      ResendResult r = recorded.get(1).resolved();
      assertThat(r.accepted()).containsExactly("a1");
      assertThat(r.failures())
          .extracting(ResendFailure::id, ResendFailure::code, ResendFailure::message)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "a2", "ObjectNotFound", "Callout history not found."));
      assertThat(r.statusCode()).isEqualTo(202);
      assertThat(r.requestId()).contains("req-1");
      assertThat(r.idempotencyKey()).contains("key-1");
      assertThat(recorded.get(2).key()).as("sent again with its key").isEqualTo("key-2");
      assertThat(recorded.get(2).resolved()).isNull();
    }
  }

  @Test
  void roundTrip_aResumedRunKeepsTheJournalsBatches_whateverBatchSizeItWasGiven() {
    Path path = earlierRun();

    try (RunJournal resumed = RunJournal.open(path, IDS, 5, MAX)) {
      assertThat(resumed.batchSize()).isEqualTo(2);
      assertThat(resumed.batches()).hasSize(3);
    }
  }

  @Test
  void tornLastLine_isDropped_andTheNextEventStartsOnALineOfItsOwn() throws Exception {
    Path path = earlierRun();
    Files.writeString(path, "{\"event\":\"planned\",\"batch\":3,\"ke", StandardOpenOption.APPEND);

    try (RunJournal resumed = RunJournal.open(path, IDS, 2, MAX)) {
      assertThat(resumed.recorded()).containsOnlyKeys(1, 2);
      assertThat(resumed.planned(3, "key-3", List.of("a5"))).isTrue();
    }

    List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    assertThat(lines).noneMatch(l -> l.contains("\"ke\""));
    assertThat(lines.get(lines.size() - 1)).startsWith("{\"event\":\"planned\",\"batch\":3,");
    try (RunJournal again = RunJournal.open(path, IDS, 2, MAX)) {
      assertThat(again.recorded().get(3).key()).isEqualTo("key-3");
    }
  }

  @Test
  void refusal_aFileThatIsNotAJournal_isRefusedAndLeftAsItIs() throws Exception {
    Path path = dir.resolve("notes.txt");
    Files.writeString(path, "shopping list\n");

    assertThatThrownBy(() -> RunJournal.open(path, IDS, 2, MAX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a journal of this tool");
    assertThat(Files.readString(path)).isEqualTo("shopping list\n");
  }

  @Test
  void refusal_theJournalOfAnotherRun_isRefusedAndLeftAsItIs() throws Exception {
    Path path = earlierRun();
    byte[] before = Files.readAllBytes(path);

    assertThatThrownBy(() -> RunJournal.open(path, List.of("b1", "b2"), 2, MAX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was written for another run");
    assertThat(Files.readAllBytes(path)).isEqualTo(before);
  }

  @Test
  void refusal_aLineThatDoesNotFitTheRun_isRefusedAndLeftAsItIs() throws Exception {
    Path path = earlierRun();
    Files.writeString(
        path,
        "{\"event\":\"planned\",\"batch\":3,\"key\":\"key-3\",\"ids\":[\"zz\"]}\n",
        StandardOpenOption.APPEND);
    byte[] before = Files.readAllBytes(path);

    assertThatThrownBy(() -> RunJournal.open(path, IDS, 2, MAX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("corrupt");
    assertThat(Files.readAllBytes(path)).isEqualTo(before);
  }

  @Test
  void refusal_aSecondWriterOnTheSameJournal_isRefusedWhileTheFirstHoldsIt() {
    Path path = dir.resolve("run.jsonl");
    try (RunJournal first = RunJournal.open(path, IDS, 2, MAX)) {
      assertThatThrownBy(() -> RunJournal.open(path, IDS, 2, MAX))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is in use by");
    }
    RunJournal.open(path, IDS, 2, MAX).close(); // free again once closed
  }
}
