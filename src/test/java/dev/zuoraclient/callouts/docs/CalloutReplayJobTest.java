package dev.zuoraclient.callouts.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zuoraclient.callouts.ResendFailure;
import dev.zuoraclient.callouts.ResendResult;
import dev.zuoraclient.callouts.simulator.RecordedRequest;
import dev.zuoraclient.callouts.simulator.ZuoraSimulatorExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// The simulator fixture as docs/testing.md shows it (DocsTest checks the document holds exactly
// this class), run as the test it is.
// spotless:off
// snippet: simulator-extension
class CalloutReplayJobTest {
  @RegisterExtension
  static final ZuoraSimulatorExtension zuora = ZuoraSimulatorExtension.create();

  @Test
  void replay_reportsTheUnknownId() {
    ResendResult result = zuora.client().resend(List.of("a1", "unknown-1"));

    assertThat(result.failures()).extracting(ResendFailure::id).containsExactly("unknown-1");
    assertThat(zuora.simulator().resendCount("a1")).isEqualTo(1);
    RecordedRequest sent = zuora.simulator().requests().get(0);
    assertThat(sent.header("Idempotency-Key")).isPresent();
  }

  @Test
  void retries_aServiceUnavailable() {
    zuora.simulator().failNext(1, 503); // this test only
    assertThat(zuora.client().resend(List.of("a1")).isAllAccepted()).isTrue();
  }
}
// end snippet
// spotless:on
