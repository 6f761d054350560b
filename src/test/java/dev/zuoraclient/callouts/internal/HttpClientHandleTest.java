package dev.zuoraclient.callouts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A closed handle stops a client of its own (its selector thread ends, without a garbage
 * collection) once no exchange holds it, and never an application's; against a real local server
 * and the JDK's own {@link HttpClient}, on whatever Java runs the tests (CI runs 17 and 25).
 */
class HttpClientHandleTest {
  private HttpServer server;
  private final CountDownLatch requestArrived = new CountDownLatch(1);
  private final CountDownLatch answerNow = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/fast",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          answer(exchange, "fast");
        });
    server.createContext(
        "/slow",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          requestArrived.countDown();
          try {
            answerNow.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          answer(exchange, "slow");
        });
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stop() {
    answerNow.countDown();
    server.stop(0);
  }

  private static void answer(HttpExchange exchange, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private static HttpClient newClient() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  private String get(HttpClientHandle handle, String path) throws Exception {
    HttpClient http = handle.acquire();
    try {
      return http.send(
              HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } finally {
      handle.release();
    }
  }

  @Test
  void selectorThreadName_isTheOneTheJdkGivesTheClientsThread() throws Exception {
    HttpClient http = newClient();
    String name = HttpClientHandle.selectorThreadName(http);

    assertThat(name).matches("HttpClient-\\d+-SelectorManager");
    Thread thread = HttpClientHandle.selectorThread(http);
    assertThat(thread).isNotNull();
    assertThat(thread.getName()).isEqualTo(name);
    assertThat(thread.isAlive()).isTrue();
    assertThat(HttpClientHandle.selectorThread(newClient())).isNotSameAs(thread);
    new HttpClientHandle(http, true).close();
  }

  @Test
  void selectorThreadName_ofAnotherKindOfClient_isNone() {
    assertThat(
            HttpClientHandle.selectorThreadName("jdk.internal.net.http.HttpClientImpl@1b2c3d(7)"))
        .isEqualTo("HttpClient-7-SelectorManager");
    assertThat(HttpClientHandle.selectorThreadName("com.example.MyHttpClient@1b2c3d(7)")).isNull();
    assertThat(HttpClientHandle.selectorThreadName("jdk.internal.net.http.HttpClientImpl@1b2c3d"))
        .isNull();
    assertThat(HttpClientHandle.selectorThreadName("jdk.internal.net.http.HttpClientImpl@1(x7)"))
        .isNull();
    assertThat(HttpClientHandle.selectorThreadName("jdk.internal.net.http.HttpClientImpl@1()"))
        .isNull();
    assertThat(HttpClientHandle.selectorThreadName("null")).isNull();
  }

  @Test
  void close_withNothingInFlight_endsTheThreadBeforeReturning_withoutACollection()
      throws Exception {
    HttpClientHandle handle = new HttpClientHandle(newClient(), true);
    assertThat(get(handle, "/fast")).isEqualTo("fast");
    Thread selector = HttpClientHandle.selectorThread(handle.acquire());
    handle.release();

    handle.close();

    assertThat(selector.isAlive()).as("selector thread after close()").isFalse();
    assertThatThrownBy(handle::acquire)
        .isInstanceOf(IOException.class)
        .hasMessage("the client is closed; nothing was sent");
    handle.close(); // idempotent
  }

  @Test
  void close_whileAnExchangeIsInFlight_letsItEnd_thenEndsTheThread() throws Exception {
    HttpClientHandle handle = new HttpClientHandle(newClient(), true);
    Thread selector = HttpClientHandle.selectorThread(handle.acquire());
    handle.release();
    CompletableFuture<String> inFlight =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return get(handle, "/slow");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(requestArrived.await(10, TimeUnit.SECONDS)).isTrue();

    handle.close();

    assertThat(selector.isAlive()).as("selector thread while an exchange is in flight").isTrue();
    assertThatThrownBy(handle::acquire).isInstanceOf(IOException.class);
    answerNow.countDown();
    assertThat(inFlight.get(10, TimeUnit.SECONDS)).isEqualTo("slow");
    selector.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(selector.isAlive()).as("selector thread after the last exchange").isFalse();
  }

  @Test
  void close_ofAnApplicationsClient_leavesItRunning() throws Exception {
    HttpClient application = newClient();
    HttpClientHandle handle = new HttpClientHandle(application, false);
    assertThat(get(handle, "/fast")).isEqualTo("fast");

    handle.close();

    assertThat(HttpClientHandle.selectorThread(application)).isNotNull();
    assertThat(
            application
                .send(
                    HttpRequest.newBuilder(uri("/fast")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body())
        .isEqualTo("fast");
    new HttpClientHandle(application, true).close();
  }

  /**
   * The Java 17 way, tried on every Java: the thread ends. (On Java 17 a client whose thread has
   * ended this way would wait for ever on its next exchange: the handle refuses them once closed.)
   */
  @Test
  void interruptSelector_endsTheThread() throws Exception {
    HttpClient http = newClient();
    HttpClientHandle handle = new HttpClientHandle(http, false);
    assertThat(get(handle, "/fast")).isEqualTo("fast");
    Thread selector = HttpClientHandle.selectorThread(http);

    assertThat(HttpClientHandle.interruptSelector(http, Duration.ofSeconds(5))).isTrue();

    assertThat(selector.isAlive()).isFalse();
    assertThat(HttpClientHandle.selectorThread(http)).isNull();
    assertThat(HttpClientHandle.interruptSelector(http, Duration.ofSeconds(5))).isFalse();
  }
}
