package dev.zuoraclient.callouts.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history's records, its generator, and the bounds of what Data Query keeps. */
class CalloutHistoryTest {
  private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void aRecord_needsANonBlankId_andATime_andKeepsMilliseconds() {
    assertThatThrownBy(() -> CalloutRecord.failed(" ", T, 500))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> CalloutRecord.failed("a", null, 500))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("createTime");
    assertThatThrownBy(() -> CalloutRecord.failed("a", T, 204))
        .hasMessageContaining("responseCode");
    assertThat(CalloutRecord.succeeded("a", T.plusNanos(1_234_567)).createTime())
        .isEqualTo(T.plusMillis(1));
  }

  @Test
  void withX_changesOneField() {
    CalloutRecord r =
        CalloutRecord.failed("a", T, 500)
            .withEventCategory("c")
            .withNotification("n")
            .withObject("o")
            .withAccount("acc")
            .withResponseCode(503);

    assertThat(r).isEqualTo(new CalloutRecord("a", T, 503, "c", "n", "o", "acc"));
    assertThat(r.isSuccess()).isFalse();
    assertThat(r.withResponseCode(299).isSuccess()).isTrue();
  }

  @Test
  void generatedFailures_areTheSameEveryTime_inQueryOrder_andResendable() {
    GeneratedFailures g = new GeneratedFailures(1000, T, T.plusMillis(10));
    GeneratedFailures again = new GeneratedFailures(1000, T, T.plusMillis(10));
    List<CalloutRecord> rows = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      rows.add(g.row(i));
    }

    assertThat(rows).isSortedAccordingTo(CalloutHistory.QUERY_ORDER);
    assertThat(rows).doesNotHaveDuplicates().allSatisfy(r -> assertThat(r.isSuccess()).isFalse());
    assertThat(rows.get(999)).isEqualTo(again.row(999));
    assertThat(rows)
        .extracting(CalloutRecord::id)
        .allMatch(id -> id.matches("[0-9a-f]{32}"))
        .noneMatch(id -> id.startsWith(ZuoraSimulator.UNKNOWN_ID_PREFIX));
    assertThat(rows).extracting(CalloutRecord::responseCode).containsOnly(500, 503, -1);
    assertThat(rows.get(999).createTime()).isBefore(T.plusMillis(10));
    assertThat(g.firstAtOrAfter(T.plusMillis(5))).isEqualTo(500);
    assertThat(g.firstAtOrAfter(T.plusMillis(10))).isEqualTo(1000);
  }

  @Test
  void aSnapshot_isNotChangedByLaterAdditions() {
    CalloutHistory history = new CalloutHistory(List.of(CalloutRecord.failed("b", T, 500)), null);
    CalloutHistory.Snapshot before = history.snapshot();

    history.add(List.of(CalloutRecord.failed("a", T, 500)));

    assertThat(before.records()).extracting(CalloutRecord::id).containsExactly("b");
    assertThat(history.snapshot().records())
        .extracting(CalloutRecord::id)
        .containsExactly("a", "b");
  }

  @Test
  void queryJobs_keepAtMostTheirBound_andNoneOlderThanADay() {
    QueryJobs jobs = new QueryJobs(Duration.ZERO);
    JobRequest request = new JobRequest("q", "LIVE", false, true);
    QueryJob first = jobs.submit(request, null, T);
    for (int i = 0; i < QueryJobs.MAX_JOBS; i++) {
      jobs.submit(request, null, T);
    }

    assertThat(jobs.size()).isEqualTo(QueryJobs.MAX_JOBS);
    assertThat(jobs.get(first.id)).isNull();

    QueryJob late = jobs.submit(request, null, T.plus(QueryJobs.KEPT_FOR));

    assertThat(jobs.size()).isEqualTo(1);
    assertThat(jobs.get(late.id)).isSameAs(late);
    assertThat(jobs.submitted()).isEqualTo(QueryJobs.MAX_JOBS + 2);
  }
}
