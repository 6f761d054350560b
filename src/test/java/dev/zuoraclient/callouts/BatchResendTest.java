package dev.zuoraclient.callouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zuoraclient.callouts.exception.ZuoraAuthenticationException;
import dev.zuoraclient.callouts.exception.ZuoraServerException;
import dev.zuoraclient.callouts.internal.RunMachineryAccess;
import dev.zuoraclient.callouts.internal.SpecRules;
import dev.zuoraclient.callouts.simulator.RecordedRequest;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** resendAll against the simulator: any number of IDs, nothing lost. */
class BatchResendTest {
  static final String TOKEN = "batch-token";

  ZuoraSimulator zuora;
  CalloutResendClient client;

  @BeforeEach
  void start() {
    // Seeded by list, filled by each test: an ID not added does not exist.
    zuora = ZuoraSimulator.builder().acceptToken(TOKEN).knownIds().start();
    client =
        CalloutResendClient.builder()
            .baseUri(zuora.baseUri())
            .accessToken(TOKEN)
            .retryPolicy(RetryPolicy.none())
            .build();
  }

  @AfterEach
  void stop() {
    zuora.close();
  }

  static List<String> ids(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + i).collect(Collectors.toList());
  }

  List<RecordedRequest> resends() {
    return zuora.requests().stream().filter(RecordedRequest::isResend).collect(Collectors.toList());
  }

  /** Two and a half batches of the spec's maxItems: three requests, the last one half full. */
  static final int MAX = SpecRules.MAX_IDS;

  static final int TWO_AND_A_HALF = 2 * MAX + MAX / 2;

  @Test
  void resendAll_splitsTwoAndAHalfBatchesIntoThree_andLosesNothing() {
    List<String> known = ids("k", TWO_AND_A_HALF - 100);
    List<String> unknown = ids("u", 100);
    zuora.addKnownIds(known);
    List<String> all = new ArrayList<>(known);
    all.addAll(unknown);

    BatchResendResult result =
        client.resendAll(
            all,
            BatchOptions.builder()
                .requestOptions(
                    ResendOptions.builder().idempotencyKey("run-7").trackId("t-batch").build())
                .build());

    assertThat(result.requestedCount()).isEqualTo(TWO_AND_A_HALF);
    assertThat(result.batchCount()).isEqualTo(3);
    assertThat(result.accepted()).containsExactlyElementsOf(known);
    assertThat(result.failures()).extracting(ResendFailure::id).containsExactlyElementsOf(unknown);
    assertThat(result.failures()).extracting(ResendFailure::code).containsOnly("ObjectNotFound");
    assertThat(result.unresolved()).isEmpty();
    assertThat(result.requestIds()).hasSize(3).doesNotHaveDuplicates();
    assertThat(resends()).extracting(r -> r.ids().size()).containsExactly(MAX, MAX, MAX / 2);
    assertThat(resends())
        .extracting(r -> r.header("Idempotency-Key").orElseThrow())
        .containsExactly(
            RunMachineryAccess.batchKey("run-7", all.subList(0, MAX)),
            RunMachineryAccess.batchKey("run-7", all.subList(MAX, 2 * MAX)),
            RunMachineryAccess.batchKey("run-7", all.subList(2 * MAX, TWO_AND_A_HALF)))
        .allMatch(key -> key.matches("run-7-[0-9a-f]{16}"))
        .doesNotHaveDuplicates();
    assertThat(resends())
        .extracting(r -> r.header("Zuora-Track-Id").orElseThrow())
        .containsOnly("t-batch");
    for (String id : known) {
      assertThat(zuora.resendCount(id)).isEqualTo(1);
    }
  }

  @Test
  void resendAll_withoutAKey_givesEachBatchItsOwnKey() {
    zuora.addKnownIds(ids("k", 30));

    client.resendAll(ids("k", 30), BatchOptions.builder().batchSize(10).build());

    Set<String> keys =
        resends().stream()
            .map(r -> r.header("Idempotency-Key").orElseThrow())
            .collect(Collectors.toSet());
    assertThat(keys).hasSize(3);
  }

  @Test
  void resendAll_dropsDuplicates_keepingFirstOccurrenceOrder() {
    zuora.addKnownIds("a", "b", "c");

    BatchResendResult result = client.resendAll(List.of("c", "a", "c", "b", "a"));

    assertThat(result.requestedCount()).isEqualTo(3);
    assertThat(result.accepted()).containsExactly("c", "a", "b");
    assertThat(resends().get(0).ids()).containsExactly("c", "a", "b");
  }

  @Test
  void resendAll_whenTheMiddleBatchFails_reportsItsIdsUnresolved_andTheOthersNormally() {
    List<String> all = ids("k", 25);
    zuora.addKnownIds(all);
    List<Integer> seenBatch = new CopyOnWriteArrayList<>();

    BatchResendResult result =
        client.resendAll(
            all,
            BatchOptions.builder()
                .batchSize(10)
                .progressListener(
                    p -> {
                      seenBatch.add(p.batchesDone());
                      if (p.batchesDone() == 1) {
                        zuora.failNext(1, 503); // the second batch meets a server error
                      }
                    })
                .build());

    assertThat(result.accepted())
        .containsExactlyElementsOf(concat(all.subList(0, 10), all.subList(20, 25)));
    assertThat(result.unresolved()).containsExactlyElementsOf(all.subList(10, 20));
    assertThat(result.failures()).isEmpty();
    assertThat(result.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.batchIndex()).isEqualTo(2);
              assertThat(e.ids()).containsExactlyElementsOf(all.subList(10, 20));
              assertThat(e.error()).isInstanceOf(ZuoraServerException.class);
            });
    assertThat(result.requestIds()).hasSize(2);
    assertThat(seenBatch).containsExactly(1, 2, 3);
  }

  @Test
  void resendAll_whenTheTokenIsRejected_stopsAndLeavesTheRestUnresolved() {
    List<String> all = ids("k", 30);
    zuora.addKnownIds(all);

    BatchResendResult result =
        client.resendAll(
            all,
            BatchOptions.builder()
                .batchSize(10)
                .progressListener(p -> zuora.revokeTokens())
                .build());

    assertThat(result.accepted()).containsExactlyElementsOf(all.subList(0, 10));
    assertThat(result.unresolved()).containsExactlyElementsOf(all.subList(10, 30));
    assertThat(result.errors()).hasSize(2);
    assertThat(result.errors().get(0).error()).isInstanceOf(ZuoraAuthenticationException.class);
    assertThat(result.errors().get(1).error())
        .isInstanceOfSatisfying(
            BatchNotSentException.class,
            n -> assertThat(n.reason()).isEqualTo(BatchNotSentException.Reason.STOPPED_BY_ERROR));
    assertThat(resends()).hasSize(2); // the third batch was never sent
  }

  @Test
  void resendAll_withConcurrency_mergesInInputOrder_andSendsEachIdOnce() {
    List<String> all = ids("k", 1000);
    zuora.addKnownIds(all.subList(0, 900));

    BatchResendResult result =
        client.resendAll(all, BatchOptions.builder().batchSize(50).concurrency(4).build());

    assertThat(result.accepted()).containsExactlyElementsOf(all.subList(0, 900));
    assertThat(result.failures())
        .extracting(ResendFailure::id)
        .containsExactlyElementsOf(all.subList(900, 1000));
    assertThat(resends()).hasSize(20);
    Set<String> sent = new HashSet<>();
    resends().forEach(r -> assertThat(sent.addAll(r.ids())).isTrue());
    assertThat(sent).hasSize(1000);
  }

  @Test
  void resendAll_rejectsABadIdBeforeSendingAnything() {
    List<String> all = new ArrayList<>(ids("k", 1500));
    all.add("bad\nid");

    assertThatThrownBy(() -> client.resendAll(all))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("ids[1500] must not contain control characters");
    assertThat(zuora.requests()).isEmpty();
  }

  @Test
  void batchOptions_rejectOutOfRangeValues() {
    assertThatThrownBy(() -> BatchOptions.builder().batchSize(0).build())
        .hasMessageStartingWith("batchSize must be between 1 and " + MAX);
    assertThatThrownBy(() -> BatchOptions.builder().batchSize(MAX + 1).build())
        .hasMessageStartingWith("batchSize must be between 1 and " + MAX);
    assertThat(BatchOptions.builder().batchSize(MAX).build().batchSize()).isEqualTo(MAX);
    assertThatThrownBy(() -> BatchOptions.builder().concurrency(41).build())
        .hasMessageStartingWith("concurrency must be between 1 and 40");
  }

  @Test
  void derivedKeys_dependOnTheBatchsIds_stayWithin255Characters_andNeverCollideByTruncation() {
    String longA = "a".repeat(254) + "x";
    String longB = "a".repeat(254) + "y";
    List<String> ab = List.of("a", "b");

    assertThat(RunMachineryAccess.batchKey("run", ab))
        .isEqualTo(RunMachineryAccess.batchKey("run", List.of("a", "b")));
    assertThat(RunMachineryAccess.batchKey("run", ab))
        .isNotEqualTo(RunMachineryAccess.batchKey("run", List.of("c", "d")));
    assertThat(RunMachineryAccess.batchKey("run", ab))
        .isNotEqualTo(RunMachineryAccess.batchKey("run", List.of("ab")));
    assertThat(RunMachineryAccess.batchKey("run", ab))
        .isNotEqualTo(RunMachineryAccess.batchKey("run", List.of("b", "a")));
    assertThat(RunMachineryAccess.batchKey(longA, ab)).hasSizeLessThanOrEqualTo(255);
    assertThat(RunMachineryAccess.batchKey(longA, ab))
        .isNotEqualTo(RunMachineryAccess.batchKey(longB, ab));
  }

  @Test
  void resendingOnlyTheUnresolvedIds_withTheSameKey_neverGetsAnotherBatchsStoredAnswer() {
    zuora.addKnownIds("a", "b", "c", "d");
    BatchOptions options =
        BatchOptions.builder()
            .batchSize(2)
            .requestOptions(ResendOptions.builder().idempotencyKey("incident-9").build())
            .progressListener(
                p -> {
                  if (p.batchesDone() == 1) {
                    zuora.failNext(1, 503);
                  }
                })
            .build();
    BatchResendResult first = client.resendAll(List.of("a", "b", "c", "d"), options);
    assertThat(first.unresolved()).containsExactly("c", "d");

    BatchResendResult again =
        client.resendAll(
            first.unresolved(),
            BatchOptions.builder().batchSize(2).requestOptions(options.requestOptions()).build());

    assertThat(again.accepted()).containsExactly("c", "d");
    assertThat(zuora.resendCount("c")).isEqualTo(1);
    assertThat(zuora.resendCount("a")).isEqualTo(1);
  }

  @Test
  void aFailingProgressListener_costsNoOutcome() {
    zuora.addKnownIds("a", "b", "c");

    BatchResendResult result =
        client.resendAll(
            List.of("a", "b", "c"),
            BatchOptions.builder()
                .batchSize(1)
                .progressListener(
                    p -> {
                      throw new IllegalStateException("listener bug");
                    })
                .build());

    assertThat(result.accepted()).containsExactly("a", "b", "c");
    assertThat(result.errors()).isEmpty();
  }

  @Test
  void anInterruptedCaller_stopsTheRun_andTheRestIsUnresolved() {
    zuora.addKnownIds("a", "b", "c");

    BatchResendResult result;
    try {
      result =
          client.resendAll(
              List.of("a", "b", "c"),
              BatchOptions.builder()
                  .batchSize(1)
                  .progressListener(p -> Thread.currentThread().interrupt())
                  .build());
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }

    assertThat(result.accepted()).containsExactly("a");
    assertThat(result.unresolved()).containsExactly("b", "c");
    assertThat(resends()).hasSize(1);
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
