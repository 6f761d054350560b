package dev.zuoraclient.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zuoraclient.callouts.BatchError;
import dev.zuoraclient.callouts.BatchOptions;
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
  static final class FakeClient implements CalloutResendClient {
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
        new ZuoraRateLimitException(
            "too many requests",
            null,
            Duration.ofSeconds(3),
            null,
            "50000;w=60",
            0,
            ZuoraException.Context.of(429, "req-2", null, "key-2", List.of("a")));

    assertThat(partial.outcome()).isEqualTo(ResendResult.Outcome.PARTIALLY_ACCEPTED);
    assertThat(limited.retryAfter()).contains(Duration.ofSeconds(3));
    assertThat(limited.isRetryable()).isTrue();
    assertThat(limited.mayHaveBeenProcessed()).isFalse();
    assertThat(limited.ids()).containsExactly("a");
  }
}
