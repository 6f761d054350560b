package dev.zuoraclient.callouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zuoraclient.callouts.auth.ClientCredentialsTokenProvider;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client releases its threads and connections when closed, and when merely dropped; it never
 * closes what the application gave it. Threads are counted by what the JDK's {@link HttpClient}
 * starts for each instance (its selector thread), so that threads of other tests do not count.
 */
class ClientLifecycleTest {
  static final int CLIENTS = 20;

  final ZuoraSimulator sim = ZuoraSimulator.start();

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void close_releasesTheThreadsOfClientsAndTheirTokenProviders() throws Exception {
    sim.addKnownIds("a1");
    sim.addClient("cid", "csecret");
    Set<Thread> before = selectorThreads();
    List<CalloutResendClient> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      CalloutResendClient c =
          CalloutResendClient.builder()
              .baseUri(sim.baseUri())
              .clientCredentials("cid", "csecret")
              .build();
      assertThat(c.resend(List.of("a1")).outcome()).isEqualTo(ResendResult.Outcome.ALL_ACCEPTED);
      clients.add(c);
    }
    Set<Thread> theirs = newSince(before);
    // one HttpClient to resend, one for the token provider the client made
    assertThat(theirs).hasSize(2 * CLIENTS);

    clients.forEach(CalloutResendClient::close);

