package dev.zuoraclient.callouts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zuoraclient.callouts.simulator.RecordedRequest;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One shared client, 64 threads x 200 calls: every answer belongs to its own call. */
class ConcurrencyTest {
  static final int THREADS = 64;
  static final int CALLS = 200;

  @Test
  void sharedClient_under64Threads_keepsEveryCallsHeadersAndResultItsOwn() throws Exception {
    try (ZuoraSimulator zuora =
        ZuoraSimulator.builder()
            .acceptToken("tok")
            .knownIds() // seeded by list, filled while running: the missing-* IDs do not exist
            .maxRecordedRequests(THREADS * CALLS)
            .start()) {
      CalloutResendClient client =
          CalloutResendClient.builder().baseUri(zuora.baseUri()).accessToken("tok").build();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int c = 0; c < CALLS; c++) {
                    String tag = "t" + thread + "-c" + c;
                    String known = "known-" + tag;
                    zuora.addKnownIds(known);
                    ResendResult r =
                        client.resend(
                            List.of(known, "missing-" + tag),
                            ResendOptions.builder()
                                .trackId("track-" + tag)
                                .idempotencyKey("key-" + tag)
                                .build());
                    assertThat(r.accepted()).containsExactly(known);
                    assertThat(r.failures())
                        .extracting(ResendFailure::id)
                        .containsExactly("missing-" + tag);
                    assertThat(r.trackId()).contains("track-" + tag);
                    assertThat(r.idempotencyKey()).contains("key-" + tag);
                  }
                  return CALLS;
                }));
      }
      go.countDown();
      int total = 0;
      for (Future<Integer> f : done) {
        total += f.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();

      assertThat(total).isEqualTo(THREADS * CALLS);
      List<RecordedRequest> seen = zuora.requests();
      assertThat(seen).hasSize(THREADS * CALLS);
      // On the wire too, each request's headers match its own body.
      Map<String, RecordedRequest> byKey =
          seen.stream()
              .collect(
                  Collectors.toMap(
                      r -> r.header("Idempotency-Key").orElseThrow(), Function.identity()));
      assertThat(byKey).hasSize(THREADS * CALLS);
      byKey.forEach(
          (key, r) -> {
            String tag = key.substring("key-".length());
            assertThat(r.header("Zuora-Track-Id")).contains("track-" + tag);
            assertThat(r.ids()).containsExactly("known-" + tag, "missing-" + tag);
          });
      assertThat(zuora.totalResends()).isEqualTo(THREADS * CALLS);
    }
  }
}
