package dev.zuoraclient.callouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Request compression, checked on the raw bytes a plain JDK server receives. */
class GzipRequestTest {
  private HttpServer server;
  private final AtomicReference<byte[]> rawBody = new AtomicReference<>();
  private final AtomicReference<String> contentEncoding = new AtomicReference<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        CalloutResendClientTest.PATH,
        exchange -> {
          contentEncoding.set(exchange.getRequestHeaders().getFirst("Content-Encoding"));
          rawBody.set(exchange.getRequestBody().readAllBytes());
          exchange.sendResponseHeaders(202, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private CalloutResendClient client() {
    return CalloutResendClient.builder()
        .baseUri("http://127.0.0.1:" + server.getAddress().getPort())
        .accessToken("t0k")
        .build();
  }

  @Test
  void resend_withGzipFlag_sendsAGzippedBodyThatDecompressesToTheIds() throws IOException {
    ResendResult result =
        client()
            .resend(List.of("h1", "h2", "h3"), ResendOptions.builder().gzipRequest(true).build());

    assertThat(result.isAllAccepted()).isTrue();
    assertThat(contentEncoding.get()).isEqualTo("gzip");
    byte[] raw = rawBody.get();
    assertThat(raw[0] & 0xff).isEqualTo(0x1f);
    assertThat(raw[1] & 0xff).isEqualTo(0x8b);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("[\"h1\",\"h2\",\"h3\"]");
    }
  }

  @Test
  void resend_withoutGzipFlag_sendsPlainJson() {
    client().resend(List.of("h1"));

    assertThat(contentEncoding.get()).isNull();
    assertThat(new String(rawBody.get(), StandardCharsets.UTF_8)).isEqualTo("[\"h1\"]");
  }
}