    // close() returns once they have ended, on Java 17 too: no collection, no waiting
    assertThat(alive(theirs)).as("selector threads alive after close").isEmpty();
  }

  @Test
  void closedClient_refusesCalls_andCloseIsIdempotent() {
    sim.addKnownIds("a1");
    sim.acceptToken("tok");
    CalloutResendClient client =
        CalloutResendClient.builder().baseUri(sim.baseUri()).accessToken("tok").build();
    client.resend(List.of("a1"));

    client.close();
    client.close();

    assertThatThrownBy(() -> client.resend(List.of("a1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("this CalloutResendClient is closed; build a new one");
    assertThatThrownBy(() -> client.resendAll(List.of("a1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("this CalloutResendClient is closed; build a new one");
    assertThat(sim.resendCount("a1")).isEqualTo(1);
  }

  @Test
  void closingDuringARun_leavesTheBatchesNotSentUnresolved() {
    sim.addKnownIds("a1", "a2", "a3");
    sim.acceptToken("tok");
    CalloutResendClient client =
        CalloutResendClient.builder().baseUri(sim.baseUri()).accessToken("tok").build();

    BatchResendResult result =
        client.resendAll(
            List.of("a1", "a2", "a3"),
            BatchOptions.builder()
                .batchSize(1)
                .concurrency(1)
                .eventListener(
                    new BatchEventListener() {
                      @Override
                      public void batchEnded(int batch, BatchProgress totals) {
                        client.close();
                      }
                    })
                .build());

    assertThat(result.accepted()).containsExactly("a1");
    assertThat(result.unresolved()).containsExactly("a2", "a3");
    assertThat(result.errors())
        .hasSize(2)
        .allSatisfy(
            e -> {
              assertThat(e.error()).isInstanceOf(BatchNotSentException.class);
              assertThat(e.mayHaveBeenResent()).isFalse();
              assertThat(e.reason()).startsWith("not sent: ");
            });
    assertThat(result.errors().get(0).error())
        .hasMessage("not sent: the client was closed")
        .cause()
        .hasMessage("this CalloutResendClient is closed; build a new one");
    assertThat(sim.resendCount("a2") + sim.resendCount("a3")).isZero();
  }

  @Test
  void droppedClients_areCollected_andTheirThreadsEnd() throws Exception {
    sim.addKnownIds("a1");
    sim.addClient("cid", "csecret");
    Set<Thread> theirs = new HashSet<>();
    List<WeakReference<CalloutResendClient>> dropped = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      dropped.add(useOnceAndDrop(sim.baseUri(), theirs));
    }
    assertThat(theirs).hasSize(2 * CLIENTS);

    assertThat(
            waitFor(
                () ->
                    dropped.stream().allMatch(r -> r.get() == null)
                        && theirs.stream().noneMatch(Thread::isAlive),
                true))
        .as(
            "clients still reachable: %d, selector threads alive: %s",
            dropped.stream().filter(r -> r.get() != null).count(), alive(theirs))
        .isTrue();
  }

  @Test
  void close_leavesTheApplicationsHttpClientAndTokenProviderOpen() throws Exception {
    sim.addKnownIds("a1");
    sim.addClient("cid", "csecret");
    HttpClient own = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    ClientCredentialsTokenProvider tokens =
        ClientCredentialsTokenProvider.builder()
            .baseUri(sim.baseUri())
            .clientId("cid")
            .clientSecret("csecret")
            .httpClient(own)
            .build();
    CalloutResendClient client =
        CalloutResendClient.builder()
            .baseUri(sim.baseUri())
            .accessTokenProvider(tokens)
            .httpClient(own)
            .build();
    client.resend(List.of("a1"));

    client.close();

    // the provider still serves tokens, and the application's client still sends
    assertThat(tokens.accessToken()).isNotEmpty();
    HttpResponse<String> answer =
        own.send(
            HttpRequest.newBuilder(URI.create(sim.baseUri() + "/no-such-path")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(404);

    tokens.close();
    tokens.close();
    assertThatThrownBy(tokens::accessToken)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("this ClientCredentialsTokenProvider is closed; build a new one");
    // closing the provider leaves the application's client open too
    assertThat(
            own.send(
                    HttpRequest.newBuilder(URI.create(sim.baseUri() + "/no-such-path")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void closedTokenProvider_releasesItsThread() throws Exception {
    sim.addClient("cid", "csecret");
    Set<Thread> before = selectorThreads();
    ClientCredentialsTokenProvider tokens =
        ClientCredentialsTokenProvider.builder()
            .baseUri(sim.baseUri())
            .clientId("cid")
            .clientSecret("csecret")
            .build();
    assertThat(tokens.accessToken()).isNotEmpty();
    Set<Thread> theirs = newSince(before);
    assertThat(theirs).hasSize(1);

    tokens.close();

    assertThat(alive(theirs)).as("selector thread alive after close").isEmpty();
  }

  /**
   * A client used once; nothing outside this method keeps it. The selector threads it started go to
   * {@code threads}, counted while it is still reachable (clients dropped before may already be
   * collected, and their threads gone).
   */
  private static WeakReference<CalloutResendClient> useOnceAndDrop(
      URI server, Set<Thread> threads) {
    Set<Thread> before = selectorThreads();
    CalloutResendClient c =
        CalloutResendClient.builder().baseUri(server).clientCredentials("cid", "csecret").build();
    assertThat(c.resend(List.of("a1")).outcome()).isEqualTo(ResendResult.Outcome.ALL_ACCEPTED);
    threads.addAll(newSince(before));
    Reference.reachabilityFence(c);
    return new WeakReference<>(c);
  }

  /** Polls for up to 30 s; with {@code collect}, asks for a garbage collection before each look. */
  private static boolean waitFor(BooleanSupplier condition, boolean collect)
      throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() - end < 0) {
      if (collect) {
        System.gc();
      }
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(100);
    }
    return condition.getAsBoolean();
  }

  private static Set<Thread> selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().matches("HttpClient-\\d+-SelectorManager"))
        .collect(Collectors.toSet());
  }

  private static Set<Thread> newSince(Set<Thread> before) {
    Set<Thread> now = new HashSet<>(selectorThreads());
    now.removeAll(before);
    return now;
  }

  private static List<String> alive(Set<Thread> threads) {
    return threads.stream().filter(Thread::isAlive).map(Thread::getName).sorted().toList();
  }
}
