package dev.zuoraclient.callouts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each rule of the limiter on its own, on a clock only the test moves (the end-to-end behaviour
 * against the simulator is {@code AdaptiveConcurrencyTest}'s).
 */
@Timeout(5)
class ConcurrencyLimiterTest {
  final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  ConcurrencyLimiter limiter(int max, boolean adaptive) {
    return new ConcurrencyLimiter(max, adaptive, nanos::get);
  }

  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  /** Takes every slot free now. */
  static List<ConcurrencyLimiter.Permit> takeAll(ConcurrencyLimiter limiter) {
    List<ConcurrencyLimiter.Permit> taken = new ArrayList<>();
    for (ConcurrencyLimiter.Permit p = limiter.tryAcquire(); p != null; p = limiter.tryAcquire()) {
      taken.add(p);
    }
    return taken;
  }

  /** One request sent and answered cleanly, with no quota headers. */
  static void cleanAnswer(ConcurrencyLimiter limiter) {
    ConcurrencyLimiter.Permit p = limiter.tryAcquire();
    assertThat(p).as("a free slot").isNotNull();
    assertThat(limiter.succeeded(p, -1, null)).isZero();
  }

  @Test
  void slowStart_beginsAtTheInitialLimit_andGrowsByOnePerCleanAnswer_upToTheMaximum() {
    ConcurrencyLimiter limiter = limiter(10, true);

    assertThat(takeAll(limiter)).hasSize(ConcurrencyLimiter.INITIAL_LIMIT);
    limiter = limiter(10, true);
    for (int answers = 1; answers <= 10; answers++) {
      cleanAnswer(limiter);
      assertThat(limiter.limit())
          .isEqualTo(Math.min(10, ConcurrencyLimiter.INITIAL_LIMIT + answers));
    }
    assertThat(takeAll(limiter)).hasSize(10);
  }

  @Test
  void slowStart_neverBeginsAboveTheMaximum() {
    assertThat(takeAll(limiter(2, true))).hasSize(2);
  }

  @Test
  void withoutAdaptation_theLimitIsTheMaximumFromTheStart_andA429LowersNothing() {
    ConcurrencyLimiter limiter = limiter(12, false);
    List<ConcurrencyLimiter.Permit> taken = takeAll(limiter);
    assertThat(taken).hasSize(12);

    limiter.refused(Duration.ofSeconds(1), false);

    assertThat(limiter.limit()).isEqualTo(12);
  }

  @Test
  void capacity429_lowersTheLimitToWhatIsStillInFlight_oneMoreForEachRefusalOfABurst() {
    ConcurrencyLimiter limiter = limiter(40, true);
    takeAll(limiter); // 4 in flight

    limiter.refused(Duration.ofSeconds(1), false);
    assertThat(limiter.limit()).isEqualTo(3);
    limiter.refused(Duration.ofSeconds(1), false);
    assertThat(limiter.limit()).isEqualTo(2);

    // Only the refused batches wait: the others start at once, within the lowered limit.
    assertThat(takeAll(limiter)).isEmpty(); // 2 still in flight
    limiter.released();
    assertThat(takeAll(limiter)).hasSize(1);
  }

  @Test
  void capacity429_neverLowersTheLimitBelowOne() {
    ConcurrencyLimiter limiter = limiter(4, true);
    limiter.tryAcquire();

    limiter.refused(Duration.ofSeconds(1), false);

    assertThat(limiter.limit()).isEqualTo(1);
    assertThat(limiter.tryAcquire()).isNotNull();
  }

  @Test
  void probing_afterA429_growsByOnePerSixRoundsOfCleanAnswers() {
    ConcurrencyLimiter limiter = limiter(40, true);
    takeAll(limiter);
    limiter.refused(Duration.ZERO, false); // limit 3, slow start over
    limiter.released();
    limiter.released();
    limiter.released();
    assertThat(limiter.limit()).isEqualTo(3);

    // A round is one answer per slot: 3 answers at a limit of 3.
    for (int i = 0; i < ConcurrencyLimiter.PROBE_ROUNDS * 3; i++) {
      cleanAnswer(limiter);
    }
    assertThat(limiter.limit()).as("six rounds of three are not quite a step").isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      cleanAnswer(limiter);
    }
    assertThat(limiter.limit()).as("the seventh round completes it").isEqualTo(4);
  }

  @Test
  void quotaPause_stopsEveryStartUntilTheWaitAndTheMarginHavePassed_countedFromTheAnswer() {
    ConcurrencyLimiter limiter = limiter(10, true);
    limiter.tryAcquire();

    limiter.refused(Duration.ofSeconds(30), true);

    assertThat(limiter.limit()).as("a spent quota says nothing of capacity").isEqualTo(4);
    assertThat(limiter.tryAcquire()).isNull();
    advance(Duration.ofSeconds(30).plus(ConcurrencyLimiter.QUOTA_MARGIN).minusNanos(1));
    assertThat(limiter.tryAcquire()).isNull();
    advance(Duration.ofNanos(1));
    assertThat(takeAll(limiter)).hasSize(4);
  }

  @Test
  void quotaPause_aShorterPauseNeverShortensALongerOne() {
    ConcurrencyLimiter limiter = limiter(10, true);
    limiter.tryAcquire();
    limiter.tryAcquire();

    limiter.refused(Duration.ofSeconds(30), true);
    limiter.refused(Duration.ofSeconds(1), true);
    advance(Duration.ofSeconds(2));

    assertThat(limiter.tryAcquire()).isNull();
  }

  @Test
  void cleanAnswer_whoseQuotaIsUsedUpByTheRequestsStartedSince_pausesUntilTheReset() {
    ConcurrencyLimiter limiter = limiter(10, true);
    ConcurrencyLimiter.Permit first = limiter.tryAcquire();
    limiter.tryAcquire();
    limiter.tryAcquire(); // two started after the first

    Duration pause = limiter.succeeded(first, 2, Duration.ofSeconds(5));

    assertThat(pause).isEqualTo(Duration.ofSeconds(5));
    assertThat(limiter.tryAcquire()).isNull();
    advance(Duration.ofSeconds(5).plus(ConcurrencyLimiter.QUOTA_MARGIN));
    assertThat(limiter.tryAcquire()).isNotNull();
  }

  @Test
  void cleanAnswer_withQuotaLeftAfterTheRequestsStartedSince_pausesNothing() {
    ConcurrencyLimiter limiter = limiter(10, true);
    ConcurrencyLimiter.Permit first = limiter.tryAcquire();
    limiter.tryAcquire();

    assertThat(limiter.succeeded(first, 2, Duration.ofSeconds(5))).isZero();
    assertThat(limiter.tryAcquire()).isNotNull();
  }

  @Test
  void stop_givesNoSlotAndWakesEveryWaiter_atOnce() throws Exception {
    ConcurrencyLimiter limiter = limiter(1, true);
    limiter.tryAcquire(); // full
    CompletableFuture<ConcurrencyLimiter.Permit> waitingForASlot =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return limiter.acquire();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    CompletableFuture<Boolean> waitingOutARefusal =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return limiter.await(Duration.ofHours(1));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });

    limiter.stop();

    assertThat(waitingForASlot.get(2, TimeUnit.SECONDS)).isNull();
    assertThat(waitingOutARefusal.get(2, TimeUnit.SECONDS)).isFalse();
    limiter.released();
    assertThat(limiter.tryAcquire()).isNull();
  }
}
