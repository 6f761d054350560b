package dev.zuoraclient.callouts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zuoraclient.callouts.BatchOptions;
import dev.zuoraclient.callouts.RetryPolicy;
import dev.zuoraclient.callouts.exception.ZuoraConnectionException;
import dev.zuoraclient.callouts.exception.ZuoraException;
import dev.zuoraclient.callouts.exception.ZuoraOutcomeUnknownException;
import dev.zuoraclient.callouts.exception.ZuoraRateLimitException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The rate-limit rules of a batched run on their own, on a clock the test moves: how long a refused
 * batch waits, and the two limits that stop a run instead, in the words the operator reads.
 */
class RateLimitRulesTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final BatchOptions options =
      BatchOptions.builder()
          .maxRateLimitWait(Duration.ofSeconds(60))
          .maxRateLimitedTime(Duration.ofSeconds(600))
          .build();
  private final RetryPolicy noBackoff =
      RetryPolicy.builder().initialBackoff(Duration.ZERO).maxBackoff(Duration.ZERO).build();

  private RateLimitRules rules(RetryPolicy backoff) {
    return new RateLimitRules(options, backoff, 3, now::get);
  }

  private static ZuoraRateLimitException refusal() {
    return ZuoraRateLimitException.builder(List.of("a1")).build();
  }

  private static ZuoraRateLimitException quotaSpent() {
    return ZuoraRateLimitException.builder(List.of("a1"))
        .rateLimitRemaining(0)
        .rateLimitReset(Duration.ofSeconds(30))
        .build();
  }

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void aUsableWait_isTakenAsAsked_andCountedForItsBatchOnly() {
    RateLimitRules r = rules(noBackoff);

    RateLimitRules.Refusal first = r.refused(1, refusal(), Duration.ofSeconds(5));

    assertThat(first.delay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(first.stop()).isNull();
    assertThat(first.quotaSpent()).isFalse();
    assertThat(r.refusals(1)).isEqualTo(1);
    assertThat(r.refusals(0)).isZero();
    assertThat(r.uncertain(1)).isFalse();
  }

  @Test
  void noUsableWait_backsOff_neverUnderTheFloor() {
    RateLimitRules r = rules(noBackoff);

    assertThat(r.refused(0, refusal(), null).delay()).isEqualTo(RateLimitRules.MIN_BACKOFF);
    assertThat(r.refused(0, refusal(), Duration.ZERO).delay())
        .isEqualTo(RateLimitRules.MIN_BACKOFF);
    assertThat(r.refused(0, refusal(), Duration.ofSeconds(-3)).delay())
        .isEqualTo(RateLimitRules.MIN_BACKOFF);

    RetryPolicy slow =
        RetryPolicy.builder()
            .initialBackoff(Duration.ofSeconds(4))
            .maxBackoff(Duration.ofSeconds(4))
            .build();
    Duration backedOff = rules(slow).refused(0, refusal(), null).delay();
    assertThat(backedOff).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void aWaitOverTheRunsLimit_stopsIt_sayingWhoAskedAndTheLimit() {
    RateLimitRules r = rules(noBackoff);

    RateLimitRules.Refusal asked = r.refused(0, refusal(), Duration.ofSeconds(61));
    RateLimitRules.Refusal spent = r.refused(1, quotaSpent(), Duration.ofSeconds(90));

    assertThat(asked.stop())
        .isEqualTo("not sent: Zuora asked to wait 61 s (429), longer than the run may wait (60 s)");
    assertThat(spent.quotaSpent()).isTrue();
    assertThat(spent.stop())
        .isEqualTo(
            "not sent: Zuora asked to wait 90 s (quota spent), longer than the run may wait (60 s)");
    assertThat(r.refused(2, refusal(), Duration.ofSeconds(60)).stop())
        .as("exactly the limit is still waited")
        .isNull();
  }

  @Test
  void aBatchRefusedForTooLong_stops_countingFromItsFirstRefusal() {
    RateLimitRules r = rules(noBackoff);
    assertThat(r.refused(0, refusal(), Duration.ofSeconds(50)).stop()).isNull();
    advance(Duration.ofSeconds(300));
    assertThat(r.refused(2, refusal(), Duration.ofSeconds(50)).stop())
        .as("another batch's clock starts at its own first refusal")
        .isNull();
    assertThat(r.refused(0, refusal(), Duration.ofSeconds(50)).stop()).isNull();
    advance(Duration.ofSeconds(250)); // 550 s refused; 50 more would make exactly 600

    assertThat(r.refused(0, refusal(), Duration.ofSeconds(50)).stop()).isNull();
    advance(Duration.ofSeconds(1)); // 551 s; 50 more would pass 600

    RateLimitRules.Refusal last = r.refused(0, refusal(), Duration.ofSeconds(50));
    assertThat(last.stop())
        .isEqualTo(
            "not sent: Zuora refused batch 1 with 429 4 times over 551 s, and waiting again would"
                + " pass the 600 s a batch may be refused");
    assertThat(r.refusals(0)).isEqualTo(4);
    assertThat(r.refused(2, refusal(), Duration.ofSeconds(50)).stop()).isNull();
  }

  @Test
  void aBackOffThatWouldPassTheLimit_saysNoWaitWasNamed() {
    RateLimitRules r = rules(noBackoff);
    r.refused(0, refusal(), null);
    advance(Duration.ofMillis(599_900));

    assertThat(r.refused(0, refusal(), null).stop())
        .isEqualTo(
            "not sent: Zuora refused batch 1 with 429 2 times over 599.9 s (naming no usable"
                + " wait: backed off), and waiting again would pass the 600 s a batch may be"
                + " refused");
  }

  @Test
  void anEarlierAttemptWithoutAnAnswer_makesTheBatchUncertain_forGood() {
    RateLimitRules r = rules(noBackoff);
    ZuoraException.Context call = ZuoraException.Context.of(0, null, null, "key-1", List.of("a1"));
    RuntimeException noAnswer =
        new ZuoraOutcomeUnknownException(
            "no answer within 30 s", ZuoraOutcomeUnknownException.Reason.TIMEOUT, call, refusal());
    assertThat(ErrorRules.mayHaveBeenResent(noAnswer)).isTrue();

    r.refused(0, noAnswer, Duration.ofSeconds(1));
    r.refused(0, refusal(), Duration.ofSeconds(1));
    r.refused(
        1,
        new ZuoraConnectionException(
            "connection refused",
            "rest.zuora.com",
            null,
            ZuoraConnectionException.Reason.REFUSED,
            call,
            null),
        null);

    assertThat(r.uncertain(0)).isTrue();
    assertThat(r.uncertain(1)).isFalse();
  }

  @Test
  void aSpentQuotasPause_stopsTheRunOnlyOverTheLimit() {
    RateLimitRules r = rules(noBackoff);

    assertThat(r.quotaPauseTooLong(Duration.ofSeconds(60))).isNull();
    assertThat(r.quotaPauseTooLong(Duration.ofSeconds(61)))
        .isEqualTo(
            "not sent: Zuora's quota is spent for 61 s (RateLimit-Reset), longer than the run may"
                + " wait (60 s)");
  }
}
