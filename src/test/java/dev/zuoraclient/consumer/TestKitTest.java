package dev.zuoraclient.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zuoraclient.callouts.BatchError;
import dev.zuoraclient.callouts.BatchEventListener;
import dev.zuoraclient.callouts.BatchOptions;
import dev.zuoraclient.callouts.BatchProgress;
import dev.zuoraclient.callouts.BatchResendResult;
import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.ResendFailure;
import dev.zuoraclient.callouts.ResendOptions;
import dev.zuoraclient.callouts.ResendResult;
import dev.zuoraclient.callouts.exception.ZuoraException;
import dev.zuoraclient.callouts.exception.ZuoraOutcomeUnknownException;
import dev.zuoraclient.callouts.exception.ZuoraRateLimitException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a consumer's unit test can do without the simulator, from a package of its own (so only the
 * public API compiles here): stand in for the client, and build every result and exception.
 */
class TestKitTest {

  /** A consumer's code under test: resends and reports what needs a human. */
  static final class BillingJob {
    private final CalloutResendClient client;

    BillingJob(CalloutResendClient client) {
      this.client = client;
    }

    List<String> needsAttention(List<String> ids) {
      BatchResendResult result = client.resendAll(ids);
      List<String> out = new ArrayList<>();
      result.failures().forEach(f -> out.add(f.id() + " " + f.code()));
      result.unresolved().forEach(id -> out.add(id + " unknown"));
      return out;
    }
  }

  /** The stand-in: answers from results built by the test. */
  static class FakeClient implements CalloutResendClient {
    private final BatchResendResult answer;
    final List<List<String>> calls = new ArrayList<>();

    FakeClient(BatchResendResult answer) {
      this.answer = answer;
    }

    @Override
    public ResendResult resend(List<String> ids, ResendOptions options) {
      throw new UnsupportedOperationException();
    }

    @Override
    public BatchResendResult resendAll(Iterable<String> ids, BatchOptions options) {
      List<String> copy = new ArrayList<>();
      ids.forEach(copy::add);
      calls.add(copy);
      return answer;
    }

    @Override
    public URI baseUri() {
      return URI.create("http://fake");
    }
  }

  @Test
  void aFakeClient_drivesTheConsumersCode_throughTheInterfacesDefaultMethods() {
    ZuoraException unknown =
        new ZuoraOutcomeUnknownException(
            "read timed out",
            ZuoraOutcomeUnknownException.Reason.TIMEOUT,
            ZuoraException.Context.of(0, null, null, "key-1", List.of("c")),
            null);
    BatchResendResult answer =
        BatchResendResult.builder()
            .accepted(List.of("a"))
            .failures(List.of(new ResendFailure("b", "ObjectNotFound", "no such callout")))
            .unresolved(List.of("c"))
            .errors(List.of(new BatchError(2, List.of("c"), unknown)))
            .requestIds(List.of("req-1"))
            .build();
    FakeClient fake = new FakeClient(answer);

    List<String> report = new BillingJob(fake).needsAttention(List.of("a", "b", "c"));

    assertThat(report).containsExactly("b ObjectNotFound", "c unknown");
    assertThat(fake.calls).containsExactly(List.of("a", "b", "c"));
    assertThat(answer.requestedCount()).isEqualTo(3);
    assertThat(answer.batchCount()).isEqualTo(2);
    assertThat(answer.isAllAccepted()).isFalse();
    assertThat(answer.errors().get(0).mayHaveBeenResent()).isTrue();
  }

