package dev.zuoraclient.callouts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A bulk run shares the tenant's limited capacity: against a simulator that caps the requests in
 * flight (the tenant's other traffic holding some of the slots) or meters a quota, every ID ends
 * accepted, none is processed twice, and few requests are refused.
 */
class AdaptiveConcurrencyTest {
  static final String TOKEN = "adaptive-token-123456";

  static List<String> ids(int n) {
    return IntStream.range(0, n).mapToObj(i -> String.format("2c92c0f8%024x", i)).toList();
  }

  static void assertEachProcessedOnce(ZuoraSimulator zuora, List<String> ids) {
    assertThat(ids).allSatisfy(id -> assertThat(zuora.resendCount(id)).as(id).isEqualTo(1));
  }

  static CalloutResendClient client(ZuoraSimulator zuora, RetryPolicy retries) {
    return CalloutResendClient.builder()
        .baseUri(zuora.baseUri())
        .accessToken(TOKEN)
        .retryPolicy(retries)
        .build();
  }

  @Test
  void aCapOf2_withConcurrency16_acceptsEveryId_withFew429s() {
    List<String> ids = ids(200);
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder()
            .acceptToken(TOKEN)
            .knownIds(ids)
            .maxInFlight(2)
            .latency(Duration.ofMillis(100))
            .concurrencyRetryAfter(Duration.ofMillis(100))
            .start()) {

      BatchResendResult r =
          client(zuora, RetryPolicy.defaults())
              .resendAll(ids, BatchOptions.builder().batchSize(5).concurrency(16).build());

      assertThat(r.accepted()).hasSize(200);
      assertThat(r.unresolved()).isEmpty();
      assertEachProcessedOnce(zuora, ids);
      assertThat(zuora.concurrencyRejections()).isLessThanOrEqualTo(40);
      assertThat(zuora.peakInFlight()).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void a429_neverSpendsARetryAttempt_evenWithNoRetriesAllowed() {
    List<String> ids = ids(60);
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder()
            .acceptToken(TOKEN)
            .knownIds(ids)
            .maxInFlight(3)
            .otherTraffic(1)
            .latency(Duration.ofMillis(50))
            .concurrencyRetryAfter(Duration.ofMillis(50))
            .start()) {

      BatchResendResult r =
          client(zuora, RetryPolicy.none())
              .resendAll(ids, BatchOptions.builder().batchSize(3).concurrency(10).build());

      assertThat(r.accepted()).hasSize(60);
      assertEachProcessedOnce(zuora, ids);
      assertThat(zuora.concurrencyRejections()).isPositive();
      assertThat(zuora.peakInFlight()).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void roomFreedByOtherTraffic_isFoundAgain() throws Exception {
    List<String> ids = ids(300);
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder()
            .acceptToken(TOKEN)
            .knownIds(ids)
            .maxInFlight(6)
            .otherTraffic(5)
            .latency(Duration.ofMillis(50))
            .concurrencyRetryAfter(Duration.ofMillis(50))
            .start()) {
      Thread freeing =
          new Thread(
              () -> {
                try {
                  Thread.sleep(700);
                  zuora.otherTraffic(0);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      freeing.start();

      BatchResendResult r =
          client(zuora, RetryPolicy.defaults())
              .resendAll(ids, BatchOptions.builder().batchSize(3).concurrency(6).build());
      freeing.join();

      assertThat(r.accepted()).hasSize(300);
      assertEachProcessedOnce(zuora, ids);
      assertThat(zuora.peakInFlight()).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void aQuota_isSpentEvenly_withoutRunningInto429s() {
    List<String> ids = ids(150);
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder()
            .acceptToken(TOKEN)
            .knownIds(ids)
            .rateLimit(10, Duration.ofMillis(500))
            .start()) {
      long start = System.nanoTime();

      BatchResendResult r =
          client(zuora, RetryPolicy.defaults())
              .resendAll(ids, BatchOptions.builder().batchSize(5).concurrency(4).build());

      assertThat(r.accepted()).hasSize(150);
      assertEachProcessedOnce(zuora, ids);
      // 30 requests at 10 per half-second window: the run spans three windows, two of them whole
      // at least after the first started (the first may be nearly over when the run starts)
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(500));
      assertThat(zuora.quotaRejections()).isLessThanOrEqualTo(4);
    }
  }

  @Test
  void withAdaptationOff_theConcurrencyIsKept_andOnly429WaitsApply() {
    List<String> ids = ids(40);
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder()
            .acceptToken(TOKEN)
            .knownIds(ids)
            .maxInFlight(2)
            .latency(Duration.ofMillis(50))
            .concurrencyRetryAfter(Duration.ofMillis(20))
            .start()) {

      BatchResendResult r =
          client(zuora, RetryPolicy.defaults())
              .resendAll(
                  ids,
                  BatchOptions.builder()
                      .batchSize(2)
                      .concurrency(8)
                      .adaptiveConcurrency(false)
                      .build());

      assertThat(r.accepted()).hasSize(40);
      assertEachProcessedOnce(zuora, ids);
      assertThat(zuora.concurrencyRejections()).isGreaterThan(10);
    }
  }
}
