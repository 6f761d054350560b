package dev.zuoraclient.callouts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zuoraclient.callouts.testing.HostileServer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A batched run's waits, against a raw local server that stamps when each request arrived and when
 * each answer left: one rule for a wait whatever answer carries it, counted from the answer, with
 * backoff when Zuora names no usable wait, a bound on how long one batch may be refused, and a stop
 * that wakes whoever only waits.
 */
@Timeout(60)
class RateLimitWaitsTest {
  static final String TOKEN = "waits-token-123456";
  static final String RESEND = "/notifications/callout-histories/resend";

  /** What the server saw: when each request arrived and when its answer was written, in nanos. */
  static final class Stamps {
    final List<Long> arrived = new CopyOnWriteArrayList<>();
    final List<Long> answered = new CopyOnWriteArrayList<>();

    /** Wraps an answer, stamping around it; an optional pause before answering. */
    HostileServer.Answer stamp(long pauseMillis, HostileServer.Answer answer) {
      return (r, out) -> {
        arrived.add(System.nanoTime());
        Thread.sleep(pauseMillis);
        boolean keep = answer.write(r, out);
        out.flush();
        answered.add(System.nanoTime());
        return keep;
      };
    }

    long millisFromAnswerToNextRequest(int answer) {
      return TimeUnit.NANOSECONDS.toMillis(arrived.get(answer + 1) - answered.get(answer));
    }
  }

  static HostileServer.Answer tooMany(String... headers) {
    return HostileServer.status(429, "{\"message\":\"Too many requests\"}", headers);
  }

  static HostileServer.Answer accepted(String... headers) {
    return HostileServer.status(202, "", headers);
  }

  static CalloutResendClient client(HostileServer server, RetryPolicy retries) {
    return CalloutResendClient.builder()
        .baseUri(java.net.URI.create(server.baseUrl()))
        .accessToken(TOKEN)
        .retryPolicy(retries)
        .build();
  }

  static List<String> ids(int n) {
    return IntStream.range(0, n).mapToObj(i -> String.format("w%031x", i)).toList();
  }

  static final RetryPolicy FAST_BACKOFF =
      RetryPolicy.builder()
          .initialBackoff(Duration.ofMillis(100))
          .maxBackoff(Duration.ofMillis(400))
          .build();