  @Test
  void batchResult_refusesAnIdWithTwoOutcomes() {
    BatchResendResult.Builder twice =
        BatchResendResult.builder()
            .accepted(List.of("a"))
            .failures(List.of(new ResendFailure("a", "ObjectNotFound", "no such callout")));

    assertThatThrownBy(twice::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a'");
  }

  @Test
  void singleResultsAndExceptions_areBuiltThroughPublicFactories() {
    ResendResult partial =
        ResendResult.builder()
            .statusCode(202)
            .accepted(List.of("a"))
            .failures(List.of(new ResendFailure("b", "ObjectNotFound", "no such callout")))
            .requestId("req-1")
            .build();
    ZuoraRateLimitException limited =
        ZuoraRateLimitException.builder(List.of("a"))
            .retryAfter(Duration.ofSeconds(3))
            .rateLimitLimit("50000;w=60")
            .rateLimitRemaining(0)
            .requestId("req-2")
            .idempotencyKey("key-2")
            .build();

    assertThat(partial.outcome()).isEqualTo(ResendResult.Outcome.PARTIALLY_ACCEPTED);
    assertThat(limited.retryAfter()).contains(Duration.ofSeconds(3));
    assertThat(limited.isRetryable()).isTrue();
    assertThat(limited.mayHaveBeenResent()).isFalse();
    assertThat(limited.ids()).containsExactly("a");
    assertThat(limited.statusCode()).hasValue(429);
    assertThat(limited.rateLimitRemaining()).hasValue(0);
    assertThat(limited.rateLimitReset()).isEmpty();
    assertThat(limited.requestId()).contains("req-2");
    assertThat(limited.getMessage())
        .startsWith("Zuora rate limit reached (429), retry after 3000 ms")
        .endsWith("(status=429, requestId=req-2)");
    assertThatThrownBy(() -> ZuoraRateLimitException.builder(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ids must not be empty");
    assertThatThrownBy(() -> ZuoraRateLimitException.builder(List.of("a")).rateLimitRemaining(-1))
        .hasMessageContaining("rateLimitRemaining must not be negative");
    assertThatThrownBy(
            () -> ZuoraRateLimitException.builder(List.of("a")).retryAfter(Duration.ofSeconds(-1)))
        .hasMessageContaining("retryAfter must not be negative");
  }

  /** A consumer's job that reports progress through the options it gives the client. */
  static List<String> runWithProgress(CalloutResendClient client, List<String> ids) {
    List<String> lines = new ArrayList<>();
    client.resendAll(
        ids,
        BatchOptions.builder()
            .progressListener(p -> lines.add(p.batchesDone() + "/" + p.batchesTotal()))
            .eventListener(
                new BatchEventListener() {
                  @Override
                  public void batchSending(int batch, int size) {
                    lines.add("sending " + batch + " (" + size + ")");
                  }
                })
            .build());
    return lines;
  }

  @Test
  void aStandIn_drivesTheCallersProgressCode_throughTheOptionsListeners() {
    BatchResendResult answer = BatchResendResult.builder().accepted(List.of("a", "b")).build();
    CalloutResendClient standIn =
        new FakeClient(answer) {
          @Override
          public BatchResendResult resendAll(Iterable<String> ids, BatchOptions options) {
            options.eventListener().batchSending(1, 2);
            options.progressListener().accept(new BatchProgress(1, 1, 2, 0, 0));
            return super.resendAll(ids, options);
          }
        };

    assertThat(runWithProgress(standIn, List.of("a", "b"))).containsExactly("sending 1 (2)", "1/1");
    // The defaults are callable too: a stand-in need not check for a listener.
    BatchOptions.defaults().progressListener().accept(new BatchProgress(1, 1, 2, 0, 0));
    BatchOptions.defaults().eventListener().batchEnded(1, new BatchProgress(1, 1, 2, 0, 0));
  }

  @Test
  void batchResult_keepsTheClientsInvariants_namingTheRuleBroken() {
    ZuoraException unknown =
        new ZuoraOutcomeUnknownException(
            "read timed out",
            ZuoraOutcomeUnknownException.Reason.TIMEOUT,
            ZuoraException.Context.of(0, null, null, "key-1", List.of("c")),
            null);

    assertThatThrownBy(() -> BatchResendResult.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one accepted, failed or unresolved ID");
    assertThatThrownBy(() -> BatchResendResult.builder().unresolved(List.of("c")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("each unresolved ID needs the error of its batch")
        .hasMessageContaining("'c'");
    assertThatThrownBy(
            () ->
                BatchResendResult.builder()
                    .accepted(List.of("a"))
                    .errors(List.of(new BatchError(2, List.of("c"), unknown)))
                    .build())
        .hasMessageContaining("an error's IDs are unresolved ('c' is not)");
    assertThatThrownBy(() -> BatchResendResult.builder().accepted(List.of("a")).batchCount(0))
        .hasMessageContaining("batchCount must be at least 1");
    assertThatThrownBy(
            () ->
                BatchResendResult.builder()
                    .accepted(List.of("a"))
                    .unresolved(List.of("c"))
                    .errors(List.of(new BatchError(3, List.of("c"), unknown)))
                    .batchCount(2)
                    .build())
        .hasMessageContaining("batchIndex must be between 1 and batchCount 2 (got 3)");
    assertThatThrownBy(
            () ->
                BatchResendResult.builder()
                    .accepted(List.of("a", "b"))
                    .requestIds(List.of("req-1", "req-2"))
                    .batchCount(1)
                    .build())
        .hasMessageContaining("batchCount must be at least 2");
    assertThatThrownBy(
            () -> BatchResendResult.builder().accepted(List.of("a")).batchCount(2).build())
        .hasMessageContaining("batchCount must be at most the 1 IDs");

    BatchResendResult answeredWithoutRequestIds =
        BatchResendResult.builder().accepted(List.of("a")).build();
    assertThat(answeredWithoutRequestIds.batchCount()).isEqualTo(1);
  }
}
