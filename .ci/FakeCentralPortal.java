import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The two calls of Maven Central's Publisher API that central-publishing-maven-plugin makes for a
 * release left for a maintainer to publish (autoPublish false), answered on 127.0.0.1, so that
 * .ci/central-bundle-check can build a release exactly as the release workflow does and keep the
 * bundle it would upload, without reaching Central:
 *
 * <ul>
 *   <li>{@code POST /api/v1/publisher/upload} (multipart, part {@code bundle}): the bundle is saved
 *       as DIR/central-bundle.zip, the answer is a deployment ID;
 *   <li>{@code POST /api/v1/publisher/status?id=...}: VALIDATED, as the portal says of a bundle
 *       that passed its checks (CentralBundleCheck.java makes them here).
 * </ul>
 *
 * <p>Run with {@code java .ci/FakeCentralPortal.java DIR}; it writes its port to DIR/port and
 * serves until it is killed.
 */
public class FakeCentralPortal {
  static final String DEPLOYMENT = "00000000-0000-0000-0000-000000000000";

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/v1/publisher/upload",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          String type = exchange.getRequestHeaders().getFirst("Content-Type");
          byte[] bundle = part(body, type.substring(type.indexOf("boundary=") + 9));
          Files.write(dir.resolve("central-bundle.zip"), bundle);
          answer(exchange, 201, "text/plain", DEPLOYMENT);
        });
    server.createContext(
        "/api/v1/publisher/status",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          answer(
              exchange,
              200,
              "application/json",
              "{\"deploymentId\":\""
                  + DEPLOYMENT
                  + "\",\"deploymentName\":\"check\",\"deploymentState\":\"VALIDATED\","
                  + "\"purls\":[],\"errors\":{}}");
        });
    server.start();
    Path port = dir.resolve("port");
    Files.writeString(dir.resolve("port.tmp"), Integer.toString(server.getAddress().getPort()));
    Files.move(dir.resolve("port.tmp"), port);
  }

  /** The content of the first part of a multipart body, between its headers and the boundary. */
  static byte[] part(byte[] body, String boundary) {
    byte[] headersEnd = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] end = ("\r\n--" + boundary.replace("\"", "")).getBytes(StandardCharsets.ISO_8859_1);
    int start = indexOf(body, headersEnd, 0) + headersEnd.length;
    return Arrays.copyOfRange(body, start, indexOf(body, end, start));
  }

  static int indexOf(byte[] data, byte[] what, int from) {
    outer:
    for (int i = from; i <= data.length - what.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (data[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("not a multipart body");
  }

  static void answer(HttpExchange exchange, int status, String type, String text)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
