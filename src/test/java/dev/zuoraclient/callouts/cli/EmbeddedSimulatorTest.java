package dev.zuoraclient.callouts.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zuoraclient.callouts.BatchOptions;
import dev.zuoraclient.callouts.BatchResendResult;
import dev.zuoraclient.callouts.CalloutResendClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The embedded simulator shares the command's heap: it keeps nothing per ID, and a fault of its own
 * ends the run with a report that says so, never a wait.
 */
class EmbeddedSimulatorTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @AfterEach
  void clearInterrupt() {
    // a failing run must not leave the interrupt of the next test's thread set
    Thread.interrupted();
  }

  @Test
  void keepsNoRequestsAndNoCounts_butAnswersAsUsual() {
    try (EmbeddedSimulator sim = EmbeddedSimulator.start(Thread.currentThread())) {
      CalloutResendClient client =
          CalloutResendClient.builder()
              .baseUri(sim.baseUri())
              .accessTokenProvider(sim.tokens())
              .build();
      List<String> ids = IntStream.range(0, 50).mapToObj(i -> "e" + i).toList();

      BatchResendResult result =
          client.resendAll(ids, BatchOptions.builder().batchSize(10).build());

      assertThat(result.accepted()).hasSize(50);
      assertThat(sim.simulator().totalResends()).isEqualTo(50);
      assertThat(sim.simulator().requests()).isEmpty();
      assertThat(sim.simulator().droppedRequests()).isEqualTo(5);
      assertThatThrownBy(() -> sim.simulator().resendCount("e0"))
          .isInstanceOf(IllegalStateException.class);
      assertThat(sim.failure()).isNull();
    }
  }

  @Test
  @Timeout(60)
  void anErrorInTheSimulator_stopsTheRun_withAReportThatLeadsWithIt() {
    // Readings 1 to 6 (the first three requests) work; every later one throws, as a heap that
    // stays full would.
    Clock failing = new FailingClock(6);
    ResendRun run =
        new ResendRun(
            context(),
            message -> {
              throw new AssertionError("not a usage error: " + message);
            },
            new ResendRun.Labels(null, null, null),
            null,
            runner -> EmbeddedSimulator.start(runner, b -> b.clock(failing)),
            new RunStatus(RunStatus.Mode.QUIET, System.err, null));
    List<String> ids = IntStream.range(0, 20).mapToObj(i -> "f" + i).toList();

    RunReport report =
        run.send(
            ids,
            BatchOptions.builder().batchSize(1).build(),
            CalloutResendClient.builder(),
            ResendRun.Server.simulator(true, List.of()));

    assertThat(report.error())
        .startsWith("the embedded simulator failed (java.lang.OutOfMemoryError: injected")
        .contains("the run was stopped");
    assertThat(ExitCodes.of(report)).isEqualTo(ExitCodes.ERROR);
    assertThat(report.requested()).isEqualTo(20);
    assertThat(report.accepted()).isBetween(1, 19);
    assertThat(report.accepted() + report.failed().size() + report.unresolved().size())
        .isEqualTo(20);
    assertThat(Thread.currentThread().isInterrupted())
        .as("the simulator's interrupt is spent")
        .isFalse();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("error: the embedded simulator failed (java.lang.OutOfMemoryError: injected");
    ByteArrayOutputStream table = new ByteArrayOutputStream();
    TableReport.print(report, new PrintStream(table, true, StandardCharsets.UTF_8));
    assertThat(table.toString(StandardCharsets.UTF_8))
        .contains("Error: the embedded simulator failed (java.lang.OutOfMemoryError: injected");
  }

  private CliContext context() {
    return new CliContext(
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of());
  }

  /** The system clock for its first readings; every later reading throws an Error. */
  private static final class FailingClock extends Clock {
    private final AtomicInteger readings = new AtomicInteger();
    private final int good;

    FailingClock(int good) {
      this.good = good;
    }

    @Override
    public Instant instant() {
      if (readings.incrementAndGet() > good) {
        throw new OutOfMemoryError("injected: Java heap space");
      }
      return Instant.now();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
