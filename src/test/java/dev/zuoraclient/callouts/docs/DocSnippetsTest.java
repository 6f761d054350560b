package dev.zuoraclient.callouts.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zuoraclient.callouts.BatchEventListener;
import dev.zuoraclient.callouts.BatchOptions;
import dev.zuoraclient.callouts.BatchProgress;
import dev.zuoraclient.callouts.BatchResendResult;
import dev.zuoraclient.callouts.CalloutResendClient;
import dev.zuoraclient.callouts.ResendFailure;
import dev.zuoraclient.callouts.ResendOptions;
import dev.zuoraclient.callouts.ResendResult;
import dev.zuoraclient.callouts.RetryPolicy;
import dev.zuoraclient.callouts.ZuoraEnvironment;
import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import dev.zuoraclient.callouts.auth.ClientCredentialsTokenProvider;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import dev.zuoraclient.callouts.simulator.ZuoraSimulatorExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Java the docs show, run ({@code DocsTest} checks that each document holds exactly the code
 * between a {@code // snippet:} line and its {@code // end snippet}). The README's quick start is
 * in {@code ReadmeExampleTest}, the simulator fixture in {@link CalloutReplayJobTest}.
 */
class DocSnippetsTest {
  @RegisterExtension static final ZuoraSimulatorExtension zuora = ZuoraSimulatorExtension.create();

  static final String clientId = "billing-client";
  static final String clientSecret = "billing-secret-value";

  /** The log the README's resendAll snippet writes to. */
  interface Log {
    void info(String format, Object... args);
  }

  @Test
  void client_eventListener() {
    CalloutResendClient client = zuora.client();
    zuora.simulator().failNextWith(1, 429, Duration.ofSeconds(1));
    List<String> lines = new ArrayList<>();
    Log log = (format, args) -> lines.add(format + " " + java.util.Arrays.toString(args));

    // spotless:off
    // snippet: event-listener
    BatchOptions options = BatchOptions.builder()
        .eventListener(new BatchEventListener() {
          @Override public void rateLimited(int batch, Duration wait) {
            log.info("batch {} rate limited, sent again in {}", batch, wait);
          }
          @Override public void batchEnded(int batch, BatchProgress totals) {
            log.info("{} of {} batches", totals.batchesDone(), totals.batchesTotal());
          }
        })
        .build();
    // end snippet
    // spotless:on

    BatchResendResult r = client.resendAll(List.of("a", "b"), options);
    assertThat(r.accepted()).containsExactly("a", "b");
    assertThat(lines)
        .containsExactly(
            "batch {} rate limited, sent again in {} [1, PT1S]", "{} of {} batches [1, 1]");
  }

  @Test
  void readme_resendAll() {
    CalloutResendClient client = zuora.client();
    List<String> ids =
        IntStream.range(0, 2500).mapToObj(i -> "id-" + i).collect(Collectors.toList());
    ids.add("unknown-1");
    List<String> lines = new ArrayList<>();
    Log log = (format, args) -> lines.add(format.replace("{}/{}", args[0] + "/" + args[1]));

    // spotless:off
    // snippet: resend-all
    BatchResendResult all =
        client.resendAll(ids, BatchOptions.builder()
            .requestOptions(ResendOptions.builder().idempotencyKey("outage-2026-11-27").build())
            .concurrency(4)
            .progressListener(p -> log.info("{}/{} batches", p.batchesDone(), p.batchesTotal()))
            .build());
    all.accepted();    // resent
    all.failures();    // refused by Zuora, with code and message
    all.unresolved();  // outcome unknown or never sent: safe to send again with the same key
    all.errors();      // one entry per unresolved batch: reason(), mayHaveBeenResent()
    // end snippet
    // spotless:on

    assertThat(all.accepted()).hasSize(2500);
    assertThat(all.failures()).extracting(ResendFailure::id).containsExactly("unknown-1");
    assertThat(all.unresolved()).isEmpty();
    int batches =
        (ids.size() + CalloutResendClient.MAX_IDS_PER_REQUEST - 1)
            / CalloutResendClient.MAX_IDS_PER_REQUEST; // the spec's maxItems decides
    assertThat(lines).contains(batches + "/" + batches + " batches");
    assertThat(zuora.simulator().requests())
        .allSatisfy(
            r ->
                assertThat(r.header("Idempotency-Key").orElseThrow())
                    .startsWith("outage-2026-11-27-"));
  }

  @Test
  void client_retryPolicy() {
    AccessTokenProvider tokens = AccessTokenProvider.fixed("a-token-of-yours");

    // spotless:off
    // snippet: retry-policy
    CalloutResendClient client =
        CalloutResendClient.builder()
            .environment(ZuoraEnvironment.US_PRODUCTION_2)
            .accessTokenProvider(tokens)
            .retryPolicy(RetryPolicy.builder().maxAttempts(5).deadline(Duration.ofMinutes(5)).build())
            .build(); // or .retryPolicy(RetryPolicy.none())
    // end snippet
    // spotless:on

    assertThat(client.baseUri()).isEqualTo(URI.create("https://rest.zuora.com"));
  }

  @Test
  void client_clientCredentials() {
    // spotless:off
    // snippet: client-credentials
    CalloutResendClient client =
        CalloutResendClient.builder()
            .environment(ZuoraEnvironment.EU_PRODUCTION)
            .clientCredentials(clientId, clientSecret) // from your secret store
            .build();
    // end snippet
    // spotless:on

    assertThat(client.baseUri()).isEqualTo(URI.create("https://rest.eu.zuora.com"));
    assertThat(client.toString()).doesNotContain(clientSecret);
  }

  @Test
  void client_tokenProvider() {
    // spotless:off
    // snippet: token-provider
    ClientCredentialsTokenProvider tokens =
        ClientCredentialsTokenProvider.builder()
            .environment(ZuoraEnvironment.EU_PRODUCTION)
            .clientId(clientId)
            .clientSecret(clientSecret)
            .build();
    CalloutResendClient billing =
        CalloutResendClient.builder()
            .environment(ZuoraEnvironment.EU_PRODUCTION)
            .accessTokenProvider(tokens)
            .build();
    // end snippet
    // spotless:on

    assertThat(billing.baseUri()).isEqualTo(URI.create("https://rest.eu.zuora.com"));
    assertThat(tokens.toString()).doesNotContain(clientSecret);
  }

  @Test
  void client_observations() {
    MeterRegistry meterRegistry = new SimpleMeterRegistry();
    AccessTokenProvider tokens = AccessTokenProvider.fixed("a-token-of-yours");

    // spotless:off
    // snippet: observations
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
    CalloutResendClient client = CalloutResendClient.builder()
        .environment(ZuoraEnvironment.US_PRODUCTION_2)
        .accessTokenProvider(tokens) // its own builder takes .observationRegistry(observations) too
        .observationRegistry(observations)
        .build();
    // end snippet
    // spotless:on

    assertThat(client.baseUri()).isEqualTo(URI.create("https://rest.zuora.com"));
    assertThat(observations.isNoop()).isFalse();
  }

  @Test
  void testing_standIn() {
    // spotless:off
    // snippet: stand-in
    BatchResendResult answer = BatchResendResult.builder()
        .accepted(List.of("a1"))
        .failures(List.of(new ResendFailure("b2", "ObjectNotFound", "Callout history does not exist.")))
        .build();
    CalloutResendClient client = new CalloutResendClient() {
      public ResendResult resend(List<String> ids, ResendOptions options) { throw new AssertionError(); }
      public BatchResendResult resendAll(Iterable<String> ids, BatchOptions options) { return answer; }
      public URI baseUri() { return URI.create("http://stand-in"); }
    };
    // end snippet
    // spotless:on

    BatchResendResult result = client.resendAll(List.of("a1", "b2"));
    assertThat(result.accepted()).containsExactly("a1");
    assertThat(result.failures()).extracting(ResendFailure::code).containsExactly("ObjectNotFound");
    assertThat(result.requestedCount()).isEqualTo(2);
  }

  /** The simulator the docs' tests use is the one in the simulator artifact. */
  @Test
  void theFixture_isTheSimulatorArtifactsOwn() {
    assertThat(zuora.simulator()).isInstanceOf(ZuoraSimulator.class);
  }
}
