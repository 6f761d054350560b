package dev.zuoraclient.callouts;

import static dev.zuoraclient.callouts.BatchResendTest.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a live display learns from a run: each request as it leaves, each 429 and quota pause with
 * its wait, each batch's end with totals that tell a sent batch from one resumed from the journal
 * and one never sent; and a run's time limit, which ends it with every batch accounted for.
 */
class BatchEventsTest {
  static final String TOKEN = "events-token-123456";

  ZuoraSimulator zuora;

  @AfterEach
  void stop() {
    if (zuora != null) {
      zuora.close();
    }
  }

  CalloutResendClient client(ZuoraSimulator.Builder sim) {
    zuora = sim.acceptToken(TOKEN).start();
    return CalloutResendClient.builder().baseUri(zuora.baseUri()).accessToken(TOKEN).build();
  }

  /** Every call, in order, as text. */
  static final class Recorder implements BatchEventListener {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<BatchProgress> totals = new CopyOnWriteArrayList<>();

    @Override
    public void batchSending(int batch, int ids) {
      calls.add("sending " + batch + " (" + ids + ")");
    }

    @Override
    public void rateLimited(int batch, Duration wait) {
      calls.add("429 " + batch + " " + wait.toSeconds() + "s");
    }

    @Override
    public void paused(Duration wait) {
      calls.add("paused " + wait.toSeconds() + "s");
    }

    @Override
    public void batchEnded(int batch, BatchProgress p) {
      calls.add("ended " + batch);
      totals.add(p);
    }
  }

  @Test
  void eachBatchIsSentThenEnds_andTheTotalsCountItAsSent() {
    List<String> all = ids("e", 25);
    CalloutResendClient client = client(ZuoraSimulator.builder().knownIds(all));
    Recorder events = new Recorder();
    List<BatchProgress> progress = new CopyOnWriteArrayList<>();

    BatchResendResult r =
        client.resendAll(
            all,
            BatchOptions.builder()
                .batchSize(10)
                .eventListener(events)
                .progressListener(progress::add)
                .build());

    assertThat(r.accepted()).hasSize(25);
    assertThat(events.calls)
        .containsExactly(
            "sending 1 (10)", "ended 1", "sending 2 (10)", "ended 2", "sending 3 (5)", "ended 3");
    assertThat(events.totals).containsExactlyElementsOf(progress);
    assertThat(progress.get(2))
        .isEqualTo(new BatchProgress(3, 3, 25, 0, 0, 0, 0))
        .extracting(BatchProgress::batchesSent)
        .isEqualTo(3);
  }

  @Test
  void a429_isReportedWithItsWait_andTheBatchIsSentAgain() {
    List<String> all = ids("r", 4);
    CalloutResendClient client = client(ZuoraSimulator.builder().knownIds(all));
    zuora.failNextWith(1, 429, Duration.ofSeconds(1));
    Recorder events = new Recorder();

    BatchResendResult r =
        client.resendAll(all, BatchOptions.builder().batchSize(2).eventListener(events).build());

    assertThat(r.accepted()).containsExactlyElementsOf(all);
    assertThat(events.calls)
        .containsExactly(
            "sending 1 (2)",
            "429 1 1s",
            "paused 1s", // the simulator's 429 says RateLimit-Remaining: 0, a spent quota
            "sending 1 (2)",
            "ended 1",
            "sending 2 (2)",
            "ended 2");
  }

  @Test
  void aSpentQuota_isReportedAsAPause() {
    List<String> all = ids("q", 3);
    CalloutResendClient client =
        client(ZuoraSimulator.builder().knownIds(all).rateLimit(2, Duration.ofSeconds(2)));
    Recorder events = new Recorder();

    BatchResendResult r =
        client.resendAll(all, BatchOptions.builder().batchSize(1).eventListener(events).build());

    assertThat(r.accepted()).containsExactlyElementsOf(all);
    assertThat(events.calls).anyMatch(c -> c.startsWith("paused "));
    assertThat(events.calls.indexOf("sending 3 (1)"))
        .as("the third batch leaves after the pause")
        .isGreaterThan(
            events.calls.indexOf(
                events.calls.stream()
                    .filter(c -> c.startsWith("paused"))
                    .findFirst()
                    .orElseThrow()));
  }

