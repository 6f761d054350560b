package dev.zuoraclient.callouts;

import static dev.zuoraclient.callouts.testing.HostileServer.cutBody;
import static dev.zuoraclient.callouts.testing.HostileServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zuoraclient.callouts.auth.ClientCredentialsTokenProvider;
import dev.zuoraclient.callouts.exception.ZuoraConnectionException;
import dev.zuoraclient.callouts.exception.ZuoraOutcomeUnknownException;
import dev.zuoraclient.callouts.exception.ZuoraPermissionException;
import dev.zuoraclient.callouts.testing.HostileServer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Metrics the ecosystem's way: with an ObservationRegistry whose handler makes meters, one call of
 * each outcome produces exactly the documented meters and tags, and no tag ever holds an ID, key,
 * track ID or token. Without Micrometer on the class path, the library works the same.
 */
class ObservabilityTest {
  static final String PATH = "/notifications/callout-histories/resend";
  static final String TOKEN = "token-observed-123456";
  static final List<String> IDS = List.of("obs-id-1", "obs-id-2");
  static final String PARTIAL = "{\"obs-id-2\":{\"code\":\"ObjectNotFound\",\"message\":\"gone\"}}";
  static final String ALL_FAILED =
      "{\"obs-id-1\":{\"code\":\"ObjectNotFound\",\"message\":\"gone\"},"
          + "\"obs-id-2\":{\"code\":\"ObjectNotFound\",\"message\":\"gone\"}}";

  final HostileServer server = HostileServer.start();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final ObservationRegistry observations = ObservationRegistry.create();

