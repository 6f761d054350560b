package dev.zuoraclient.callouts.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A fault of the simulator's own, an {@link Error} included, gets an answer and is reported: the
 * JDK's server alone would end the worker and leave the client with a dropped connection, and
 * nobody would know.
 */
class SimulatorOwnFaultsTest {

  @Test
  void anErrorWhileHandling_isAnswered500WithItsName_reported_andTheNextRequestIsServed() {
    FaultyClock clock = new FaultyClock();
    List<Throwable> reported = Collections.synchronizedList(new ArrayList<>());
    try (ZuoraSimulator sim = simulator(clock, reported)) {
      clock.failNextWith(() -> new OutOfMemoryError("injected: Java heap space"));

      HttpResponse<byte[]> failed = SimulatorHttp.resend(sim, List.of("a1"), "key-1");
      HttpResponse<byte[]> next = SimulatorHttp.resend(sim, List.of("a1"), "key-1");

      assertThat(failed.statusCode()).isEqualTo(500);
      assertThat(new String(failed.body(), UTF_8))
          .contains("java.lang.OutOfMemoryError: injected: Java heap space");
      assertThat(failed.headers().firstValue("Zuora-Request-Id")).isPresent();
      assertThat(reported).singleElement().isInstanceOf(OutOfMemoryError.class);
      assertThat(next.statusCode()).isEqualTo(202);
      assertThat(sim.resendCount("a1")).isEqualTo(1);
    }
  }

  @Test
  void aStackOverflowOnTheTokenEndpoint_isAnsweredAndReportedToo() {
    FaultyClock clock = new FaultyClock();
    List<Throwable> reported = Collections.synchronizedList(new ArrayList<>());
    try (ZuoraSimulator sim = simulator(clock, reported)) {
      clock.failNextWith(StackOverflowError::new);

      HttpResponse<byte[]> failed = SimulatorHttp.token(sim, "client_id=x");

      assertThat(failed.statusCode()).isEqualTo(500);
      assertThat(new String(failed.body(), UTF_8)).contains("StackOverflowError");
      assertThat(reported).singleElement().isInstanceOf(StackOverflowError.class);
    }
  }

  @Test
  void aRuntimeExceptionWhileHandling_isAnswered500_andReported() {
    FaultyClock clock = new FaultyClock();
    List<Throwable> reported = Collections.synchronizedList(new ArrayList<>());
    try (ZuoraSimulator sim = simulator(clock, reported)) {
      clock.failNextWith(() -> new IllegalStateException("injected"));

      HttpResponse<byte[]> failed = SimulatorHttp.resend(sim, List.of("a1"), null);

      assertThat(failed.statusCode()).isEqualTo(500);
      assertThat(reported).singleElement().isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void theJdkServersOwnThreads_belongToTheSimulator_soTheirDeathIsReported() {
    try (ZuoraSimulator sim = ZuoraSimulator.start()) {
      Thread[] threads = new Thread[sim.threads().activeCount() + 8];
      int n = sim.threads().enumerate(threads);

      assertThat(Arrays.asList(threads).subList(0, n))
          .extracting(Thread::getName)
          .contains("HTTP-Dispatcher", "idle-timeout-task");
    }
  }

  @Test
  void aThreadOfTheSimulatorEndedByAnError_isReported() throws InterruptedException {
    AtomicReference<Throwable> reported = new AtomicReference<>();
    SimulatorThreads threads = new SimulatorThreads(reported::set);
    Error fault = new OutOfMemoryError("injected: the dispatcher's allocation");
    Thread dying =
        threads.newThread(
            () -> {
              throw fault;
            });

    dying.start();
    dying.join(10_000);

    assertThat(reported.get()).isSameAs(fault);
  }

  @Test
  void afterClose_nothingIsReported() throws InterruptedException {
    AtomicReference<Throwable> reported = new AtomicReference<>();
    SimulatorThreads threads = new SimulatorThreads(reported::set);
    threads.closed();
    Thread dying =
        threads.newThread(
            () -> {
              throw new OutOfMemoryError("injected");
            });

    dying.start();
    dying.join(10_000);

    assertThat(reported.get()).isNull();
  }

  private static ZuoraSimulator simulator(Clock clock, List<Throwable> reported) {
    return ZuoraSimulator.builder()
        .acceptToken(SimulatorHttp.TOKEN)
        .client("x", "y")
        .unknownIdPrefix(ZuoraSimulator.UNKNOWN_ID_PREFIX)
        .clock(clock)
        .onInternalError(reported::add)
        .start();
  }

  /** The system clock, but the next reading throws what the test asked for. */
  static final class FaultyClock extends Clock {
    private final AtomicReference<Supplier<? extends Throwable>> next = new AtomicReference<>();

    void failNextWith(Supplier<? extends Throwable> fault) {
      next.set(fault);
    }

    @Override
    public Instant instant() {
      Supplier<? extends Throwable> fault = next.getAndSet(null);
      if (fault != null) {
        Throwable t = fault.get();
        if (t instanceof Error e) {
          throw e;
        }
        throw (RuntimeException) t;
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