  @Test
  void batchesNeverSent_areCountedApart_fromThoseSent() {
    List<String> all = ids("n", 30);
    CalloutResendClient client = client(ZuoraSimulator.builder().knownIds(all));
    Recorder events = new Recorder();

    BatchResendResult r =
        client.resendAll(
            all,
            BatchOptions.builder()
                .batchSize(10)
                .eventListener(events)
                .progressListener(p -> zuora.revokeTokens())
                .build());

    assertThat(r.unresolved()).hasSize(20);
    // batch 1 accepted, batch 2 sent and refused (401), batch 3 never sent
    BatchProgress last = events.totals.get(2);
    assertThat(last.batchesDone()).isEqualTo(3);
    assertThat(last.batchesSent()).isEqualTo(2);
    assertThat(last.batchesNotSent()).isEqualTo(1);
    assertThat(last.unresolved()).isEqualTo(20);
    assertThat(events.calls).doesNotContain("sending 3 (10)");
  }

  @Test
  void batchesReadBackFromTheJournal_areCountedAsResumed(@TempDir Path dir) {
    List<String> all = ids("j", 30);
    CalloutResendClient client = client(ZuoraSimulator.builder().knownIds(all));
    Path journal = dir.resolve("run.jsonl");
    Thread caller = Thread.currentThread();
    client.resendAll(
        all,
        BatchOptions.builder()
            .batchSize(10)
            .journal(journal)
            .progressListener(
                p -> {
                  if (p.batchesDone() == 2) {
                    caller.interrupt();
                  }
                })
            .build());
    Thread.interrupted();
    Recorder events = new Recorder();

    BatchResendResult r =
        client.resendAll(
            all,
            BatchOptions.builder().batchSize(10).journal(journal).eventListener(events).build());

    assertThat(r.accepted()).hasSize(30);
    BatchProgress last = events.totals.get(events.totals.size() - 1);
    assertThat(last.batchesResumed()).isEqualTo(2);
    assertThat(last.batchesSent()).isEqualTo(1);
    assertThat(events.calls).containsExactly("ended 1", "ended 2", "sending 3 (10)", "ended 3");
  }

  @Test
  void aThrowingEventListener_isReported_andNoListenerIsCalledAgain() {
    List<String> all = ids("t", 20);
    CalloutResendClient client = client(ZuoraSimulator.builder().knownIds(all));
    RuntimeException boom = new IllegalStateException("display bug");
    List<BatchProgress> progress = new CopyOnWriteArrayList<>();

    BatchResendResult r =
        client.resendAll(
            all,
            BatchOptions.builder()
                .batchSize(10)
                .progressListener(progress::add)
                .eventListener(
                    new BatchEventListener() {
                      @Override
                      public void batchSending(int batch, int ids) {
                        throw boom;
                      }
                    })
                .build());

    assertThat(r.accepted()).hasSize(20);
    assertThat(r.listenerError()).containsSame(boom);
    assertThat(progress).isEmpty();
  }

  @Test
  void aRunPastItsTimeLimit_startsNoNewBatch_andSaysWhyForEveryBatchItDidNotSend() {
    List<String> all = ids("d", 50);
    CalloutResendClient client =
        client(ZuoraSimulator.builder().knownIds(all).latency(Duration.ofMillis(150)));
    long start = System.nanoTime();

    BatchResendResult r =
        client.resendAll(
            all, BatchOptions.builder().batchSize(5).timeout(Duration.ofMillis(500)).build());

    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.accepted()).isNotEmpty();
    assertThat(r.accepted().size() + r.unresolved().size()).isEqualTo(50);
    assertThat(r.unresolved()).isNotEmpty();
    assertThat(r.errors())
        .allSatisfy(
            e ->
                assertThat(e.error())
                    .isInstanceOfSatisfying(
                        BatchNotSentException.class,
                        n -> {
                          assertThat(n.reason()).isEqualTo(BatchNotSentException.Reason.TIMED_OUT);
                          assertThat(n.getMessage()).contains("time limit of 0.5 s");
                        }));
    assertThat(zuora.totalResends()).isEqualTo(r.accepted().size());
    assertThat(tookMillis).as("ends at the limit, with the batch in flight").isLessThan(2_000);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void aTimeLimit_mustBePositive() {
    assertThatThrownBy(() -> BatchOptions.builder().timeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive (got PT0S)");
    assertThat(BatchOptions.builder().timeout(Duration.ofMinutes(5)).build().timeout())
        .contains(Duration.ofMinutes(5));
    assertThat(BatchOptions.defaults().timeout()).isEmpty();
  }
}
