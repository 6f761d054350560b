package dev.zuoraclient.callouts.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What the simulator keeps of its traffic stays within its bounds, however much it is sent: counted
 * as entries kept, over real HTTP.
 */
class SimulatorMemoryTest {
  @Test
  void storedAnswers_pastTheBound_dropTheOldest_whoseKeyIsProcessedAfresh() {
    try (ZuoraSimulator sim = simulator().maxStoredAnswers(2).start()) {
      send(sim, List.of("a1"), "key-1");
      send(sim, List.of("a2"), "key-2");
      send(sim, List.of("a3"), "key-3");

      HttpResponse<byte[]> newest = send(sim, List.of("a3"), "key-3");
      HttpResponse<byte[]> dropped = send(sim, List.of("a1"), "key-1");

      assertThat(newest.statusCode()).isEqualTo(202);
      assertThat(sim.resendCount("a3")).as("replayed, not resent").isEqualTo(1);
      assertThat(dropped.statusCode()).isEqualTo(202);
      assertThat(sim.resendCount("a1")).as("its answer was dropped: resent again").isEqualTo(2);
      assertThat(sim.handler().resends().idempotency().size()).isEqualTo(2);
    }
  }

  @Test
  void storedAnswers_keepTheirRulesWithinTheBound_aKeyWithOtherIdsGets422() {
    try (ZuoraSimulator sim = simulator().maxStoredAnswers(2).start()) {
      send(sim, List.of("a1", "a2"), "key-1");

      assertThat(send(sim, List.of("a2", "a1"), "key-1").statusCode()).isEqualTo(422);
      assertThat(send(sim, List.of("a1", "a2"), "key-1").statusCode()).isEqualTo(202);
      assertThat(sim.totalResends()).isEqualTo(2);
    }
  }

  @Test
  void storedAnswers_overTheirByteBudget_keepFewerThanTheirCount() {
    long budget = 64 * 1024;
    try (ZuoraSimulator sim =
        simulator().maxStoredAnswers(1_000).maxBytes(Long.MAX_VALUE, budget).start()) {
      for (int i = 0; i < 20; i++) {
        // 1000 unknown IDs: an answer of 1000 failures, about 90 KB... over the budget alone
        send(sim, ids("unknown-" + i + "-", 1000), "big-" + i);
        // ... and answers without failures, about 1 KB each
        send(sim, ids("k" + i + "-", 10), "small-" + i);
      }

      IdempotencyStore store = sim.handler().resends().idempotency();
      assertThat(store.bytes()).isLessThanOrEqualTo(budget);
      assertThat(store.size()).isBetween(1, 39);
      assertThat(store.dropped()).isEqualTo(40 - store.size());
    }
  }

  @Test
  void resendCounts_pastTheBound_forgetTheIdResentLeastRecently_andSaySo() {
    try (ZuoraSimulator sim = simulator().maxCountedIds(2).start()) {
      send(sim, List.of("a1"), null);
      send(sim, List.of("a2"), null);
      send(sim, List.of("a1"), null); // a1 is now the most recent
      send(sim, List.of("a3"), null);

      assertThat(sim.resendCount("a1")).isEqualTo(2);
      assertThat(sim.resendCount("a3")).isEqualTo(1);
      assertThatThrownBy(() -> sim.resendCount("a2"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("maxCountedIds")
          .hasMessageContaining("unknown");
      assertThat(sim.totalResends()).isEqualTo(4);

      sim.reset();
      assertThat(sim.resendCount("a2")).as("nothing forgotten since the reset").isZero();
    }
  }

  @Test
  void recordedRequests_pastTheirCount_keepTheNewest_andCountTheDropped() {
    try (ZuoraSimulator sim = simulator().maxRecordedRequests(3).start()) {
      for (int i = 1; i <= 5; i++) {
        send(sim, List.of("a" + i), null);
      }

      assertThat(sim.requests()).extracting(r -> r.ids().get(0)).containsExactly("a3", "a4", "a5");
      assertThat(sim.droppedRequests()).isEqualTo(2);

      sim.clearRequests();
      assertThat(sim.requests()).isEmpty();
      assertThat(sim.droppedRequests()).isZero();
    }
  }

  @Test
  void recordedRequests_overTheirByteBudget_keepFewerThanTheirCount_butAlwaysTheNewest() {
    long budget = 256 * 1024;
    try (ZuoraSimulator sim = simulator().maxBytes(budget, Long.MAX_VALUE).start()) {
      for (int i = 0; i < 20; i++) {
        send(sim, ids("r" + i + "-", 1000), null); // about 90 KB recorded each
      }

      List<RecordedRequest> kept = sim.requests();
      assertThat(sim.handler().requestLog().bytes()).isLessThanOrEqualTo(budget);
      assertThat(kept).hasSizeBetween(1, 19);
      assertThat(kept.get(kept.size() - 1).ids().get(0)).isEqualTo("r19-0");
      assertThat(sim.droppedRequests()).isEqualTo(20 - kept.size());
    }
  }

  @Test
  void recordedRequests_whenNoneAreKept_areStillCounted() {
    try (ZuoraSimulator sim = simulator().maxRecordedRequests(0).start()) {
      send(sim, List.of("a1"), null);

      assertThat(sim.requests()).isEmpty();
      assertThat(sim.droppedRequests()).isEqualTo(1);
    }
  }

  @Test
  void manyMoreIdsThanTheBounds_leaveOnlyTheBoundsKept() {
    int requests = 200;
    try (ZuoraSimulator sim =
        simulator().maxRecordedRequests(5).maxStoredAnswers(10).maxCountedIds(1_000).start()) {
      for (int i = 0; i < requests; i++) {
        send(sim, ids("m" + i + "-", 1000), "key-" + i);
      }

      assertThat(sim.totalResends()).isEqualTo(requests * 1000L);
      assertThat(sim.requests()).hasSize(5);
      assertThat(sim.droppedRequests()).isEqualTo(requests - 5);
      assertThat(sim.handler().resends().idempotency().size()).isEqualTo(10);
      assertThat(sim.handler().resends().resendCounts().size()).isEqualTo(1_000);
      assertThat(sim.resendCount("m199-999")).isEqualTo(1);
    }
  }

  private static ZuoraSimulator.Builder simulator() {
    return ZuoraSimulator.builder()
        .acceptToken(SimulatorHttp.TOKEN)
        .unknownIdPrefix(ZuoraSimulator.UNKNOWN_ID_PREFIX);
  }

  private static List<String> ids(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
  }

  private static HttpResponse<byte[]> send(ZuoraSimulator sim, List<String> ids, String key) {
    return SimulatorHttp.resend(sim, ids, key);
  }
}
