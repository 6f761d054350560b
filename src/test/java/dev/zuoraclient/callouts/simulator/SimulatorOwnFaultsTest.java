package dev.zuoraclient.callouts.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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

  @Test
  void aFaultOnTheDataQueryEndpoint_isAnswered500_andReported() {
    FaultyClock clock = new FaultyClock();
    List<Throwable> reported = Collections.synchronizedList(new ArrayList<>());
    try (ZuoraSimulator sim = dataQuerySimulator(clock, reported)) {
      clock.failNextWith(() -> new IllegalStateException("injected"));

      HttpResponse<byte[]> failed =
          DataQueryHttp.submit(sim, DataQueryHttp.body(DataQueryHttp.sql(), "GZIP"));

      assertThat(failed.statusCode()).isEqualTo(500);
      assertThat(new String(failed.body(), UTF_8)).contains("IllegalStateException: injected");
      assertThat(reported).singleElement().isInstanceOf(IllegalStateException.class);
      assertThat(DataQueryHttp.submitted(sim, DataQueryHttp.sql(), "GZIP")).isNotEmpty();
    }
  }

  @Test
  void aFaultOnTheStorageHost_isAnswered500InS3sShape_andReported() {
    FaultyClock clock = new FaultyClock();
    List<Throwable> reported = Collections.synchronizedList(new ArrayList<>());
    try (ZuoraSimulator sim = dataQuerySimulator(clock, reported)) {
      String url = completedFile(sim);
      clock.failNextWith(() -> new OutOfMemoryError("injected"));

      HttpResponse<byte[]> failed = DataQueryHttp.download(url);

      assertThat(failed.statusCode()).isEqualTo(500);
      assertThat(new String(failed.body(), UTF_8))
          .contains("<Code>InternalError</Code>", "OutOfMemoryError: injected");
      assertThat(reported).singleElement().isInstanceOf(OutOfMemoryError.class);
      assertThat(DataQueryHttp.download(url).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void close_interruptsASlowDownload_whoseClientSeesTheConnectionEnd() throws Exception {
    List<Throwable> reported = Collections.synchronizedList(new ArrayList<>());
    ZuoraSimulator sim = dataQuerySimulator(Clock.systemUTC(), reported);
    String url = completedFile(sim);
    sim.slowNextResultFile(Duration.ofSeconds(30));
    CompletableFuture<HttpResponse<InputStream>> download =
        CompletableFuture.supplyAsync(() -> DataQueryHttp.downloadStream(url));
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (sim.resultFileRequests().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    long start = System.nanoTime();

    sim.close();

    assertThatThrownBy(() -> download.get(10, TimeUnit.SECONDS).body().readAllBytes())
        .isInstanceOfAny(IOException.class, ExecutionException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(reported).isEmpty();
  }

  private static ZuoraSimulator dataQuerySimulator(Clock clock, List<Throwable> reported) {
    List<CalloutRecord> history = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      history.add(CalloutRecord.failed("id-" + i, DataQueryHttp.FROM.plusSeconds(i), 500));
    }
    return ZuoraSimulator.builder()
        .acceptToken(SimulatorHttp.TOKEN)
        .queryJobDelay(Duration.ZERO)
        .calloutHistory(history)
        .clock(clock)
        .onInternalError(reported::add)
        .start();
  }

  private static String completedFile(ZuoraSimulator sim) {
    String id = DataQueryHttp.submitted(sim, DataQueryHttp.sql(), "NONE");
    return DataQueryHttp.ended(sim, id).path("dataFile").asText();
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
