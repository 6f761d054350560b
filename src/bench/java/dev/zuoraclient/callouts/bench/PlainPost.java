package dev.zuoraclient.callouts.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The cold-start baseline: a plain JDK program that does what the CLI does in its default mode, and
 * nothing else. It starts a local server answering like the simulator (IDs starting with {@code
 * unknown} fail), POSTs the IDs in {@code args} once, prints the answer and exits. The POST goes
 * through {@code java.net.http.HttpClient} (the library's transport), or through {@code
 * HttpURLConnection} when the first argument is {@code --url-connection}. With {@code
 * --stop-client} first, the {@code HttpClient} program stops its client's selector thread before it
 * exits, as the library's {@code close()} does: a JVM waits at least 300 ms at exit for a thread
 * blocked in native code, which that thread is until its client is stopped.
 */
public final class PlainPost {
  // Literals, not Payloads' constants: this program must load nothing but itself and the JDK.
  private static final String PATH = "/notifications/callout-histories/resend";
  private static final String TOKEN = "bench-token-0123456789abcdef";

  private PlainPost() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    boolean urlConnection = args.length > 0 && args[0].equals("--url-connection");
    boolean stopClient = args.length > 0 && args[0].equals("--stop-client");
    String[] ids = urlConnection || stopClient ? Arrays.copyOfRange(args, 1, args.length) : args;
    StringBuilder request = new StringBuilder("[");
    StringBuilder failures = new StringBuilder("{");
    for (String id : ids) {
      request.append(request.length() == 1 ? "" : ",").append('"').append(id).append('"');
      if (id.startsWith("unknown")) {
        failures
            .append(failures.length() == 1 ? "" : ",")
            .append('"')
            .append(id)
            .append("\":{\"code\":\"ObjectNotFound\",\"message\":\"Not found.\"}");
      }
    }
    byte[] answer = failures.append('}').toString().getBytes(StandardCharsets.UTF_8);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        PATH,
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(202, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    server.start();
    try {
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
      byte[] body = request.append(']').toString().getBytes(StandardCharsets.UTF_8);
      int status =
          urlConnection
              ? postWithUrlConnection(uri, body)
              : postWithHttpClient(uri, body, stopClient);
      if (status != 202) {
        System.exit(1);
      }
    } finally {
      server.stop(0);
    }
  }

  private static int postWithHttpClient(URI uri, byte[] body, boolean stop)
      throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    System.out.println(response.statusCode() + " " + response.body());
    if (stop) {
      stop(client);
    }
    return response.statusCode();
  }

  /**
   * Ends the client's selector thread: {@code shutdown()} on Java 21 and later, an interrupt of
   * {@code HttpClient-<id>-SelectorManager} (the id ends the client's {@code toString()}) before.
   */
  private static void stop(HttpClient client) throws InterruptedException {
    String s = client.toString();
    String name =
        "HttpClient-" + s.substring(s.lastIndexOf('(') + 1, s.length() - 1) + "-SelectorManager";
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals(name)) {
        try {
          HttpClient.class.getMethod("shutdown").invoke(client);
        } catch (ReflectiveOperationException e) {
          t.interrupt(); // Java 17 to 20
        }
        t.join(1000);
      }
    }
  }

  private static int postWithUrlConnection(URI uri, byte[] body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Content-Type", "application/json");
    c.setRequestProperty("Authorization", "Bearer " + TOKEN);
    try (OutputStream out = c.getOutputStream()) {
      out.write(body);
    }
    int status = c.getResponseCode();
    try (InputStream in = c.getInputStream()) {
      System.out.println(status + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    return status;
  }
}