  {
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  CalloutResendClient client() {
    return CalloutResendClient.builder()
        .baseUri(server.baseUrl())
        .accessToken(TOKEN)
        .observationRegistry(observations)
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(2)
                .initialBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(10))
                .build())
        .build();
  }

  /** Each timer by name and tags, with its count. */
  Map<String, Long> timers() {
    Map<String, Long> out = new TreeMap<>();
    for (Meter m : meters.getMeters()) {
      if (m instanceof Timer t) {
        String tags =
            m.getId().getTags().stream()
                .map(tag -> tag.getKey() + "=" + tag.getValue())
                .collect(Collectors.joining(","));
        out.put(m.getId().getName() + "{" + tags + "}", t.count());
      }
    }
    return out;
  }

  @Test
  void eachOutcomeOfACall_isOneTimedCallWithItsOutcomeAndStatusClass() {
    CalloutResendClient client = client();

    server.answering(status(202, ""));
    client.resend(IDS);
    server.answering(status(202, PARTIAL));
    client.resend(IDS);
    server.answering(status(400, ALL_FAILED));
    client.resend(IDS);
    server.answering(status(403, "{\"code\":50000040,\"message\":\"no\"}"));
    assertThatThrownBy(() -> client.resend(IDS)).isInstanceOf(ZuoraPermissionException.class);
    server.answering(cutBody(202, 100, ""), cutBody(202, 100, ""));
    assertThatThrownBy(() -> client.resend(IDS)).isInstanceOf(ZuoraOutcomeUnknownException.class);

    assertThat(timers())
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("zuora.resend{error=none,outcome=all_accepted,status.class=2xx}", 1L),
                Map.entry(
                    "zuora.resend{error=none,outcome=partially_accepted,status.class=2xx}", 1L),
                Map.entry("zuora.resend{error=none,outcome=all_rejected,status.class=4xx}", 1L),
                Map.entry(
                    "zuora.resend{error=ZuoraPermissionException,outcome=refused,status.class=4xx}",
                    1L),
                Map.entry(
                    "zuora.resend{error=ZuoraOutcomeUnknownException,outcome=unknown,"
                        + "status.class=2xx}",
                    1L),
                Map.entry("zuora.resend.attempt{error=none,status.class=2xx}", 2L),
                Map.entry("zuora.resend.attempt{error=none,status.class=4xx}", 1L),
                Map.entry(
                    "zuora.resend.attempt{error=ZuoraPermissionException,status.class=4xx}", 1L),
                Map.entry(
                    "zuora.resend.attempt{error=ZuoraOutcomeUnknownException,status.class=2xx}",
                    2L),
                Map.entry(
                    "zuora.resend.backoff{error=none,reason=no_answer,server.asked=false}", 1L)));
  }

  @Test
  void aConnectionThatCannotBeMade_isTaggedNoConnection_attemptByAttempt() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CalloutResendClient client =
        CalloutResendClient.builder()
            .baseUri("http://127.0.0.1:" + port)
            .accessToken(TOKEN)
            .observationRegistry(observations)
            .retryPolicy(
                RetryPolicy.builder()
                    .maxAttempts(2)
                    .initialBackoff(Duration.ofMillis(5))
                    .maxBackoff(Duration.ofMillis(10))
                    .build())
            .build();

    assertThatThrownBy(() -> client.resend(IDS)).isInstanceOf(ZuoraConnectionException.class);

    assertThat(timers())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "zuora.resend{error=ZuoraConnectionException,outcome=no_connection,"
                    + "status.class=none}",
                1L,
                "zuora.resend.attempt{error=ZuoraConnectionException,status.class=none}",
                2L,
                "zuora.resend.backoff{error=none,reason=no_connection,server.asked=false}",
                1L));
  }

  @Test
  void a429_isAnAttempt_andAWaitAsLongAsZuoraAsked() {
    server.answering(status(429, "{}", "Retry-After: 1"), status(202, ""));

    client().resend(IDS);

    Timer backoff =
        meters
            .get("zuora.resend.backoff")
            .tags("reason", "rate_limited", "server.asked", "true")
            .timer();
    assertThat(backoff.count()).isEqualTo(1);
    assertThat(backoff.totalTime(TimeUnit.MILLISECONDS)).isBetween(1_000.0, 1_500.0);
    assertThat(
            meters
                .get("zuora.resend.attempt")
                .tags("status.class", "4xx", "error", "ZuoraRateLimitException")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(meters.get("zuora.resend").tags("outcome", "all_accepted").timer().count())
        .isEqualTo(1);
  }

  @Test
  void tokenFetches_areTimedWithTheirOutcome() {
    server.answering(HostileServer.routing(HostileServer.token(TOKEN, "3599"), status(202, "")));
    ClientCredentialsTokenProvider tokens =
        ClientCredentialsTokenProvider.builder()
            .baseUri(server.baseUrl())
            .clientId("client")
            .clientSecret("secret-observed")
            .observationRegistry(observations)
            .build();
    CalloutResendClient.builder()
        .baseUri(server.baseUrl())
        .accessTokenProvider(tokens)
        .observationRegistry(observations)
        .build()
        .resend(IDS);

    assertThat(
            meters
                .get("zuora.token.fetch")
                .tags("outcome", "success", "status.class", "2xx", "error", "none")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void noTagEverHoldsAnIdAKeyATrackIdOrAToken() {
    server.answering(status(202, PARTIAL));
    client()
        .resendAll(
            IDS,
            BatchOptions.builder()
                .batchSize(1)
                .requestOptions(
                    ResendOptions.builder().trackId("track-xyz").idempotencyKey("key-xyz").build())
                .build());

    Set<String> values = new TreeSet<>();
    for (Meter m : meters.getMeters()) {
      m.getId().getTags().stream().map(Tag::getValue).forEach(values::add);
    }
    assertThat(values)
        .isNotEmpty()
        .allSatisfy(
            v ->
                assertThat(v)
                    .doesNotContain("obs-id")
                    .doesNotContain("xyz")
                    .doesNotContain(TOKEN)
                    .hasSizeLessThan(40));
  }

  @Test
  void withoutMicrometerOnTheClassPath_theClientWorksTheSame() throws Exception {
    server.answering(status(202, PARTIAL));
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.contains("micrometer"))
            .collect(Collectors.joining(File.pathSeparator));
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath,
                WithoutMicrometer.class.getName(),
                server.baseUrl())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(output).contains("micrometer absent").contains("PARTIALLY_ACCEPTED [obs-id-1]");
    assertThat(p.exitValue()).isZero();
  }

  /**
   * Run in a JVM whose class path has no Micrometer jar; it refers to nothing of the test class
   * around it, which needs Micrometer.
   */
  static final class WithoutMicrometer {
    public static void main(String[] args) {
      try {
        Class.forName("io.micrometer.observation.ObservationRegistry");
        System.out.println("micrometer present");
      } catch (ClassNotFoundException e) {
        System.out.println("micrometer absent");
      }
      ResendResult r =
          CalloutResendClient.builder()
              .baseUri(args[0])
              .accessToken("token-observed-123456")
              .build()
              .resend(List.of("obs-id-1", "obs-id-2"));
      System.out.println(r.outcome() + " " + r.accepted());
    }
  }
}
