package dev.zuoraclient.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zuoraclient.callouts.BatchResendResult;
import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.RetryPolicy;
import dev.zuoraclient.callouts.simulator.ZuoraSimulatorExtension;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The simulator as a consumer's JUnit 5 fixture, used from a package of its own: one simulator for
 * the class, reset between tests, so that what one test injects never reaches the next.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatorExtensionTest {
  @RegisterExtension static final ZuoraSimulatorExtension zuora = ZuoraSimulatorExtension.create();

  static int port;

  @Test
  @Order(1)
  void seedsByTheUnknownPrefix_likeTheCommandLine() {
    port = zuora.baseUri().getPort();

    BatchResendResult result = zuora.client().resendAll(List.of("a1", "unknown-1", "b2"));

    assertThat(result.accepted()).containsExactly("a1", "b2");
    assertThat(result.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.id()).isEqualTo("unknown-1");
              assertThat(f.code()).isEqualTo("ObjectNotFound");
            });
    assertThat(zuora.simulator().resendCount("a1")).isEqualTo(1);
  }

  @Test
  @Order(2)
  void injectsFaultsAndSeeds_thatTheNextTestMustNotSee() {
    zuora.simulator().failNext(5, 503);
    zuora
        .simulator()
        .addFailingId("c3", "InvalidValue", "Callouts created by Workflow cannot be resent.");
    zuora.simulator().otherTraffic(0);

    assertThat(zuora.simulator().requests()).isEmpty();
  }

  @Test
  @Order(3)
  void startsClean_onTheSameSimulator() {
    CalloutResendClient noRetries =
        zuora
            .clientBuilder()
            .accessToken(ZuoraSimulatorExtension.TOKEN)
            .retryPolicy(RetryPolicy.none())
            .build();

    BatchResendResult result = noRetries.resendAll(List.of("a1", "c3"));

    // No 503 left over from the test before, c3 known again, counters back at zero.
    assertThat(result.accepted()).containsExactly("a1", "c3");
    assertThat(zuora.simulator().resendCount("a1")).isEqualTo(1);
    assertThat(zuora.simulator().requests()).hasSize(1);
    assertThat(zuora.baseUri().getPort()).isEqualTo(port);
  }

  @Test
  @Order(4)
  void clientCredentials_onTheClientBuilder_fetchTheTokenFromTheSameServer() {
    CalloutResendClient client =
        zuora
            .clientBuilder()
            .clientCredentials(
                ZuoraSimulatorExtension.CLIENT_ID, ZuoraSimulatorExtension.CLIENT_SECRET)
            .build();

    assertThat(client.resend(List.of("a1", "a2")).isAllAccepted()).isTrue();
    assertThat(client.resend(List.of("a3")).isAllAccepted()).isTrue();
    assertThat(zuora.simulator().tokenRequestCount()).isEqualTo(1);
    assertThat(zuora.simulator().requests())
        .filteredOn(r -> r.isResend())
        .allSatisfy(
            r -> assertThat(r.header("Authorization")).get().asString().startsWith("Bearer "));
  }

  @Nested
  class InANestedClass {
    @Test
    void sharesTheOuterSimulator() {
      assertThat(zuora.baseUri().getPort()).isEqualTo(port);
      assertThat(zuora.client().resend(List.of("n1")).isAllAccepted()).isTrue();
    }
  }

  /** In an instance field, every test gets a simulator of its own. */
  @Nested
  class PerTest {
    @RegisterExtension final ZuoraSimulatorExtension own = ZuoraSimulatorExtension.create();

    @Test
    void hasItsOwnSimulator() {
      assertThat(own.baseUri().getPort()).isNotEqualTo(zuora.baseUri().getPort());
      assertThat(own.client().resend(List.of("unknown-9")).isAllRejected()).isTrue();
    }
  }
}
