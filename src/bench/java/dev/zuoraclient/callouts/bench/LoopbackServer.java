package dev.zuoraclient.callouts.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server of the per-call benchmarks, run in its own JVM: it answers every resend request with
 * the same bytes whoever sends it ({@link Payloads}), and counts requests and client connections
 * ({@code GET /stats} reports and resets them).
 *
 * <p>Start it with {@code -Dsun.net.httpserver.nodelay=true}: otherwise the JDK server sends an
 * answer's headers and body as two segments and the body waits for a delayed ACK. It prints {@code
 * port=N} once listening and stops when its standard input closes.
 */
public final class LoopbackServer {
  private static final String REQUEST_ID = "3f1c2a4e-0000-4000-8000-00000000b0b0";

  private final AtomicLong requests = new AtomicLong();
  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
  private final byte[] failures = Payloads.failureAnswer();

  private LoopbackServer() {}

  public static void main(String[] args) throws IOException {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    LoopbackServer handlers = new LoopbackServer();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    server.createContext(Payloads.RESEND_PATH, handlers::resend);
    server.createContext("/stats", handlers::stats);
    server.setExecutor(pool);
    server.start();
    System.out.println("port=" + server.getAddress().getPort());
    System.out.flush();
    InputStream in = System.in;
    while (in.read() != -1) {
      // runs until the harness closes our stdin, or exits
    }
    server.stop(0);
    pool.shutdownNow();
  }

  private void resend(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      clientPorts.add(exchange.getRemoteAddress().getPort());
      byte[] body = exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("Zuora-Request-Id", REQUEST_ID);
      if (body.length > Payloads.B_THRESHOLD_BYTES) {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(202, failures.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(failures);
        }
      } else {
        exchange.sendResponseHeaders(202, -1);
      }
    }
  }

  private void stats(HttpExchange exchange) throws IOException {
    try (exchange) {
      long n = requests.getAndSet(0);
      int connections = clientPorts.size();
      clientPorts.clear();
      byte[] answer =
          ("requests=" + n + " connections=" + connections).getBytes(StandardCharsets.US_ASCII);
      exchange.sendResponseHeaders(200, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }
}
