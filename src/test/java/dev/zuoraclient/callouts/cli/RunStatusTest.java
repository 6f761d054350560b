package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zuoraclient.callouts.BatchProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/**
 * The run's status on stderr, event by event, on a clock the test moves: what a terminal's line
 * says, what a log gets off a terminal, and that a batch never sent is never called done.
 */
class RunStatusTest {
  final AtomicLong now = new AtomicLong(1_000_000_000L);
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  RunStatus lines(int ids, int batches) {
    RunStatus s = new RunStatus(RunStatus.Mode.LINES, err, null, now::get);
    s.start(ids, batches, "Resending " + ids + " IDs to there", "run.jsonl");
    return s;
  }

  @Test
  void offATerminal_eachBatchSentIsOneLine_andBatchesNeverSentAreNotDone() {
    try (RunStatus s = lines(3000, 3)) {
      s.batchSending(1, 1000);
      advance(Duration.ofSeconds(2));
      s.batchEnded(1, new BatchProgress(1, 3, 0, 0, 1000, 0, 0)); // sent: a 401
      s.batchEnded(2, new BatchProgress(2, 3, 0, 0, 2000, 0, 1)); // never sent
      s.batchEnded(3, new BatchProgress(3, 3, 0, 0, 3000, 0, 2));
    }
    assertThat(printed().lines())
        .containsExactly(
            "Resending 3000 IDs to there.",
            "batch 1/3 done: 0 accepted, 0 failed, 1000 unresolved");
  }

  @Test
  void offATerminal_429sAndPausesAreLines_andResumedBatchesOneLine() {
    try (RunStatus s = lines(40, 4)) {
      s.batchEnded(1, new BatchProgress(1, 4, 10, 0, 0, 1, 0));
      s.batchEnded(2, new BatchProgress(2, 4, 20, 0, 0, 2, 0));
      s.batchSending(3, 10);
      s.rateLimited(3, Duration.ofSeconds(12));
      s.paused(Duration.ofMillis(2500));
      s.batchSending(3, 10);
      s.batchEnded(3, new BatchProgress(3, 4, 30, 0, 0, 2, 0));
    }
    assertThat(printed().lines())
        .containsExactly(
            "Resending 40 IDs to there, resuming the run in run.jsonl: 2 of 4 batches resolved by an"
                + " earlier run are not sent again.",
            "batch 3 rate limited (429): sent again in 12 s (1 429 so far)",
            "Zuora's request quota is spent: no batch starts for 2.5 s.",
            "batch 3/4 done: 30 accepted, 0 failed, 0 unresolved");
  }

  @Test
  void offATerminal_aSilentRunSaysItIsStillRunning_afterTheHeartbeat() {
    try (RunStatus s = lines(2000, 2)) {
      s.batchSending(1, 1000);
      advance(RunStatus.HEARTBEAT.minusSeconds(1));
      s.tick();
      assertThat(printed().lines()).containsExactly("Resending 2000 IDs to there.");
      advance(Duration.ofSeconds(1));
      s.tick();
      advance(Duration.ofSeconds(1));
      s.tick();
    }
    assertThat(printed().lines())
        .containsExactly(
            "Resending 2000 IDs to there.",
            "still running, 0:30: 0/2 batches: 0 accepted, 0 failed, 0 unresolved; 1 in flight"
                + " (the oldest for 0:30)");
  }

  @Test
  void theLiveLine_saysRateTimeLeftInFlight429sAndTheWait() {
    RunStatus s = new RunStatus(RunStatus.Mode.QUIET, err, null, now::get);
    s.start(10_000, 10, "Resending", null);
    s.batchSending(1, 1000);
    s.batchSending(2, 1000);
    advance(Duration.ofSeconds(4));
    s.batchEnded(1, new BatchProgress(1, 10, 998, 2, 0, 0, 0));
    s.rateLimited(2, Duration.ofSeconds(7));
    advance(Duration.ofSeconds(1));

    assertThat(s.text())
        .isEqualTo(
            "0:05  1/10 batches: 998 accepted, 2 failed, 0 unresolved; 200 IDs/s, about 0:45 left;"
                + " 1 429; waiting 6 s: rate limited (429)");
    s.paused(Duration.ofSeconds(20));
    assertThat(s.text())
        .as("a spent quota holds every batch back: its wait adds to the time left")
        .isEqualTo(
            "0:05  1/10 batches: 998 accepted, 2 failed, 0 unresolved; 200 IDs/s, about 1:05 left;"
                + " 1 429; waiting 20 s: quota spent");
    s.close();
    assertThat(printed()).as("quiet prints nothing").isEmpty();
  }

  @Test
  void theLiveLine_isDrawnInPlace_andNotesScrollAboveIt() {
    StatusLine line = new StatusLine(err, 60);
    line.show("0:01  1/2 batches");
    line.stream().println("a note");
    line.show("0:02  2/2 batches: this text is far too long for a sixty-column terminal");
    line.clear();

    assertThat(printed())
        .isEqualTo(
            "\r\u001b[K0:01  1/2 batches"
                + "\r\u001b[Ka note"
                + System.lineSeparator()
                + "0:01  1/2 batches"
                + "\r\u001b[K0:02  2/2 batches: this text is far too long for a sixty..." // 59
                // columns
                + "\r\u001b[K");
  }

  @Test
  void durations_areWrittenAsAnOperatorWould_andABareNumberIsRefused() {
    assertThat(DurationArg.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DurationArg.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(DurationArg.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationArg.parse("PT10M")).isEqualTo(Duration.ofMinutes(10));
    assertThatThrownBy(() -> DurationArg.parse("10"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("a number alone has no unit");
    assertThatThrownBy(() -> DurationArg.parse("0s")).hasMessageContaining("must be positive");
    assertThatThrownBy(() -> DurationArg.parse("25d")).hasMessageContaining("not a duration");
    assertThatThrownBy(() -> DurationArg.parse("600h")).hasMessageContaining("under 24 days");
  }
}