  static List<String> unusableRetryAfters() {
    String past =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).minusHours(1));
    return List.of("", "0", "-5", "soon", "NaN", past);
  }

  @ParameterizedTest(name = "Retry-After: ''{0}''")
  @MethodSource("unusableRetryAfters")
  void a429WithNoUsableWait_backsOff_andTheReasonSaysSo(String retryAfter) {
    Stamps stamps = new Stamps();
    String[] headers =
        retryAfter.isEmpty() ? new String[0] : new String[] {"Retry-After: " + retryAfter};
    try (HostileServer server =
        HostileServer.start().answering(stamps.stamp(0, tooMany(headers)))) {
      long start = System.nanoTime();
      BatchResendResult r =
          client(server, FAST_BACKOFF)
              .resendAll(
                  ids(4),
                  BatchOptions.builder()
                      .batchSize(2)
                      .maxRateLimitedTime(Duration.ofMillis(1500))
                      .build());
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      // Backoff, not a spin: waits of half to all of 100, 200, 400, 400... ms, never under 250 ms
      // (less a little for a loaded machine's clock).
      int requests = server.received(RESEND).size();
      assertThat(requests).isBetween(3, 8);
      for (int i = 0; i < requests - 1; i++) {
        assertThat(stamps.millisFromAnswerToNextRequest(i)).as("wait %d", i).isGreaterThan(220);
      }
      assertThat(elapsed).isLessThan(5_000);
      assertThat(r.unresolved()).containsExactlyElementsOf(ids(4));
      assertThat(r.errors()).hasSize(2);
      assertThat(r.errors().get(1).error())
          .isInstanceOfSatisfying(
              BatchNotSentException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(BatchNotSentException.Reason.RATE_LIMITED);
                assertThat(e.getMessage())
                    .contains("refused batch 1 with 429")
                    .contains("naming no usable wait")
                    .doesNotContain("wait 0 s");
              });
    }
  }

  @Test
  void aSpentQuotaOnA202_longerThanTheRunMayWait_stopsTheRunAtOnce_likeA429Would() {
    try (HostileServer server =
        HostileServer.start()
            .answering(accepted("RateLimit-Remaining: 0", "RateLimit-Reset: 86400"))) {
      long start = System.nanoTime();
      BatchResendResult r =
          client(server, RetryPolicy.defaults())
              .resendAll(ids(6), BatchOptions.builder().batchSize(2).build());
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(elapsed).isLessThan(5_000);
      assertThat(server.received(RESEND)).hasSize(1);
      assertThat(r.accepted()).containsExactlyElementsOf(ids(2));
      assertThat(r.unresolved()).containsExactlyElementsOf(ids(6).subList(2, 6));
      assertThat(r.errors())
          .allSatisfy(
              e -> {
                assertThat(((BatchNotSentException) e.error()).reason())
                    .isEqualTo(BatchNotSentException.Reason.RATE_LIMITED);
                assertThat(e.error().getMessage()).contains("quota is spent for 86400 s");
                assertThat(e.mayHaveBeenResent()).isFalse();
              });
    }
  }

  @Test
  void aBatchRefusedAgainAndAgain_stopsTheRunOnceItHasBeenRefusedForTheAllowedTime() {
    Stamps stamps = new Stamps();
    try (HostileServer server =
        HostileServer.start().answering(stamps.stamp(0, tooMany("Retry-After: 1")))) {
      long start = System.nanoTime();
      BatchResendResult r =
          client(server, RetryPolicy.defaults())
              .resendAll(
                  ids(4),
                  BatchOptions.builder()
                      .batchSize(2)
                      .maxRateLimitedTime(Duration.ofMillis(2500))
                      .build());
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      // refused at 0, ~1 and ~2 s; a fourth wait would end past 2.5 s
      assertThat(server.received(RESEND)).hasSize(3);
      assertThat(elapsed).isBetween(2_000L, 4_000L);
      assertThat(r.unresolved()).containsExactlyElementsOf(ids(4));
      assertThat(r.errors().get(1).error().getMessage())
          .contains("refused batch 1 with 429 3 times")
          .contains("2.5 s a batch may be refused");
    }
    assertThat(BatchOptions.defaults().maxRateLimitedTime()).isEqualTo(Duration.ofMinutes(10));
  }

  static List<Arguments> askedWaits() {
    return List.of(
        Arguments.of("429, capacity", 429, List.of("Retry-After: 1")),
        Arguments.of("429, quota spent", 429, List.of("Retry-After: 1", "RateLimit-Remaining: 0")),
        Arguments.of(
            "429, reset only", 429, List.of("RateLimit-Remaining: 0", "RateLimit-Reset: 1")),
        Arguments.of(
            "202, quota spent", 202, List.of("RateLimit-Remaining: 0", "RateLimit-Reset: 1")),
        Arguments.of(
            "429, Retry-After 0 but a reset",
            429,
            List.of("Retry-After: 0", "RateLimit-Remaining: 0", "RateLimit-Reset: 1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("askedWaits")
  void aWaitIsCountedFromTheAnswer_notFromWhenTheRequestLeft(
      String name, int status, List<String> headers) {
    Stamps stamps = new Stamps();
    String[] lines = headers.toArray(String[]::new);
    HostileServer.Answer first = status == 202 ? accepted(lines) : tooMany(lines);
    try (HostileServer server =
        HostileServer.start().answering(stamps.stamp(400, first), stamps.stamp(0, accepted()))) {
      BatchResendResult r =
          client(server, RetryPolicy.defaults())
              .resendAll(ids(4), BatchOptions.builder().batchSize(2).build());

      assertThat(r.isAllAccepted()).isTrue();
      assertThat(server.received(RESEND)).hasSize(status == 202 ? 2 : 3);
      // The server held the first request 400 ms: counting from the request would start ~600 ms
      // after the answer (less a little for a loaded machine's clock).
      assertThat(stamps.millisFromAnswerToNextRequest(0)).isGreaterThanOrEqualTo(950);
    }
  }

  static List<Arguments> waitsWithNothingInFlight() {
    return List.of(
        Arguments.of("a spent quota's pause", tooMany("Retry-After: 60", "RateLimit-Remaining: 0")),
        Arguments.of(
            "a 503's wait between retries",
            HostileServer.status(503, "{\"message\":\"down\"}", "Retry-After: 30")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("waitsWithNothingInFlight")
  void anInterruptWhileTheRunOnlyWaits_endsItAtOnce_notAfterTheGracePeriod(
      String name, HostileServer.Answer answer) throws Exception {
    try (HostileServer server = HostileServer.start().answering(answer, accepted())) {
      CalloutResendClient client = client(server, RetryPolicy.defaults());
      CompletableFuture<BatchResendResult> run = new CompletableFuture<>();
      Thread runner =
          new Thread(
              () ->
                  run.complete(
                      client.resendAll(
                          ids(8),
                          BatchOptions.builder()
                              .batchSize(2)
                              .concurrency(4)
                              .stopGracePeriod(Duration.ofSeconds(30))
                              .build())));
      runner.start();
      while (server.received(RESEND).isEmpty()) {
        Thread.sleep(10);
      }
      Thread.sleep(300); // the answer is in: nothing is in flight, workers only wait
      long start = System.nanoTime();
      runner.interrupt();
      BatchResendResult r = run.get(10, TimeUnit.SECONDS);
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(elapsed).isLessThan(2_000);
      assertThat(r.accepted().size() + r.unresolved().size()).isEqualTo(8);
      assertThat(r.unresolved()).isNotEmpty();
    }
  }
}
