package dev.zuoraclient.callouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BatchOptions#journalResolvedBatches}: read as a run reads it, never written. */
class JournalResolvedBatchesTest {
  static final String TOKEN = "preview-token-0123456789";

  @Test
  void withoutAJournal_orBeforeTheRun_itHoldsNothing_andNothingIsCreated(@TempDir Path dir) {
    List<String> ids = List.of("a1", "a2");
    assertThat(BatchOptions.builder().build().journalResolvedBatches(ids)).isEmpty();
    Path journal = dir.resolve("run.jsonl");
    assertThat(BatchOptions.builder().journal(journal).build().journalResolvedBatches(ids))
        .isEmpty();
    assertThat(journal).doesNotExist();
  }

  @Test
  void afterARun_itCountsTheResolvedBatches_forTheSameIdsOnly(@TempDir Path dir) throws Exception {
    Path journal = dir.resolve("run.jsonl");
    List<String> ids = List.of("a1", "a2", "a3", "a4", "a5");
    BatchOptions options = BatchOptions.builder().batchSize(2).journal(journal).build();
    try (ZuoraSimulator zuora = ZuoraSimulator.builder().acceptToken(TOKEN).knownIds(ids).start()) {
      CalloutResendClient client =
          CalloutResendClient.builder()
              .baseUri(zuora.baseUri())
              .accessTokenProvider(dev.zuoraclient.callouts.auth.AccessTokenProvider.fixed(TOKEN))
              .build();
      assertThat(client.resendAll(ids, options).accepted()).hasSize(5);
    }
    byte[] before = Files.readAllBytes(journal);

    assertThat(options.journalResolvedBatches(List.of("a1", "a2", "a1", "a3", "a4", "a5")))
        .isEqualTo(OptionalInt.of(3));
    assertThatThrownBy(() -> options.journalResolvedBatches(List.of("a1", "a2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("journal ")
        .hasMessageContaining("another run");
    // Another batch size reads the journal's batches: a resumed run keeps them and their keys.
    BatchOptions otherSize = BatchOptions.builder().batchSize(3).journal(journal).build();
    assertThat(otherSize.journalResolvedBatches(ids)).isEqualTo(OptionalInt.of(3));
    assertThat(otherSize.journalPlan(ids)).contains(new JournalPlan(2, 3, 3, List.of()));
    assertThat(Files.readAllBytes(journal)).isEqualTo(before);
  }
}
